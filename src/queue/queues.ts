/** Every BullMQ queue, its job names and their payloads, in one place. */
export enum QueueName {
  Maintenance = 'maintenance',
  Indicators = 'indicators',
  Plans = 'plans',
  Reminders = 'reminders',
  Mail = 'mail',
}

export enum MaintenanceJob {
  Heartbeat = 'heartbeat',
  PurgeSessions = 'purge-sessions',
}

export interface MaintenancePayloads {
  [MaintenanceJob.Heartbeat]: Record<string, never>;
  [MaintenanceJob.PurgeSessions]: { olderThanDays: number };
}

export enum IndicatorsJob {
  /** Evaluate one county-year's current import; job id `recompute|<county>|<year>` (see recomputeJobId). */
  Recompute = 'recompute',
  /** Fans out one Recompute per county-year with data (job scheduler `nightly-recompute`). */
  NightlyRecompute = 'nightly-recompute',
}

export interface IndicatorsPayloads {
  [IndicatorsJob.Recompute]: { countyCode: string; schoolYear: number };
  [IndicatorsJob.NightlyRecompute]: Record<string, never>;
}

/** BullMQ forbids ':' in custom job ids. One id per county-year, so a pending recompute is never queued twice. */
export const recomputeJobId = (countyCode: string, schoolYear: number): string =>
  `recompute|${countyCode}|${schoolYear}`;

export enum PlansJob {
  /** Re-derives the stored status of open items from the calendar (job scheduler `refresh-statuses`). */
  RefreshStatuses = 'refresh-statuses',
}

export interface PlansPayloads {
  [PlansJob.RefreshStatuses]: Record<string, never>;
}

export enum RemindersJob {
  /** One reminder of one item; job id `reminderJobId(item, reminder)`, delayed until its send time. */
  Remind = 'remind',
  /** Recompute an item's pending reminders after a change (PlanEvents). */
  RescheduleItem = 'reschedule-item',
  /** Daily self-healing: re-plan the next 35 days of every open item (job scheduler `replan`). */
  Replan = 'replan',
  /** Daily at REMINDER_SEND_AT: escalation ladder, recurring report requests, digests, leadership summary. */
  DailyRun = 'daily-run',
  /** A plan was imported: its past-due backlog goes to digests and the office gets one summary. */
  ImportBacklog = 'import-backlog',
}

export interface RemindersPayloads {
  [RemindersJob.Remind]: { itemId: string; rule: string; dueOn: string; sendOn: string; sendAtUtc: string };
  [RemindersJob.RescheduleItem]: { itemId: string };
  /** `prune`: after a calendar change, also remove reminders no longer planned (they moved to another day). */
  [RemindersJob.Replan]: { prune?: boolean };
  [RemindersJob.DailyRun]: Record<string, never>;
  [RemindersJob.ImportBacklog]: { planId: string; itemIds: string[] };
}

export enum MailJob {
  /** Deliver one outbox row; job id `outbox|<id>` (`|<n>` for an admin retry). */
  Deliver = 'deliver',
  /** Every minute: enqueue outbox rows still pending without a job (enqueue after commit failed). */
  Relay = 'relay',
}

export interface MailPayloads {
  [MailJob.Deliver]: { outboxId: string };
  [MailJob.Relay]: Record<string, never>;
}
