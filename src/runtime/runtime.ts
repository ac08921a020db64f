import { isListening } from '../common/listening';
import * as path from 'node:path';
import { ConfigurationError, type Env, validateEnv } from '../config/env.schema';
import { projectPath } from '../config/paths';
import { resolveDatabase } from '../database/database-url';

export interface Runtime {
  env: Env;
  /** Stops what this process started (embedded PostgreSQL, dev mail sink). */
  stop(): Promise<void>;
}

const log = (line: string) => process.stderr.write(`[duban] ${line}\n`);

/** Validates the environment or exits with one clear line per problem. */
export function loadEnvOrExit(raw: Record<string, unknown> = process.env): Env {
  try {
    return validateEnv(raw);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\nSee README.md, section "Configuration".\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Tells a newcomer how to get Redis when it does not answer; the app keeps retrying either way. */
export async function warnIfRedisDown(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const reachable = await isListening(Number(port || 6379), hostname);
  if (!reachable) {
    log(
      `Redis is not reachable at ${url}. Start one with\n` +
        `    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n` +
        `  (install it with: sudo apt-get install redis-server), or set REDIS_URL. Duban keeps retrying meanwhile.`,
    );
  }
}

/**
 * Everything a process needs before Nest starts: the validated environment, the database (embedded when
 * DATABASE_URL is unset) and, in development without SMTP_URL, the local mail sink.
 */
export async function prepareRuntime(options: { startMailSink: boolean }): Promise<Runtime> {
  const env = loadEnvOrExit();
  const stops: Array<() => Promise<void>> = [];

  const db = await resolveDatabase(env.LOG_LEVEL === 'debug' ? log : () => undefined);
  if (!env.DATABASE_URL)
    log(`using embedded PostgreSQL (${env.EMBEDDED_PG_DIR}, port ${env.EMBEDDED_PG_PORT})`);
  env.DATABASE_URL = db.url;
  stops.push(db.stop);

  if (!env.SMTP_URL) {
    const port = env.DEV_SMTP_PORT;
    if (options.startMailSink && !(await isListening(port))) {
      const dir = path.isAbsolute(env.MAIL_DIR) ? env.MAIL_DIR : projectPath(env.MAIL_DIR);
      // Loaded only here: the sink's smtp-server and mailparser are development dependencies, absent from a
      // production install (which must set SMTP_URL).
      const { MailSink } = await import('../mail/mail-sink');
      const sink = new MailSink({ dir });
      await sink.listen(port);
      stops.push(() => sink.close());
      log(`development mail sink on smtp://127.0.0.1:${port}; messages in ${dir} and at GET /api/dev/mail`);
    }
    env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  }
  await warnIfRedisDown(env.REDIS_URL);

  return {
    env,
    stop: async () => {
      for (const stop of stops.reverse())
        await stop().catch((e: Error) => log(`while stopping: ${e.message}`));
    },
  };
}
