import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DubanProcessor, type JobHandlers } from '../queue/queue-lifecycle';
import { QueueName, RemindersJob, type RemindersPayloads } from '../queue/queues';
import { ImportBacklogService } from './import-backlog.service';
import { ReminderDispatchService } from './reminder-dispatch.service';
import { ReminderSchedulerService } from './reminder-scheduler.service';
import { RemindersRunner } from './reminders-runner.service';

/** Every reminders job; errors are rethrown so BullMQ retries, unknown names fail for good. */
@Processor(QueueName.Reminders, { concurrency: 5 })
export class RemindersProcessor extends DubanProcessor<RemindersPayloads> {
  private readonly logger = new Logger(RemindersProcessor.name);

  constructor(
    private readonly dispatch: ReminderDispatchService,
    private readonly scheduler: ReminderSchedulerService,
    private readonly runner: RemindersRunner,
    private readonly backlog: ImportBacklogService,
  ) {
    super();
  }

  protected readonly queueName = QueueName.Reminders;
  protected readonly handlers: JobHandlers<RemindersPayloads> = {
    [RemindersJob.Remind]: async (data) => ({ outcome: await this.dispatch.fire(data) }),
    [RemindersJob.RescheduleItem]: ({ itemId }) => this.scheduler.rescheduleItem(itemId),
    [RemindersJob.Replan]: ({ prune }) => this.runner.replan(prune === true),
    [RemindersJob.DailyRun]: () => this.runner.daily(),
    [RemindersJob.ImportBacklog]: ({ planId, itemIds }) => this.backlog.handle(planId, itemIds),
  };

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`reminders job ${job?.name ?? '?'} (${job?.id ?? '?'}) failed: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`reminders worker: ${error.message}`);
  }
}
