import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { DubanProcessor } from '../queue/queue-lifecycle';
import { QueueName, RemindersJob, type RemindersPayloads } from '../queue/queues';
import { ImportBacklogService } from './import-backlog.service';
import { ReminderDispatchService } from './reminder-dispatch.service';
import { ReminderSchedulerService } from './reminder-scheduler.service';
import { RemindersRunner } from './reminders-runner.service';

/** Every reminders job; errors are rethrown so BullMQ retries, unknown names fail for good. */
@Processor(QueueName.Reminders, { concurrency: 5 })
export class RemindersProcessor extends DubanProcessor {
  private readonly logger = new Logger(RemindersProcessor.name);

  constructor(
    private readonly dispatch: ReminderDispatchService,
    private readonly scheduler: ReminderSchedulerService,
    private readonly runner: RemindersRunner,
    private readonly backlog: ImportBacklogService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as RemindersJob) {
      case RemindersJob.Remind:
        return { outcome: await this.dispatch.fire(job.data as RemindersPayloads[RemindersJob.Remind]) };
      case RemindersJob.RescheduleItem:
        return this.scheduler.rescheduleItem(
          (job.data as RemindersPayloads[RemindersJob.RescheduleItem]).itemId,
        );
      case RemindersJob.Replan:
        return this.runner.replan((job.data as RemindersPayloads[RemindersJob.Replan]).prune === true);
      case RemindersJob.DailyRun:
        return this.runner.daily();
      case RemindersJob.ImportBacklog: {
        const { planId, itemIds } = job.data as RemindersPayloads[RemindersJob.ImportBacklog];
        return this.backlog.handle(planId, itemIds);
      }
      default:
        throw new UnrecoverableError(`no handler for reminders job "${job.name}"`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`reminders job ${job?.name ?? '?'} (${job?.id ?? '?'}) failed: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`reminders worker: ${error.message}`);
  }
}
