import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { type PlanEvent, PlanEvents } from '../plans/plan-events';
import { QueueName, RemindersJob } from '../queue/queues';
import { ReminderFactsRepository } from './reminder-facts.repository';

const RESCHEDULING = new Set<PlanEvent['type']>([
  'item.created',
  'item.deadline-changed',
  'item.closed',
  'item.cancelled',
  'item.reopened',
  'assignment.added',
  'assignment.removed',
  'assignment.acknowledged',
  'report.submitted',
  'report.reviewed',
  'extension.decided',
]);

/**
 * Changes reschedule at once: every item event enqueues a `reschedule-item` job (the worker recomputes the
 * item's pending reminders); an import enqueues `import-backlog`. Runs in every process role, fed by the
 * plan-event relay (at least once; job ids carry the event id, so a relayed-twice event queues one job while
 * it is pending). An approved extension is also recorded for the escalation ladder. A calendar change
 * enqueues a pruning `replan` of every open item.
 */
@Injectable()
export class ReminderEventsListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ReminderEventsListener.name);
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly events: PlanEvents,
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
    private readonly facts: ReminderFactsRepository,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.events.subscribe((event, eventId) => this.handle(event, eventId));
    // A holiday entered or removed moves reminders to other days: re-plan everything, removing the old jobs.
    this.calendar.onChange(async () => {
      await this.queue.add(
        RemindersJob.Replan,
        { prune: true },
        { jobId: `replan|calendar|${randomUUID()}`, removeOnComplete: true },
      );
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async handle(event: PlanEvent, eventId: string): Promise<void> {
    if (event.type === 'plan.imported') {
      await this.queue.add(
        RemindersJob.ImportBacklog,
        { planId: event.planId, itemIds: event.itemIds },
        { jobId: `import-backlog|${event.planId}|e${eventId}`, removeOnComplete: true },
      );
      return;
    }
    if (!RESCHEDULING.has(event.type) || !('itemId' in event)) return;
    if (event.type === 'extension.decided' && event.approved) {
      // The dates themselves live on the assignments (assignmentEffectiveDueSql); only the approval day is kept.
      await this.facts.setState([event.itemId], { extensionApprovedOn: this.clock.today() });
    }
    await this.queue.add(
      RemindersJob.RescheduleItem,
      { itemId: event.itemId },
      // One id per change (its event): an id per item would drop a change made while the previous job runs.
      { jobId: `reschedule|${event.itemId}|e${eventId}`, removeOnComplete: true },
    );
    this.logger.debug(`reschedule ${event.itemId} after ${event.type}`);
  }
}
