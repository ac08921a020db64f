import { UNSUBSCRIBE_TOKEN_DAYS, unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const secret = 'x'.repeat(40);
const user = '6f1c2a1e-8d1b-4a57-9a3e-1c0b7d2f9e10';
const issued = new Date('2026-12-07T01:00:00Z');
const later = (days: number) => new Date(issued.getTime() + days * 86400_000);

describe('unsubscribe tokens', () => {
  it('round-trips the user id until it expires', () => {
    const token = unsubscribeToken(secret, user, issued);
    expect(verifyUnsubscribeToken(secret, token, issued)).toBe(user);
    expect(verifyUnsubscribeToken(secret, token, later(UNSUBSCRIBE_TOKEN_DAYS - 1))).toBe(user);
    expect(verifyUnsubscribeToken(secret, token, later(UNSUBSCRIBE_TOKEN_DAYS + 1))).toBeNull();
  });

  it('refuses a token signed with another secret, a changed user id or expiry, or garbage', () => {
    const token = unsubscribeToken(secret, user, issued);
    expect(verifyUnsubscribeToken('y'.repeat(40), token, issued)).toBeNull();
    expect(verifyUnsubscribeToken(secret, token.replace(user, user.replace('6f', '7f')), issued)).toBeNull();
    const [id, expires, sig] = token.split('.');
    expect(
      verifyUnsubscribeToken(secret, `${id}.${Number(expires) + 86400 * 365}.${sig}`, issued),
    ).toBeNull();
    expect(verifyUnsubscribeToken(secret, 'nonsense', issued)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${user}.`, issued)).toBeNull();
  });
});
