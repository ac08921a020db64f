import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Job, JobsOptions, Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { addDays, isCalendarDate, parseCalendarDate, type CalendarDate } from '../common/calendar-date';
import { WorkingCalendar } from '../calendar/working-calendar';
import { Clock } from '../common/clock';
import type { Env } from '../config/env.schema';
import { QueueName, RemindersJob, type RemindersPayloads } from '../queue/queues';
import { InjectRedis } from '../redis/redis.module';
import { RedisKeys } from '../redis/redis-keys';
import { CLOSED_STATUSES, type ItemFacts, ReminderFactsRepository } from './reminder-facts.repository';
import { GLOBAL_SCOPE_ID } from './reminder-policy.entity';
import {
  DEFAULT_REMINDER_POLICY,
  mergePolicy,
  type PlannedReminder,
  planReminders,
  type ReminderPolicy,
  type ReminderPolicyOverride,
  reminderJobId,
} from './reminder.policy';

/** How far ahead delayed jobs exist; the daily replan extends the horizon (self-healing). */
export const PLANNING_HORIZON_DAYS = 35;

type RemindPayload = RemindersPayloads[RemindersJob.Remind];

export interface ScheduleReport {
  items: number;
  scheduled: number;
  removed: number;
}

/**
 * Turns items into delayed `remind` jobs. Job ids are `reminderJobId(item, rule, dueOn, sendOn)` (no ':'), so
 * scheduling the same reminder twice — a second replan, a restarted worker, two workers — adds nothing, while a
 * reminder a calendar change moves to another day gets a new id (BullMQ would ignore the old one re-added).
 * Each item's job ids are also kept in a Redis set, so a new due date, a closure or a calendar change finds and
 * removes the old ones. A job that fires re-checks the item (ReminderDispatchService): a stale job never sends,
 * it re-plans the item.
 */
@Injectable()
export class ReminderSchedulerService {
  private readonly sendAt: string;

  constructor(
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
    private readonly facts: ReminderFactsRepository,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
    @InjectRedis() private readonly redis: IORedis,
    private readonly keys: RedisKeys,
    config: ConfigService<Env, true>,
  ) {
    this.sendAt = config.get('REMINDER_SEND_AT', { infer: true });
  }

  /** The global default: built-in rules at REMINDER_SEND_AT, under the stored global row if any. */
  globalPolicy(stored?: ReminderPolicyOverride): ReminderPolicy {
    return mergePolicy({ ...DEFAULT_REMINDER_POLICY, sendAt: this.sendAt }, stored);
  }

  async policyFor(item: Pick<ItemFacts, 'id' | 'planId'>): Promise<ReminderPolicy> {
    const layers = await this.facts.policyLayers(item.planId, item.id);
    return mergePolicy(this.globalPolicy(layers.global), layers.plan, layers.item);
  }

  /** The reminders an item should have from today over the horizon (none when closed or without a due date). */
  planFor(
    item: ItemFacts,
    policy: ReminderPolicy,
    from?: CalendarDate,
    to?: CalendarDate,
  ): PlannedReminder[] {
    if (!item.effectiveDueOn || CLOSED_STATUSES.includes(item.status)) return [];
    const today = this.clock.today();
    // Each department is reminded against its own 办理时限: one plan per distinct assignment date.
    const dates = item.assignmentDueDates.length ? item.assignmentDueDates : [item.effectiveDueOn];
    return dates.flatMap((date) => {
      const dueOn = parseCalendarDate(date);
      const startOn = item.startOn && item.startOn <= dueOn ? parseCalendarDate(item.startOn) : null;
      return planReminders({ startOn, dueOn }, policy, this.calendar, {
        from: from ?? today,
        to: to ?? addDays(today, PLANNING_HORIZON_DAYS),
      });
    });
  }

  itemSetKey(itemId: string): string {
    return this.keys.key('reminders', 'item', itemId);
  }

  /** Recomputes one item's pending reminders: removes the ones no longer planned, adds the missing ones. */
  async rescheduleItem(itemId: string): Promise<ScheduleReport> {
    const [item] = await this.facts.items([itemId]);
    const planned = item ? this.planFor(item, await this.policyFor(item)) : [];
    const wanted = new Map(planned.map((p) => [reminderJobId(itemId, p), p]));
    const setKey = this.itemSetKey(itemId);
    const existing = await this.redis.smembers(setKey);

    let removed = 0;
    for (const id of existing) {
      const keep = wanted.get(id);
      const job = await this.queue.getJob(id);
      if (keep && job && (job.data as RemindPayload).sendAtUtc === keep.sendAtUtc) continue;
      if (job && (await this.removeIfPending(job))) removed++;
      if (!keep) await this.redis.srem(setKey, id);
    }
    const jobs = [...wanted.entries()].map(([id, p]) => this.jobFor(itemId, id, p));
    await this.queue.addBulk(jobs);
    if (wanted.size) await this.redis.sadd(setKey, ...wanted.keys());
    else await this.redis.del(setKey);
    return { items: 1, scheduled: jobs.length, removed };
  }

  /**
   * Schedules many items at once (the daily replan, the benchmark): one `addBulk` and one pipeline per chunk;
   * existing job ids are left alone by BullMQ. With `prune` (after a calendar change) it also removes each
   * item's pending jobs that are no longer planned, so no reminder stays on a day that is now a holiday.
   */
  async scheduleMany(
    items: readonly ItemFacts[],
    policies?: Map<string, ReminderPolicyOverride>,
    prune = false,
    from?: CalendarDate,
  ): Promise<ScheduleReport> {
    const layers = policies ?? (await this.facts.allPolicyLayers());
    const global = this.globalPolicy(layers.get(`global|${GLOBAL_SCOPE_ID}`));
    const plain = layers.size === 0 || (layers.size === 1 && layers.has(`global|${GLOBAL_SCOPE_ID}`));
    let scheduled = 0;
    let removed = 0;
    const CHUNK = 2000;
    // A few chunks in flight at once: planning the next chunk overlaps the round trips of the previous ones.
    const inFlight = new Set<Promise<unknown>>();
    let failure: unknown = null;
    for (let i = 0; i < items.length; i += CHUNK) {
      const jobs: Array<{ name: string; data: RemindPayload; opts: JobsOptions }> = [];
      const pipeline = this.redis.pipeline();
      const chunk = items.slice(i, i + CHUNK);
      const existing = prune ? await this.existingIds(chunk) : null;
      const today = this.clock.today();
      for (const [index, item] of chunk.entries()) {
        const policy = plain
          ? global
          : mergePolicy(global, layers.get(`plan|${item.planId}`), layers.get(`item|${item.id}`));
        const ids: string[] = [];
        for (const p of this.planFor(item, policy, from)) {
          const id = reminderJobId(item.id, p);
          ids.push(id);
          jobs.push(this.jobFor(item.id, id, p));
        }
        if (existing) {
          const unwanted = existing[index].filter((id) => !ids.includes(id));
          for (const id of unwanted) {
            // Ids of days already past are done (sent or stale): only the set entry goes, no queue round trip.
            const sendOn = decodeURIComponent(id.slice(id.lastIndexOf('|') + 1));
            if (isCalendarDate(sendOn) && sendOn < today) continue;
            const job = await this.queue.getJob(id);
            if (job && (await this.removeIfPending(job))) removed++;
          }
          if (unwanted.length) pipeline.srem(this.itemSetKey(item.id), ...unwanted);
        }
        if (ids.length) pipeline.sadd(this.itemSetKey(item.id), ...ids);
      }
      const write: Promise<unknown> = Promise.all([this.queue.addBulk(jobs), pipeline.exec()])
        .catch((error: unknown) => (failure ??= error))
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
      scheduled += jobs.length;
      if (inFlight.size >= 4) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
    return { items: items.length, scheduled, removed };
  }

  private async existingIds(items: readonly ItemFacts[]): Promise<string[][]> {
    const pipeline = this.redis.pipeline();
    for (const item of items) pipeline.smembers(this.itemSetKey(item.id));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, ids]) => {
      if (error) throw error;
      return ids as string[];
    });
  }

  /**
   * The daily self-healing pass over every open item; `prune` after a calendar change (see scheduleMany).
   * `from` (time travel) plans from an earlier day too: the reminders between it and today are due at once,
   * their outbox keys dropping any already sent.
   */
  async replanAll(prune = false, from?: CalendarDate): Promise<ScheduleReport> {
    const total: ScheduleReport = { items: 0, scheduled: 0, removed: 0 };
    const policies = await this.facts.allPolicyLayers();
    let after: string | null = null;
    for (;;) {
      const page = await this.facts.openItems(after, 5000);
      if (page.length === 0) break;
      const report = await this.scheduleMany(page, policies, prune, from);
      total.items += report.items;
      total.scheduled += report.scheduled;
      total.removed += report.removed;
      after = page[page.length - 1].id;
    }
    return total;
  }

  /** Pending (delayed or waiting) reminder job ids of an item. */
  async pendingJobIds(itemId: string): Promise<string[]> {
    const ids = await this.redis.smembers(this.itemSetKey(itemId));
    const out: string[] = [];
    for (const id of ids) {
      const job = await this.queue.getJob(id);
      if (job && ['delayed', 'waiting', 'prioritized'].includes(await job.getState())) out.push(id);
    }
    return out.sort();
  }

  /**
   * Time travel (dev clock, CLI, tests): moves every delayed reminder due by the Clock's now to the wait list so
   * the worker runs it now. Returns how many were promoted.
   */
  async promoteDue(): Promise<number> {
    const now = this.clock.now().toISOString();
    let promoted = 0;
    for (let start = 0; ; start += 1000) {
      const jobs = await this.queue.getDelayed(start, start + 999);
      if (jobs.length === 0) break;
      for (const job of jobs) {
        if (job.name === RemindersJob.Remind && (job.data as RemindPayload).sendAtUtc <= now) {
          await job.promote().catch(() => undefined);
          promoted++;
        }
      }
      if (jobs.length < 1000) break;
    }
    return promoted;
  }

  private jobFor(itemId: string, id: string, p: PlannedReminder) {
    const delay = Math.max(0, Date.parse(p.sendAtUtc) - this.clock.now().getTime());
    return {
      name: RemindersJob.Remind,
      data: { itemId, rule: p.rule, dueOn: p.dueOn, sendOn: p.sendOn, sendAtUtc: p.sendAtUtc },
      opts: {
        jobId: id,
        delay,
        attempts: 5,
        backoff: { type: 'exponential', delay: 5000 },
      } satisfies JobsOptions,
    };
  }

  private async removeIfPending(job: Job): Promise<boolean> {
    const state = await job.getState();
    if (state !== 'delayed' && state !== 'waiting' && state !== 'prioritized') return false;
    await job.remove().catch(() => undefined);
    return true;
  }
}
