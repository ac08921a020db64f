export type CheckStatus = 'up' | 'down';
export interface Check {
  status: CheckStatus;
  latencyMs: number;
  error?: string;
}
export interface DependencyChecks {
  database: Check;
  redis: Check;
  smtp: Check;
}

/**
 * `down` when PostgreSQL or Redis does not answer (no request can be served); `degraded` when only SMTP does
 * not (mail waits in the outbox and is retried, pages and the API still work); `ok` otherwise.
 */
export type Readiness = 'ok' | 'degraded' | 'down';

export function readinessOf(checks: DependencyChecks): Readiness {
  if (checks.database.status === 'down' || checks.redis.status === 'down') return 'down';
  return checks.smtp.status === 'down' ? 'degraded' : 'ok';
}
