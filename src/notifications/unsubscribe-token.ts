import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long the unsubscribe link of a mail works: long enough for an old mail, not forever. */
export const UNSUBSCRIBE_TOKEN_DAYS = 60;

/**
 * One-click unsubscribe tokens: `<userId>.<expiry, unix seconds>.<HMAC-SHA256(secret, "unsubscribe|<userId>|
 * <expiry>")>` in base64url. Nothing is stored, so nothing can leak from the database; the signed expiry makes
 * a forwarded or leaked old mail harmless after UNSUBSCRIBE_TOKEN_DAYS.
 */
export function unsubscribeToken(secret: string, userId: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_TOKEN_DAYS * 86400;
  return `${userId}.${expires}.${signature(secret, userId, expires)}`;
}

/** The user id the token was made for, or null when it was not made with this secret or has expired. */
export function verifyUnsubscribeToken(secret: string, token: string, now: Date): string | null {
  const match = /^([0-9a-f-]{36})\.(\d{1,12})\.([A-Za-z0-9_-]+)$/i.exec(token);
  if (!match) return null;
  const [, userId, expiresText, given] = match;
  const expires = Number(expiresText);
  const expected = Buffer.from(signature(secret, userId, expires));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return now.getTime() / 1000 <= expires ? userId : null;
}

/** The link (and `List-Unsubscribe` target) of one recipient's mail. */
export function unsubscribeUrl(publicUrl: string, secret: string, userId: string, now: Date): string {
  return `${publicUrl.replace(/\/$/, '')}/api/notifications/unsubscribe?token=${encodeURIComponent(
    unsubscribeToken(secret, userId, now),
  )}`;
}

function signature(secret: string, userId: string, expires: number): string {
  return createHmac('sha256', secret).update(`unsubscribe|${userId}|${expires}`).digest('base64url');
}
