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

/** The background half: a worker alive lately, and Redis holding the plan (schedulers, marker). */
export interface BackgroundState {
  workerFresh: boolean;
  queuesComplete: boolean;
}

/**
 * `down` when PostgreSQL or Redis does not answer (no request can be served); `degraded` when SMTP does not
 * (mail waits in the outbox and is retried), when no worker heartbeat is fresh, or when Redis does not hold the
 * expected job schedulers and plan marker (pages and the API still work; reminders would not go out until the
 * worker restores them); `ok` otherwise.
 */
export type Readiness = 'ok' | 'degraded' | 'down';

export function readinessOf(
  checks: DependencyChecks,
  background: BackgroundState = { workerFresh: true, queuesComplete: true },
): Readiness {
  if (checks.database.status === 'down' || checks.redis.status === 'down') return 'down';
  if (checks.smtp.status === 'down' || !background.workerFresh || !background.queuesComplete)
    return 'degraded';
  return 'ok';
}

/** Whether a heartbeat stamp (`<ISO time> <host>:<pid>`) is younger than `staleAfterMs` at `now`. */
export function heartbeatFresh(stamp: string | null, now: number, staleAfterMs: number): boolean {
  if (!stamp) return false;
  const at = Date.parse(stamp.split(' ')[0]);
  return Number.isFinite(at) && now - at <= staleAfterMs;
}
