import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type IORedis from 'ioredis';
import * as os from 'node:os';
import type { Env } from '../config/env.schema';
import { OutboxService } from '../notifications/outbox.service';
import { PlanEvents } from '../plans/plan-events';
import { JobSchedulers, PLAN_MARKER_KEY, WORKER_HEARTBEAT_KEY } from '../queue/job-schedulers';
import { InjectRedis } from '../redis/redis.module';
import { RedisKeys } from '../redis/redis-keys';
import { RemindersRunner } from './reminders-runner.service';

export interface RecoveryReport {
  reason: string;
  schedulers: number;
  reminders: number;
  at: string;
}

/**
 * Redis is a cache of the plan; PostgreSQL is the truth. A plain timer in the worker (not a BullMQ job, which
 * Redis can lose) every WORKER_WATCH_SECONDS: writes the heartbeat, checks the plan marker and, at start, after
 * a Redis reconnect or when the marker is gone, re-registers every job scheduler and re-plans every open item
 * (idempotent job ids: nothing is doubled); then relays plan events and mail rows PostgreSQL says are due.
 */
@Injectable()
export class WorkerWatch implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerWatch.name);
  private readonly intervalMs: number;
  private readonly heartbeatTtl: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private recoverReason: string | null = 'worker start';
  private stopped = false;
  private readonly onReady = () => this.requestRecovery('Redis reconnected');
  private connectedOnce = false;
  /** The recoveries this process ran (health, tests). */
  readonly recoveries: RecoveryReport[] = [];

  constructor(
    @InjectRedis() private readonly redis: IORedis,
    private readonly keys: RedisKeys,
    private readonly schedulers: JobSchedulers,
    private readonly runner: RemindersRunner,
    private readonly outbox: OutboxService,
    private readonly events: PlanEvents,
    config: ConfigService<Env, true>,
  ) {
    this.intervalMs = config.get('WORKER_WATCH_SECONDS', { infer: true }) * 1000;
    this.heartbeatTtl = Math.ceil(config.get('WORKER_STALE_AFTER_SECONDS', { infer: true }) * 2);
  }

  onApplicationBootstrap(): void {
    this.redis.on('ready', () => {
      // The first `ready` is the start (already counted); every later one follows a lost connection.
      if (this.connectedOnce) this.onReady();
      this.connectedOnce = true;
    });
    if (this.redis.status === 'ready') this.connectedOnce = true;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    this.tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Runs the watch now (single flight: a call during a run makes one more run). Resolves when done. */
  tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.watch()
      .catch((error: Error) => {
        if (!this.stopped) this.logger.warn(`worker watch: ${error.message}; trying again`);
      })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          void this.tick();
        }
      });
    return this.running;
  }

  private requestRecovery(reason: string): void {
    this.recoverReason ??= reason;
    void this.tick();
  }

  private async watch(): Promise<void> {
    const stamp = `${new Date().toISOString()} ${os.hostname()}:${process.pid}`;
    await this.redis.set(this.keys.key(...WORKER_HEARTBEAT_KEY), stamp, 'EX', this.heartbeatTtl);
    const marker = this.keys.key(...PLAN_MARKER_KEY);
    if (!this.recoverReason && !(await this.redis.exists(marker))) this.recoverReason = 'plan marker missing';
    if (this.recoverReason) {
      const reason = this.recoverReason;
      const schedulers = await this.schedulers.restoreAll();
      const replan = await this.runner.replan();
      await this.redis.set(marker, new Date().toISOString());
      this.recoverReason = null;
      const report = { reason, schedulers, reminders: replan.scheduled, at: new Date().toISOString() };
      this.recoveries.push(report);
      this.logger.log(
        `plan restored from PostgreSQL (${reason}): ${schedulers} scheduler groups, ${replan.scheduled} reminders`,
      );
    }
    await this.events.relay();
    await this.outbox.relay();
  }
}
