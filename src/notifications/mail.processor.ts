import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DubanProcessor, type JobHandlers } from '../queue/queue-lifecycle';
import { MailJob, type MailPayloads, QueueName } from '../queue/queues';
import { OutboxService } from './outbox.service';

/** Delivers outbox rows. Errors are rethrown: BullMQ retries with backoff; the last attempt marks the row dead. */
@Processor(QueueName.Mail, { concurrency: 10 })
export class MailProcessor extends DubanProcessor<MailPayloads> {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly outbox: OutboxService) {
    super();
  }

  protected readonly queueName = QueueName.Mail;
  protected readonly handlers: JobHandlers<MailPayloads> = {
    [MailJob.Deliver]: async ({ outboxId }, job) => {
      const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      return { outcome: await this.outbox.deliver(outboxId, finalAttempt) };
    },
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
