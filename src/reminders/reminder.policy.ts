/**
 * When to remind, when to escalate, and when to send digests (pure: no clock, no database, no queue).
 *
 * Reminder schedule for one item, with the working calendar deciding which days count:
 * - `start`: on the start date, or the next working day if it is a day off;
 * - `before_N`: N working days before the due date (always a working day by construction);
 * - `due_day`: on the due date, or the previous working day if the due date is a day off — the last day anyone
 *   is at their desk before the deadline;
 * - `overdue_K`: from the first day past due, every `overdueEveryCalendarDays` calendar days, each moved to the
 *   next working day if it falls on a day off. The nominal dates are computed from the due date, never from
 *   the previous (moved) reminder, so holidays do not make the cadence drift.
 *
 * An item gets at most one reminder a day: when rules meet on a day (e.g. `before_1` and a `due_day` moved
 * off a holiday, or two overdue reminders pushed past Spring Festival onto the same morning) only the most
 * urgent is sent. `before_N` reminders dated before the start date are dropped: nobody should be chased for
 * work that has not begun. The due date passed in is the effective one (after any approved extension); it is
 * part of `reminderKey`, so an extension naturally produces a fresh series.
 */
import { z } from 'zod';
import { type Message, type MessageKey, msg } from '../common/i18n/catalog';

import {
  addDays,
  daysBetween,
  isoWeekday,
  isTimeOfDay,
  SHANGHAI_TIME_ZONE,
  todayIn,
  zonedDateTimeToUtc,
  type CalendarDate,
} from '../common/calendar-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { escalationStartOn } from '../plans/assignment-deadline.policy';

// ---------------------------------------------------------------------------------------------------------------
// Policy and its overrides

export interface ReminderPolicy {
  /** Working days before the due date on which to remind, e.g. [30, 7, 1]. */
  beforeDueWorkingDays: readonly number[];
  onDueDay: boolean;
  /** Cadence of overdue reminders in calendar days; 0 turns them off. */
  overdueEveryCalendarDays: number;
  startNotice: boolean;
  /** Wall-clock time `HH:mm` in `timezone`. */
  sendAt: string;
  /** IANA zone of `sendAt`. */
  timezone: string;
}

export type ReminderPolicyOverride = Partial<ReminderPolicy>;

export const DEFAULT_REMINDER_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  beforeDueWorkingDays: Object.freeze([30, 7, 1]),
  onDueDay: true,
  overdueEveryCalendarDays: 7,
  startNotice: true,
  sendAt: '09:00',
  timezone: SHANGHAI_TIME_ZONE,
});

/** Zones already checked: building an Intl formatter per check dominated planning 100,000 items. */
const knownTimeZones = new Map<string, boolean>();

function isTimeZone(value: string): boolean {
  let known = knownTimeZones.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    knownTimeZones.set(value, known);
  }
  return known;
}

export const reminderPolicySchema = z.object({
  beforeDueWorkingDays: z.array(z.number().int().min(1).max(365)).max(20),
  onDueDay: z.boolean(),
  overdueEveryCalendarDays: z.number().int().min(0).max(365),
  startNotice: z.boolean(),
  sendAt: z.string().refine(isTimeOfDay, { message: 'must be HH:mm (00:00–23:59)' }),
  timezone: z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }),
});

/** What a plan or an item may store: any subset of the policy; unknown keys are refused. */
export const reminderPolicyOverrideSchema = reminderPolicySchema.partial().strict();

/**
 * The policy in force for an item: item settings win over plan settings, which win over the global default.
 * Fields left undefined inherit; an array replaces the inherited one instead of adding to it, so a plan can
 * narrow [30, 7, 1] to [3]. The result is validated, its offsets de-duplicated and sorted descending.
 */
export function mergePolicy(
  global: ReminderPolicy,
  plan?: ReminderPolicyOverride | null,
  item?: ReminderPolicyOverride | null,
): ReminderPolicy {
  const merged: ReminderPolicy = { ...global, ...definedFields(plan), ...definedFields(item) };
  const valid = reminderPolicySchema.parse(merged);
  return { ...valid, beforeDueWorkingDays: [...new Set(valid.beforeDueWorkingDays)].sort((a, b) => b - a) };
}

function definedFields(layer: ReminderPolicyOverride | null | undefined): ReminderPolicyOverride {
  if (!layer) return {};
  return Object.fromEntries(Object.entries(layer).filter(([, value]) => value !== undefined));
}

// ---------------------------------------------------------------------------------------------------------------
// Reminder schedule

export type ReminderRule = 'start' | 'due_day' | `before_${number}` | `overdue_${number}`;

export interface ReminderItem {
  startOn?: CalendarDate | null;
  /** The effective due date (after any approved extension). */
  dueOn: CalendarDate;
  closed?: boolean;
  cancelled?: boolean;
}

export interface DateWindow {
  from: CalendarDate;
  to: CalendarDate;
}

export interface PlannedReminder {
  rule: ReminderRule;
  sendOn: CalendarDate;
  /** `sendAt` on `sendOn` in the policy's zone, as an ISO-8601 UTC instant. */
  sendAtUtc: string;
  dueOn: CalendarDate;
}

interface Candidate {
  rule: ReminderRule;
  sendOn: CalendarDate;
  urgency: number;
}

// Urgency orders rules for the one-reminder-a-day rule: start < before_30 < before_7 < before_1 < due_day
// < overdue_1 < overdue_2 < … (offsets are capped at 365 by the schema, so before_N stays below due_day).
const DUE_DAY_URGENCY = 1000;

/** Reminders for `item` whose send date lies in `window` (both ends inclusive), sorted by date. */
export function planReminders(
  item: ReminderItem,
  rawPolicy: ReminderPolicy,
  calendar: WorkingCalendar,
  window: DateWindow,
): PlannedReminder[] {
  const policy = reminderPolicySchema.parse(rawPolicy);
  if (window.from > window.to) throw new RangeError(`Empty window: ${window.from} is after ${window.to}`);
  if (item.startOn && item.startOn > item.dueOn) {
    throw new RangeError(`Start ${item.startOn} is after due ${item.dueOn}`);
  }
  if (item.closed || item.cancelled) return [];

  const { dueOn, startOn } = item;
  const candidates: Candidate[] = [];

  if (policy.startNotice && startOn) {
    candidates.push({ rule: 'start', sendOn: calendar.nextWorkingDayInclusive(startOn), urgency: 0 });
  }
  for (const n of policy.beforeDueWorkingDays) {
    const sendOn = calendar.addWorkingDays(dueOn, -n);
    if (startOn && sendOn < startOn) continue;
    candidates.push({ rule: `before_${n}`, sendOn, urgency: DUE_DAY_URGENCY - n });
  }
  if (policy.onDueDay) {
    candidates.push({
      rule: 'due_day',
      sendOn: calendar.previousWorkingDayInclusive(dueOn),
      urgency: DUE_DAY_URGENCY,
    });
  }
  if (policy.overdueEveryCalendarDays > 0) {
    const firstOverdueDay = addDays(dueOn, 1);
    // Moving only ever goes forward, so once the nominal date passes the window nothing later can land in it.
    for (let k = 1; ; k++) {
      const nominal = addDays(firstOverdueDay, (k - 1) * policy.overdueEveryCalendarDays);
      if (nominal > window.to) break;
      const sendOn = calendar.nextWorkingDayInclusive(nominal);
      if (sendOn >= window.from) {
        candidates.push({ rule: `overdue_${k}`, sendOn, urgency: DUE_DAY_URGENCY + k });
      }
    }
  }

  const mostUrgentPerDay = new Map<CalendarDate, Candidate>();
  for (const candidate of candidates) {
    if (candidate.sendOn < window.from || candidate.sendOn > window.to) continue;
    const existing = mostUrgentPerDay.get(candidate.sendOn);
    if (!existing || candidate.urgency > existing.urgency) mostUrgentPerDay.set(candidate.sendOn, candidate);
  }

  return [...mostUrgentPerDay.values()]
    .sort((a, b) => (a.sendOn < b.sendOn ? -1 : a.sendOn > b.sendOn ? 1 : 0))
    .map(({ rule, sendOn }) => ({
      rule,
      sendOn,
      sendAtUtc: zonedDateTimeToUtc(sendOn, policy.sendAt, policy.timezone).toISOString(),
      dueOn,
    }));
}

/**
 * Deterministic id of one reminder to one recipient, for BullMQ job ids and logs; the database's unique key
 * on the same four parts is what actually prevents a second send. Parts are URI-encoded and joined with `|`,
 * so the key is unambiguous and free of `:`, which BullMQ refuses in custom job ids.
 */
export function reminderKey(
  itemId: string | number,
  rule: ReminderRule,
  dueOn: CalendarDate,
  recipientKey?: string,
): string {
  if (String(itemId) === '') throw new RangeError('reminderKey needs an item id');
  const parts = ['reminder', String(itemId), rule, dueOn];
  if (recipientKey !== undefined) parts.push(recipientKey);
  return parts.map(encodeURIComponent).join('|');
}

/**
 * Id of the delayed job that sends one reminder on one day: `reminderKey` plus the send date. A calendar change
 * that moves a reminder to another day therefore gives it a new job id — re-adding the old id would be ignored
 * by BullMQ and the reminder would stay on its old (now wrong) date.
 */
export function reminderJobId(
  itemId: string | number,
  p: Pick<PlannedReminder, 'rule' | 'dueOn' | 'sendOn'>,
): string {
  return `${reminderKey(itemId, p.rule, p.dueOn)}|${encodeURIComponent(p.sendOn)}`;
}

/** 7-day, 1-day and due-day reminders: never capped, never folded into a digest, never unsubscribed. */
export const DEADLINE_CRITICAL_BEFORE_DAYS = 7;

export function isDeadlineCritical(rule: string): boolean {
  if (rule === 'due_day') return true;
  const before = /^before_(\d+)$/.exec(rule);
  return before !== null && Number(before[1]) <= DEADLINE_CRITICAL_BEFORE_DAYS;
}

/**
 * What a reminder job should send when it runs on `today` (the worker may have been down): on its day, its own
 * rule; late but the deadline not yet passed, nothing (a later reminder of the series says what is true now);
 * late and past the deadline, the overdue notice of today's overdue period — so a "今日到期" never arrives
 * after the deadline. Two late jobs of one item map to the same overdue rule, hence the same message key.
 */
export function reminderDueNow(
  job: { rule: ReminderRule; sendOn: CalendarDate; dueOn: CalendarDate },
  today: CalendarDate,
  overdueEveryCalendarDays: number,
): ReminderRule | null {
  if (today <= job.sendOn) return job.rule;
  if (today <= job.dueOn) return null;
  const every = overdueEveryCalendarDays > 0 ? overdueEveryCalendarDays : Number.POSITIVE_INFINITY;
  const k = Math.floor(daysBetween(addDays(job.dueOn, 1), today) / every) + 1;
  return `overdue_${k}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Escalation ladder

export type EscalationLevel = 'none' | 'blue' | 'yellow' | 'red';
export type EscalationReason = 'overdue' | 'progress_red';

export interface EscalationThresholds {
  /** Working days spent at blue before yellow. */
  yellowAfterWorkingDays: number;
  /** Working days from the start of escalation before red. */
  redAfterWorkingDays: number;
}

export const DEFAULT_ESCALATION_THRESHOLDS: Readonly<EscalationThresholds> = Object.freeze({
  yellowAfterWorkingDays: 5,
  redAfterWorkingDays: 10,
});

const escalationThresholdsSchema = z
  .object({
    yellowAfterWorkingDays: z.number().int().min(1).max(250),
    redAfterWorkingDays: z.number().int().min(1).max(250),
  })
  .refine((t) => t.yellowAfterWorkingDays < t.redAfterWorkingDays, {
    message: 'yellowAfterWorkingDays must be less than redAfterWorkingDays',
  });

export interface EscalationItem {
  dueOn: CalendarDate;
  /** Due date after an approved extension. */
  effectiveDueOn?: CalendarDate | null;
  closed?: boolean;
  cancelled?: boolean;
  /** First day of the current uninterrupted run of red expected-progress light; null when the light is not red. */
  progressRedSince?: CalendarDate | null;
  /** Day the latest extension was approved: an approval stops the running ladder, which restarts if still due. */
  extensionApprovedOn?: CalendarDate | null;
}

export interface Escalation {
  level: EscalationLevel;
  /** What is wrong today; empty when the level is `none`. */
  reasons: EscalationReason[];
  /** First day of the current level; null for `none`. */
  since: CalendarDate | null;
  /** Start of every level of the running ladder (past or future); null when not escalating. */
  ladder: { blue: CalendarDate; yellow: CalendarDate; red: CalendarDate } | null;
}

function notEscalating(): Escalation {
  return { level: 'none', reasons: [], since: null, ladder: null };
}

/**
 * Escalation starts on the first working day after the due date (`escalationStartOn`, the one rule for it) and
 * climbs blue → yellow → red after the configured numbers of working days. A red progress light is listed as a
 * reason but never starts the ladder before the deadline.
 */
export function escalationLevel(
  item: EscalationItem,
  today: CalendarDate,
  calendar: WorkingCalendar,
  thresholds: EscalationThresholds = DEFAULT_ESCALATION_THRESHOLDS,
): Escalation {
  const { yellowAfterWorkingDays, redAfterWorkingDays } = escalationThresholdsSchema.parse(thresholds);
  if (item.closed || item.cancelled) return notEscalating();

  const due = item.effectiveDueOn ?? item.dueOn;
  // No 督办单 of any colour before the deadline has passed (issue 13): a red light before then is a reason on
  // the notice, not a start.
  const start = escalationStartOn(due, calendar);
  if (today < start) return notEscalating();
  const reasons: EscalationReason[] = ['overdue'];
  if (item.progressRedSince && item.progressRedSince <= today) reasons.push('progress_red');

  let blue = start;
  if (item.extensionApprovedOn && item.extensionApprovedOn > blue && item.extensionApprovedOn <= today) {
    blue = item.extensionApprovedOn;
  }
  const firstWorkingDay = calendar.nextWorkingDayInclusive(blue);
  const ladder = {
    blue,
    yellow: calendar.addWorkingDays(firstWorkingDay, yellowAfterWorkingDays),
    red: calendar.addWorkingDays(firstWorkingDay, redAfterWorkingDays),
  };
  const level: EscalationLevel = today >= ladder.red ? 'red' : today >= ladder.yellow ? 'yellow' : 'blue';
  return { level, reasons, since: ladder[level], ladder };
}

export type NoticeStep = 'blue' | 'yellow' | 'red';

/** Days on which the levels of the running ladder were issued (absent: not issued yet). */
export type IssuedLevels = Partial<Record<NoticeStep, CalendarDate>>;

export interface EscalationDecision {
  /** The 督办单 to issue today, or null. */
  issue: NoticeStep | null;
  escalation: Escalation;
}

/**
 * Which 督办单 to issue today. Notices go out only on working days, one level at a time, never skipping one:
 * blue on the first working day of the run; yellow `yellowAfterWorkingDays` working days after blue was issued;
 * red `redAfterWorkingDays − yellowAfterWorkingDays` working days after yellow. Counting from the day a level
 * was actually issued (not from the due date) is what keeps an item created three months overdue, or an
 * imported backlog held back for a week, from getting red the first day: it starts at blue like any other.
 * On schedule the dates equal `escalationLevel`'s ladder.
 */
export function escalationDecision(
  item: EscalationItem,
  issued: IssuedLevels,
  today: CalendarDate,
  calendar: WorkingCalendar,
  thresholds: EscalationThresholds = DEFAULT_ESCALATION_THRESHOLDS,
): EscalationDecision {
  const escalation = escalationLevel(item, today, calendar, thresholds);
  const none = { issue: null, escalation };
  if (escalation.level === 'none' || !calendar.isWorkingDay(today)) return none;
  if (!issued.blue) return { issue: 'blue', escalation };
  if (!issued.yellow) {
    const at = calendar.addWorkingDays(issued.blue, thresholds.yellowAfterWorkingDays);
    return today >= at ? { issue: 'yellow', escalation } : none;
  }
  if (!issued.red) {
    const gap = thresholds.redAfterWorkingDays - thresholds.yellowAfterWorkingDays;
    return today >= calendar.addWorkingDays(issued.yellow, gap) ? { issue: 'red', escalation } : none;
  }
  return none;
}

/**
 * The days each level would be issued if the daily pass ran every day from `from` to `to` (both inclusive) and
 * nothing changed: the schedule the README and the table-driven test state. `notBefore` holds the ladder back
 * (an imported backlog: no notice until the day after its digest week).
 */
export function escalationSchedule(
  item: EscalationItem,
  calendar: WorkingCalendar,
  window: DateWindow,
  thresholds: EscalationThresholds = DEFAULT_ESCALATION_THRESHOLDS,
  notBefore?: CalendarDate,
): IssuedLevels {
  const issued: IssuedLevels = {};
  for (let day = window.from; day <= window.to; day = addDays(day, 1)) {
    if (notBefore && day < notBefore) continue;
    const { issue } = escalationDecision(item, issued, day, calendar, thresholds);
    if (issue) issued[issue] = day;
  }
  return issued;
}

/** The 督办单 asks for a written reply (书面回复) within this many working days of its issue. */
export const ESCALATION_REPLY_WORKING_DAYS = 3;

export function escalationReplyBy(issuedOn: CalendarDate, calendar: WorkingCalendar): CalendarDate {
  return calendar.addWorkingDays(issuedOn, ESCALATION_REPLY_WORKING_DAYS);
}

// ---------------------------------------------------------------------------------------------------------------
// Digest timing

export type DigestPreference = 'daily' | 'weekly';

export interface DigestTiming {
  sendAt: string;
  timezone: string;
}

export const DEFAULT_DIGEST_TIMING: Readonly<DigestTiming> = Object.freeze({
  sendAt: '09:00',
  timezone: SHANGHAI_TIME_ZONE,
});

/**
 * The next digest instant strictly after `now` (ISO-8601 UTC), so a job that just sent one schedules the next
 * rather than itself: daily digests go out at 09:00 on working days, weekly ones at 09:00 on Mondays.
 */
export function nextDigestAt(
  pref: DigestPreference,
  now: Date,
  calendar: WorkingCalendar,
  timing: DigestTiming = DEFAULT_DIGEST_TIMING,
): string {
  const today = todayIn(now, timing.timezone);
  const at = (day: CalendarDate): Date => zonedDateTimeToUtc(day, timing.sendAt, timing.timezone);

  if (pref === 'daily') {
    let day = calendar.nextWorkingDayInclusive(today);
    if (at(day) <= now) day = calendar.nextWorkingDay(day);
    return at(day).toISOString();
  }
  let monday = addDays(today, (8 - isoWeekday(today)) % 7);
  if (at(monday) <= now) monday = addDays(monday, 7);
  return at(monday).toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// What is wrong with a policy someone entered, for people

const POLICY_FIELDS: Record<string, MessageKey> = {
  beforeDueWorkingDays: 'reminders.field.before_due_working_days',
  onDueDay: 'reminders.field.on_due_day',
  overdueEveryCalendarDays: 'reminders.field.overdue_every_calendar_days',
  startNotice: 'reminders.field.start_notice',
  sendAt: 'reminders.field.send_at',
  timezone: 'reminders.field.timezone',
};

function policyFieldLabel(path: ReadonlyArray<string | number>): Message {
  const [name, ...rest] = path.map(String);
  let label: Message = POLICY_FIELDS[name ?? '']
    ? msg(POLICY_FIELDS[name!])
    : msg('validation.field.unknown', { name: name ?? '' });
  for (const segment of rest)
    label = /^\d+$/.test(segment)
      ? msg('validation.field.item_of', { list: label, index: Number(segment) + 1 })
      : msg('validation.field.unknown', { name: segment });
  return label;
}

/** The problems of a refused policy override, one entry per field, each a message (not zod's English). */
export function policyProblems(issues: readonly z.ZodIssue[]): Array<{ field: string; problems: Message[] }> {
  const byField = new Map<string, Message[]>();
  const add = (field: string, problem: Message) =>
    byField.set(field, [...(byField.get(field) ?? []), problem]);
  for (const issue of issues) {
    const field = issue.path.join('.');
    const label = policyFieldLabel(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        add(key, msg('validation.not_allowed', { field: policyFieldLabel([key]) }));
    } else if (issue.code === 'too_small') {
      const min = Number(issue.minimum);
      add(
        field,
        msg(issue.type === 'array' ? 'validation.array_min_size' : 'validation.min', { field: label, min }),
      );
    } else if (issue.code === 'too_big') {
      const max = Number(issue.maximum);
      add(
        field,
        msg(issue.type === 'array' ? 'validation.array_max_size' : 'validation.max', { field: label, max }),
      );
    } else if (issue.code === 'invalid_type') {
      const expected: Record<string, MessageKey> = {
        number: 'validation.is_number',
        integer: 'validation.is_int',
        boolean: 'validation.is_boolean',
        array: 'validation.is_array',
        string: 'validation.is_string',
      };
      add(field, msg(expected[issue.expected] ?? 'validation.invalid', { field: label }));
    } else if (issue.path[0] === 'sendAt') {
      add(field, msg('reminders.time_of_day', { field: label }));
    } else if (issue.path[0] === 'timezone') {
      add(field, msg('reminders.time_zone', { field: label }));
    } else {
      add(field, msg('validation.invalid', { field: label }));
    }
  }
  return [...byField].map(([field, problems]) => ({ field, problems }));
}
