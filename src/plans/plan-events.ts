import {
  type BeforeApplicationShutdown,
  Global,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventEmitter } from 'node:events';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * What happened to a plan item that other modules react to (reminders reschedule, dashboards refresh).
 * Written to `plan_event_outbox` in the transaction that made the change and relayed to the listeners after the
 * commit, at least once: a listener must be idempotent (it gets the event's id to dedupe with).
 */
export type PlanEvent =
  | { type: 'plan.imported'; planId: string; itemIds: string[] }
  | { type: 'item.created'; itemId: string }
  | { type: 'item.deadline-changed'; itemId: string; before: string | null; after: string | null }
  | { type: 'item.closed'; itemId: string }
  | { type: 'item.cancelled'; itemId: string }
  | { type: 'item.reopened'; itemId: string }
  | { type: 'assignment.added'; itemId: string; departmentId: string }
  | { type: 'assignment.removed'; itemId: string; departmentId: string }
  | { type: 'assignment.acknowledged'; itemId: string; departmentId: string }
  | { type: 'report.submitted'; itemId: string; departmentId: string; reportId: string }
  | {
      type: 'report.reviewed';
      itemId: string;
      departmentId: string;
      reportId: string;
      decision: 'approved' | 'returned';
    }
  | { type: 'extension.requested'; itemId: string; requestId: string }
  | {
      type: 'extension.decided';
      itemId: string;
      requestId: string;
      approved: boolean;
      newDueOn: string | null;
    };

type Listener = (event: PlanEvent, eventId: string) => void | Promise<void>;

/** A listener that does not answer within this time (Redis down) leaves the event for the next relay. */
const LISTENER_TIMEOUT_MS = 5000;
const BATCH = 100;

/**
 * The plan-event outbox and its relay. A request writes its events with its change (`record`, same
 * transaction) and only nudges the relay after the commit, so its answer depends on PostgreSQL alone. The relay
 * runs in the process that made the change (nudged), retries with backoff while a listener fails (Redis
 * down), and the worker's watch runs it periodically for events left by a process that stopped.
 */
@Injectable()
export class PlanEvents implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PlanEvents.name);
  private readonly emitter = new EventEmitter();
  private running: Promise<number> | null = null;
  private again = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs = 500;
  private stopped = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  subscribe(listener: Listener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Writes events within the caller's transaction: they exist exactly when the change does. */
  async record(em: EntityManager, events: readonly PlanEvent[]): Promise<void> {
    if (events.length === 0) return;
    await em.query(`INSERT INTO plan_event_outbox (event) SELECT unnest($1::jsonb[])`, [
      events.map((e) => JSON.stringify(e)),
    ]);
  }

  /** An event of a change already committed: written on its own, then relayed like the others. */
  async emit(event: PlanEvent): Promise<void> {
    await this.record(this.dataSource.manager, [event]);
    this.nudge();
  }

  /** After a commit: relay soon, in the background (never awaited by a request). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.start();
  }

  /** Relays what is pending now (the worker's watch, tests); resolves with how many events were delivered. */
  async relay(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    return this.start();
  }

  private start(): Promise<number> {
    const run: Promise<number> = this.drain().finally(() => {
      if (this.running === run) this.running = null;
      if (this.again && !this.stopped && !this.running) {
        this.again = false;
        void this.start();
      }
    });
    this.running = run;
    return run;
  }

  async pending(): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ n: number }>>(
      'SELECT count(*)::int AS n FROM plan_event_outbox WHERE relayed_at IS NULL',
    );
    return row.n;
  }

  onApplicationBootstrap(): void {
    // Events a stopped process left behind.
    this.nudge();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.running?.catch(() => undefined);
  }

  private async drain(): Promise<number> {
    let delivered = 0;
    try {
      for (;;) {
        const { done, failed } = await this.relayBatch();
        delivered += done;
        if (failed) {
          this.retryLater();
          break;
        }
        if (done < BATCH) {
          this.retryDelayMs = 500;
          break;
        }
      }
    } catch (error) {
      if (!this.stopped) this.logger.warn(`plan events not relayed yet: ${(error as Error).message}`);
      this.retryLater();
    }
    return delivered;
  }

  /** One batch under row locks (two relays never deliver the same rows at once), in order, stopping at a failure. */
  private relayBatch(): Promise<{ done: number; failed: boolean }> {
    return this.dataSource.transaction(async (em) => {
      const rows = await em.query<Array<{ id: string; event: PlanEvent }>>(
        `SELECT id, event FROM plan_event_outbox WHERE relayed_at IS NULL ORDER BY id
          LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      const relayed: string[] = [];
      let failed = false;
      for (const row of rows) {
        try {
          for (const listener of this.emitter.listeners('event') as Listener[]) {
            await withTimeout(Promise.resolve(listener(row.event, row.id)), LISTENER_TIMEOUT_MS);
          }
          relayed.push(row.id);
        } catch (error) {
          failed = true;
          await em.query('UPDATE plan_event_outbox SET failures = failures + 1 WHERE id = $1', [row.id]);
          this.logger.warn(
            `plan event ${row.id} (${row.event.type}) not relayed: ${(error as Error).message}`,
          );
          break;
        }
      }
      if (relayed.length)
        await em.query('UPDATE plan_event_outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])', [
          relayed,
        ]);
      return { done: relayed.length, failed };
    });
  }

  private retryLater(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.nudge();
    }, this.retryDelayMs);
    this.retryTimer.unref();
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 10_000);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@Global()
@Module({ providers: [PlanEvents], exports: [PlanEvents] })
export class PlanEventsModule {}
