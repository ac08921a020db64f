import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type IORedis from 'ioredis';
import type { DataSource, Repository } from 'typeorm';
import type { Env } from '../config/env.schema';
import { createRedis } from '../redis/redis.connection';
import { InjectRedis } from '../redis/redis.module';
import { RedisKeys } from '../redis/redis-keys';
import { type CalendarDate, parseCalendarDate } from '../common/calendar-date';
import { Clock } from '../common/clock';
import { DomainError, ErrorCode } from '../common/domain-error';
import { CalendarOverrideRow } from './calendar-override.entity';
import { CalendarYearRow } from './calendar-year.entity';
import { LiveWorkingCalendar } from './live-working-calendar';
import {
  type CalendarOverride,
  calendarOverrideSchema,
  parseYearNotice,
  WorkingCalendar,
  type YearNotice,
  yearsWithoutOfficialCalendar,
} from './working-calendar';
import { msg } from '../common/i18n/catalog';

/** Whether the coming years have an official calendar (health, the admin's workbench). */
export interface CalendarCoverage {
  today: CalendarDate;
  /** Years of the next CALENDAR_WARNING_DAYS that fall back to Monday–Friday: enter their notice. */
  missingYears: number[];
  /** Years an admin entered (`PUT /api/calendar/years/:year`). */
  enteredYears: number[];
}

/** Called after this process changed the calendar (the reminder side re-plans every open item). */
export type CalendarChangeListener = () => Promise<void>;

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

  private readonly listeners: CalendarChangeListener[] = [];
  private enteredYears: number[] = [];

  constructor(
    @InjectRepository(CalendarOverrideRow) private readonly rows: Repository<CalendarOverrideRow>,
    @InjectRepository(CalendarYearRow) private readonly years: Repository<CalendarYearRow>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
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

  /** Rebuilds the calendar from the tables. */
  async reload(): Promise<void> {
    const [rows, years] = await Promise.all([
      this.rows.find({ order: { date: 'ASC' } }),
      this.years.find({ order: { year: 'ASC' } }),
    ]);
    this.enteredYears = years.map((y) => y.year);
    this.calendar.replace(
      WorkingCalendar.fromChineseDays(rows.map(toOverride), { yearsEnteredByAdmins: this.enteredYears }),
    );
  }

  onChange(listener: CalendarChangeListener): void {
    this.listeners.push(listener);
  }

  coverage(): CalendarCoverage {
    const today = this.clock.today();
    return {
      today,
      missingYears: yearsWithoutOfficialCalendar(this.calendar, today),
      enteredYears: [...this.enteredYears],
    };
  }

  /**
   * Enters a year's official schedule in one step: the year's override rows become exactly the notice's days
   * (a second call corrects the first), the year counts as known, and everything re-plans.
   * @throws DomainError VALIDATION_FAILED naming every bad line
   */
  async putYear(year: number, notice: YearNotice, actorId: string | null): Promise<CalendarCoverage> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, msg('calendar.year_invalid', { year }));
    }
    const { overrides, problems } = parseYearNotice(year, notice);
    if (problems.length) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        msg('calendar.notice_invalid', { count: problems.length, first: problems[0] }),
        problems,
      );
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM calendar_overrides WHERE date BETWEEN $1 AND $2`, [
        `${year}-01-01`,
        `${year}-12-31`,
      ]);
      await manager.getRepository(CalendarOverrideRow).insert(overrides);
      await manager.query(
        `INSERT INTO calendar_years (year, entered_by) VALUES ($1, $2)
         ON CONFLICT (year) DO UPDATE SET entered_by = $2, updated_at = now()`,
        [year, actorId],
      );
    });
    await this.changed();
    return this.coverage();
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
    for (const listener of this.listeners) {
      await listener().catch((error: Error) => this.logger.warn(`after a calendar change: ${error.message}`));
    }
  }
}

function toOverride(row: CalendarOverrideRow): CalendarOverride {
  return { date: parseCalendarDate(row.date), kind: row.kind, name: row.name };
}
