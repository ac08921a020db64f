import { isIP } from 'node:net';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];
/** An address, a CIDR range (10.0.0.0/8) or a proxy-addr keyword. */
const isProxyEntry = (entry: string): boolean => {
  if (PROXY_KEYWORDS.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
};

/**
 * Every environment variable the app reads, with its default. README's configuration table is this list.
 * Validated once at start-up; all problems are reported together.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DUBAN_ROLE: z.enum(['api', 'worker', 'all']).default('all'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    /** Where mail links point; defaults to http://localhost:PORT outside production, required in production. */
    PUBLIC_URL: z.string().url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
    EMBEDDED_PG_PORT: port.default(54329),

    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'a redis:// URL')
      .default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, ":", "_" or "-"')
      .default('duban'),

    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('督办 Duban <duban@localhost>'),
    DEV_SMTP_PORT: port.default(2525),
    MAIL_DIR: z.string().min(1).default('.data/mail'),

    SESSION_TTL_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(12),
    COOKIE_SECURE: bool.optional(),
    LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(10).default(900),
    LOGIN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /**
     * Proxies whose X-Forwarded-For is believed (comma-separated addresses, CIDR ranges or loopback,
     * linklocal, uniquelocal). Unset: none — the client address is the connection's.
     */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean),
      )
      .refine((entries) => entries.every(isProxyEntry), {
        message: 'comma-separated addresses, CIDR ranges or loopback/linklocal/uniquelocal',
      }),

    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(20 * 1024 * 1024),
    STORAGE_DIR: z.string().min(1).default('.data/files'),
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    S3_ENDPOINT: z.string().url().optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_ACCESS_KEY: z.string().min(1).optional(),
    S3_SECRET_KEY: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),

    PROGRESS_YELLOW_LAG: z.coerce.number().min(0).max(100).default(10),
    PROGRESS_RED_LAG: z.coerce.number().min(0).max(100).default(30),
    INDICATOR_RULE_SET: z.string().min(1).default('config/indicators/2017.yaml'),

    APP_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    REMINDER_SEND_AT: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:mm')
      .default('09:00'),
    REMINDER_DAILY_CAP: z.coerce.number().int().min(1).max(10_000).default(20),
    ESCALATION_YELLOW_AFTER_DAYS: z.coerce.number().int().min(1).max(250).default(5),
    ESCALATION_RED_AFTER_DAYS: z.coerce.number().int().min(2).max(250).default(10),

    // Mail delivery (README, "Reminders" → "Delivery"): retries for a window, then `dead`.
    MAIL_RETRY_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 3600)
      .default(24 * 3600),
    MAIL_BACKOFF_BASE_SECONDS: z.coerce.number().positive().max(3600).default(10),
    MAIL_BACKOFF_MAX_SECONDS: z.coerce
      .number()
      .positive()
      .max(24 * 3600)
      .default(1800),
    MAIL_LEASE_SECONDS: z.coerce.number().positive().max(3600).default(120),
    // The worker's watch: heartbeat, recovery check (marker key) and relays, every this many seconds.
    WORKER_WATCH_SECONDS: z.coerce.number().positive().max(3600).default(15),
    WORKER_STALE_AFTER_SECONDS: z.coerce
      .number()
      .positive()
      .max(24 * 3600)
      .default(90),
  })
  .superRefine((env, ctx) => {
    if (env.STORAGE_DRIVER === 's3') {
      for (const name of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const) {
        if (!env[name]) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [name],
            message: 'is required when STORAGE_DRIVER=s3',
          });
        }
      }
    }
    if (env.PROGRESS_YELLOW_LAG > env.PROGRESS_RED_LAG) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PROGRESS_YELLOW_LAG'],
        message: 'must not exceed PROGRESS_RED_LAG',
      });
    }
    if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['SMTP_URL'],
        message: 'is required in production (the local mail sink is for development only)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.APP_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['APP_SECRET'],
        message: 'is required in production (it signs unsubscribe links)',
      });
    }
    if (env.ESCALATION_YELLOW_AFTER_DAYS >= env.ESCALATION_RED_AFTER_DAYS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['ESCALATION_RED_AFTER_DAYS'],
        message: 'must be greater than ESCALATION_YELLOW_AFTER_DAYS',
      });
    }
    if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PUBLIC_URL'],
        message: 'is required in production (links in mail would point at http://localhost)',
      });
    }
    if (env.MAIL_BACKOFF_BASE_SECONDS > env.MAIL_BACKOFF_MAX_SECONDS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MAIL_BACKOFF_BASE_SECONDS'],
        message: 'must not exceed MAIL_BACKOFF_MAX_SECONDS',
      });
    }
    if (env.WORKER_STALE_AFTER_SECONDS <= env.WORKER_WATCH_SECONDS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['WORKER_STALE_AFTER_SECONDS'],
        message: 'must be greater than WORKER_WATCH_SECONDS (the heartbeat interval)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['DATABASE_URL'],
        message: 'is required in production (the embedded PostgreSQL is for development only)',
      });
    }
  })
  // Links in mail point at the port the app really listens on unless told otherwise (outside production).
  .transform((env) => ({ ...env, PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}` }));

export type Env = z.infer<typeof envSchema>;

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigurationError';
  }
}

/** Validates the environment; throws one error whose message names every bad variable and what it expects. */
export function validateEnv(raw: Record<string, unknown>): Env {
  // Empty strings mean "unset" (docker-compose passes `VAR=` through).
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const got = issue.path.length ? raw[String(issue.path[0])] : undefined;
    const expected =
      issue.code === 'invalid_enum_value'
        ? `one of ${issue.options.join(', ')}`
        : issue.code === 'invalid_string' && issue.validation === 'regex'
          ? issue.message
          : issue.message.replace(/^Number must be/, 'a number').replace(/^Expected number.*/, 'a number');
    return got === undefined ? `${name} ${expected}` : `${name} must be ${expected} (got "${String(got)}")`;
  });
  throw new ConfigurationError(problems);
}
