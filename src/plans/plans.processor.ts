import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DubanProcessor, type JobHandlers } from '../queue/queue-lifecycle';
import { PlansJob, type PlansPayloads, QueueName } from '../queue/queues';
import { ItemStatusService } from './item-status.service';

/** Plan jobs; errors are rethrown so BullMQ retries, unknown job names fail for good. */
@Processor(QueueName.Plans)
export class PlansProcessor extends DubanProcessor<PlansPayloads> {
  private readonly logger = new Logger(PlansProcessor.name);

  constructor(private readonly statuses: ItemStatusService) {
    super();
  }

  protected readonly queueName = QueueName.Plans;
  protected readonly handlers: JobHandlers<PlansPayloads> = {
    [PlansJob.RefreshStatuses]: async () => ({ changed: await this.statuses.recompute({ open: true }) }),
  };

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`plans job ${job?.name ?? '?'} (${job?.id ?? '?'}) failed: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`plans worker: ${error.message}`);
  }
}
