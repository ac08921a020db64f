import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Env } from '../config/env.schema';
import { projectPath } from '../config/paths';

/** Where development keeps its generated secret, so unsubscribe links survive restarts. */
export const DEV_SECRET_FILE = projectPath('.data', 'app-secret');

/**
 * The secret that signs unsubscribe links: APP_SECRET (required in production, checked by the env schema);
 * in development generated once and kept in `.data/app-secret`; in tests random per process.
 */
export function resolveAppSecret(env: Pick<Env, 'APP_SECRET' | 'NODE_ENV'>, file = DEV_SECRET_FILE): string {
  if (env.APP_SECRET) return env.APP_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('APP_SECRET is required in production');
  if (env.NODE_ENV === 'test') return randomBytes(32).toString('base64url');
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  const secret = randomBytes(32).toString('base64url');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
