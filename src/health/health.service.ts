import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { MailService } from '../mail/mail.service';
import { InjectRedis } from '../redis/redis.module';
import { RedisKeys } from '../redis/redis-keys';
import { type Check, type DependencyChecks, type Readiness, readinessOf } from './readiness';

export interface HealthReport {
  status: Readiness;
  checks: DependencyChecks;
  worker: { lastHeartbeat: string | null };
  /**
   * Coming years without an official holiday schedule (reminders and 督办单 there would count Monday–Friday):
   * a warning for the admin, not a readiness failure.
   */
  calendar: { missingYears: number[] };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  // Cleared once answered, so a probe leaves no timer behind to hold a stopping process.
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function timed(work: () => Promise<unknown>, ms: number): Promise<Check> {
  const started = Date.now();
  try {
    await withTimeout(work(), ms);
    return { status: 'up', latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down', latencyMs: Date.now() - started, error: (error as Error).message };
  }
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRedis() private readonly redis: IORedis,
    private readonly keys: RedisKeys,
    private readonly mail: MailService,
    private readonly calendar: CalendarService,
  ) {}

  async report(): Promise<HealthReport> {
    const [database, redis, smtp] = await Promise.all([
      timed(() => this.db.query('SELECT 1'), 2000),
      timed(() => this.redis.ping(), 1000),
      timed(() => this.mail.verify(3000), 3500),
    ]);
    const lastHeartbeat =
      redis.status === 'up'
        ? await this.redis.get(this.keys.key('worker', 'heartbeat')).catch(() => null)
        : null;
    const checks = { database, redis, smtp };
    return {
      status: readinessOf(checks),
      checks,
      worker: { lastHeartbeat },
      calendar: { missingYears: this.calendar.coverage().missingYears },
    };
  }
}
