import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { DubanProcessor } from '../queue/queue-lifecycle';
import { PlansJob, QueueName } from '../queue/queues';
import { ItemStatusService } from './item-status.service';

/** Plan jobs; errors are rethrown so BullMQ retries, unknown job names fail for good. */
@Processor(QueueName.Plans)
export class PlansProcessor extends DubanProcessor {
  private readonly logger = new Logger(PlansProcessor.name);

  constructor(private readonly statuses: ItemStatusService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as PlansJob) {
      case PlansJob.RefreshStatuses:
        return { changed: await this.statuses.recompute({ open: true }) };
      default:
        throw new UnrecoverableError(`no handler for plans job "${job.name}"`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`plans job ${job?.name ?? '?'} (${job?.id ?? '?'}) failed: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`plans worker: ${error.message}`);
  }
}
