import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One-click unsubscribe tokens: `<userId>.<HMAC-SHA256(secret, "unsubscribe|<userId>")>` in base64url. No
 * expiry (a link in an old mail must keep working); nothing is stored, so nothing can leak from the database.
 */
export function unsubscribeToken(secret: string, userId: string): string {
  return `${userId}.${signature(secret, userId)}`;
}

/** The user id the token was made for, or null when it was not made with this secret. */
export function verifyUnsubscribeToken(secret: string, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const userId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(signature(secret, userId));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return /^[0-9a-f-]{36}$/i.test(userId) ? userId : null;
}

function signature(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(`unsubscribe|${userId}`).digest('base64url');
}
