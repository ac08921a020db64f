import { withDeadline } from '../common/deadline';

/**
 * BullMQ's connections wait through a Redis outage (their commands are kept and sent on reconnect), so a
 * request that queues a job would hang with it. A request bounds that wait: past `ms` it goes on (the command
 * still runs when Redis returns; job ids make a second queueing harmless) and the caller falls back on what
 * PostgreSQL already holds (nightly passes, relays).
 */
export function redisDeadline<T>(work: Promise<T>, ms = 1000): Promise<T> {
  return withDeadline(work, ms, 'Redis');
}
