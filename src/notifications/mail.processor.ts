import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DubanProcessor, type JobHandlers } from '../queue/queue-lifecycle';
import { MailJob, type MailPayloads, QueueName } from '../queue/queues';
import { OutboxService } from './outbox.service';

/**
 * Delivers outbox rows, one row per job (a crash interrupts at most `concurrency` sends, each taken over after
 * its lease). SMTP failures are recorded on the row and retried from there; an error reaching here (database
 * down) is rethrown so BullMQ retries the job.
 */
@Processor(QueueName.Mail, { concurrency: 10 })
export class MailProcessor extends DubanProcessor<MailPayloads> {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly outbox: OutboxService) {
    super();
  }

  protected readonly queueName = QueueName.Mail;
  protected readonly handlers: JobHandlers<MailPayloads> = {
    [MailJob.Deliver]: async ({ outboxId }) => ({ outcome: await this.outbox.deliver(outboxId) }),
    [MailJob.Relay]: async () => ({ queued: await this.outbox.relay() }),
  };

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(
      `mail job ${job?.id ?? '?'} attempt ${job?.attemptsMade ?? '?'} failed: ${error.message}`,
    );
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`mail worker: ${error.message}`);
  }
}
