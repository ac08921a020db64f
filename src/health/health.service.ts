import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { withDeadline } from '../common/deadline';
import type { Env } from '../config/env.schema';
import { MailService } from '../mail/mail.service';
import { EXPECTED_SCHEDULERS, PLAN_MARKER_KEY, WORKER_HEARTBEAT_KEY } from '../queue/job-schedulers';
import { QueueName } from '../queue/queues';
import { InjectRedis } from '../redis/redis.module';
import { RedisKeys } from '../redis/redis-keys';
import { type Check, type DependencyChecks, heartbeatFresh, type Readiness, readinessOf } from './readiness';

export interface HealthReport {
  status: Readiness;
  checks: DependencyChecks;
  worker: { lastHeartbeat: string | null; fresh: boolean };
  /** What Redis should hold and does not: `<queue>/<scheduler>` ids and `plan-marker`. */
  queues: { complete: boolean; missing: string[] };
  /**
   * Coming years without an official holiday schedule (reminders and 督办单 there would count Monday–Friday):
   * a warning for the admin, not a readiness failure.
   */
  calendar: { missingYears: number[] };
}

async function timed(work: () => Promise<unknown>, ms: number): Promise<Check> {
  const started = Date.now();
  try {
    await withDeadline(work(), ms);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', latencyMs: Date.now() - started, error: (error as Error).message };
  }
}

@Injectable()
export class HealthService {
  private readonly staleAfterMs: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRedis() private readonly redis: IORedis,
    private readonly keys: RedisKeys,
    private readonly mail: MailService,
    private readonly moduleRef: ModuleRef,
    private readonly calendar: CalendarService,
    config: ConfigService<Env, true>,
  ) {
    this.staleAfterMs = config.get('WORKER_STALE_AFTER_SECONDS', { infer: true }) * 1000;
  }

  async report(): Promise<HealthReport> {
    const [database, redis, smtp] = await Promise.all([
      timed(() => this.db.query('SELECT 1'), 2000),
      timed(() => this.redis.ping(), 1000),
      timed(() => this.mail.verify(3000), 3500),
    ]);
    const lastHeartbeat =
      redis.status === 'up'
        ? await this.redis.get(this.keys.key(...WORKER_HEARTBEAT_KEY)).catch(() => null)
        : null;
    // Heartbeats are stamped with the machine's time (operations, not the business Clock).
    const fresh = heartbeatFresh(lastHeartbeat, Date.now(), this.staleAfterMs);
    const missing = redis.status === 'up' ? await this.missingInRedis() : ['redis'];
    const checks = { database, redis, smtp };
    return {
      status: readinessOf(checks, { workerFresh: fresh, queuesComplete: missing.length === 0 }),
      checks,
      worker: { lastHeartbeat, fresh },
      queues: { complete: missing.length === 0, missing },
      calendar: { missingYears: this.calendar.coverage().missingYears },
    };
  }

  /** Expected job schedulers and the plan marker that Redis does not hold (bounded: a probe never hangs). */
  private async missingInRedis(): Promise<string[]> {
    try {
      return await withDeadline(
        (async () => {
          const missing: string[] = [];
          for (const name of Object.values(QueueName)) {
            const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
            const present = new Set((await queue.getJobSchedulers()).map((s) => String(s.key)));
            for (const id of EXPECTED_SCHEDULERS[name]) if (!present.has(id)) missing.push(`${name}/${id}`);
          }
          if (!(await this.redis.exists(this.keys.key(...PLAN_MARKER_KEY)))) missing.push('plan-marker');
          return missing;
        })(),
        1500,
        'Redis',
      );
    } catch (error) {
      return [`unknown: ${(error as Error).message}`];
    }
  }
}
