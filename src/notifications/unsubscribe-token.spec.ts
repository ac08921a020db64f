import { unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe-token';

const secret = 'x'.repeat(40);
const user = '6f1c2a1e-8d1b-4a57-9a3e-1c0b7d2f9e10';

describe('unsubscribe tokens', () => {
  it('round-trips the user id', () => {
    expect(verifyUnsubscribeToken(secret, unsubscribeToken(secret, user))).toBe(user);
  });

  it('refuses a token signed with another secret, a changed user id or garbage', () => {
    const token = unsubscribeToken(secret, user);
    expect(verifyUnsubscribeToken('y'.repeat(40), token)).toBeNull();
    expect(verifyUnsubscribeToken(secret, token.replace(user, user.replace('6f', '7f')))).toBeNull();
    expect(verifyUnsubscribeToken(secret, 'nonsense')).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${user}.`)).toBeNull();
  });
});
