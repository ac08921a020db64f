import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from './queues';

/**
 * The recurring jobs every worker keeps registered (BullMQ job schedulers, stable ids). Redis is a cache of
 * this list: health compares Redis against it, and the worker's recovery re-registers it after Redis lost
 * its data.
 */
export const EXPECTED_SCHEDULERS: Readonly<Record<QueueName, readonly string[]>> = {
  [QueueName.Maintenance]: ['heartbeat', 'purge-sessions'],
  [QueueName.Indicators]: ['nightly-recompute'],
  [QueueName.Plans]: ['refresh-statuses'],
  [QueueName.Reminders]: ['replan', 'daily-run'],
  [QueueName.Mail]: ['outbox-relay'],
};

/**
 * Where each module's scheduler registration is kept, so it can be run again (worker start, Redis
 * reconnect, marker key gone). Registration runs at once but is not awaited: a worker starting while Redis is
 * down comes up and registers when the recovery runs.
 */
@Injectable()
export class JobSchedulers {
  private readonly logger = new Logger(JobSchedulers.name);
  private readonly registrations = new Map<string, () => Promise<unknown>>();

  register(name: string, registration: () => Promise<unknown>): void {
    this.registrations.set(name, registration);
    void registration().catch((error: Error) =>
      this.logger.warn(`could not register the ${name} schedulers yet: ${error.message}`),
    );
  }

  /** Runs every registration again (upserts: idempotent); throws when one fails, so the caller retries. */
  async restoreAll(): Promise<number> {
    for (const registration of this.registrations.values()) await registration();
    return this.registrations.size;
  }
}

/**
 * Redis key parts (under REDIS_PREFIX) of the plan marker: set by the worker once schedulers and reminders are
 * in Redis; its absence means Redis lost its data (flushed, restarted without persistence, replaced).
 */
export const PLAN_MARKER_KEY = ['reminders', 'planned'] as const;
/** … and of the worker heartbeat (`<ISO time> <host>:<pid>`). */
export const WORKER_HEARTBEAT_KEY = ['worker', 'heartbeat'] as const;
