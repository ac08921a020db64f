import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import type IORedis from 'ioredis';
import type { Repository } from 'typeorm';
import type { Env } from '../config/env.schema';
import { createRedis } from '../redis/redis.connection';
import { InjectRedis } from '../redis/redis.module';
import { RedisKeys } from '../redis/redis-keys';
import { parseCalendarDate } from '../common/calendar-date';
import { CalendarOverrideRow } from './calendar-override.entity';
import { LiveWorkingCalendar } from './live-working-calendar';
import { type CalendarOverride, calendarOverrideSchema, WorkingCalendar } from './working-calendar';

/**
 * Keeps the process's working calendar equal to chinese-days + the `calendar_overrides` table. A change made
 * here rebuilds at once and is announced on a Redis channel, so every other API and worker instance rebuilds
 * too; the worker also reloads at the start of each planning run (a missed message heals within a day).
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarService.name);
  private subscriber: IORedis | null = null;
  private readonly channel: string;

  constructor(
    @InjectRepository(CalendarOverrideRow) private readonly rows: Repository<CalendarOverrideRow>,
    readonly calendar: LiveWorkingCalendar,
    @InjectRedis() private readonly redis: IORedis,
    keys: RedisKeys,
    private readonly config: ConfigService<Env, true>,
  ) {
    this.channel = keys.key('calendar', 'changed');
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    this.subscriber = createRedis(this.config.get('REDIS_URL', { infer: true }), 'worker');
    this.subscriber.on('message', () => {
      void this.reload().catch((error: Error) =>
        this.logger.warn(`calendar reload failed: ${error.message}`),
      );
    });
    void this.subscriber
      .subscribe(this.channel)
      .catch((error: Error) => this.logger.warn(`calendar channel: ${error.message}`));
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  /** Rebuilds the calendar from the table. */
  async reload(): Promise<void> {
    const rows = await this.rows.find({ order: { date: 'ASC' } });
    this.calendar.replace(WorkingCalendar.fromChineseDays(rows.map(toOverride)));
  }

  list(): Promise<CalendarOverride[]> {
    return this.rows.find({ order: { date: 'ASC' } }).then((rows) => rows.map(toOverride));
  }

  /** Inserts or replaces the override of one day (validated by the calendar's own schema). */
  async put(row: CalendarOverride): Promise<CalendarOverride> {
    const valid = calendarOverrideSchema.parse(row);
    await this.rows.upsert({ date: valid.date, kind: valid.kind, name: valid.name }, ['date']);
    await this.changed();
    return valid;
  }

  /** @returns whether a row was removed */
  async remove(date: string): Promise<boolean> {
    const result = await this.rows.delete({ date: parseCalendarDate(date) });
    await this.changed();
    return (result.affected ?? 0) > 0;
  }

  private async changed(): Promise<void> {
    await this.reload();
    await this.redis.publish(this.channel, String(Date.now())).catch((error: Error) => {
      this.logger.warn(`could not announce the calendar change: ${error.message}`);
    });
  }
}

function toOverride(row: CalendarOverrideRow): CalendarOverride {
  return { date: parseCalendarDate(row.date), kind: row.kind, name: row.name };
}
