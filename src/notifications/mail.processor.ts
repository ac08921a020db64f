import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { DubanProcessor } from '../queue/queue-lifecycle';
import { MailJob, type MailPayloads, QueueName } from '../queue/queues';
import { OutboxService } from './outbox.service';

/** Delivers outbox rows. Errors are rethrown: BullMQ retries with backoff; the last attempt marks the row dead. */
@Processor(QueueName.Mail, { concurrency: 10 })
export class MailProcessor extends DubanProcessor {
  private readonly logger = new Logger(MailProcessor.name);

  constructor(private readonly outbox: OutboxService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as MailJob) {
      case MailJob.Deliver: {
        const { outboxId } = job.data as MailPayloads[MailJob.Deliver];
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return { outcome: await this.outbox.deliver(outboxId, finalAttempt) };
      }
      case MailJob.Relay:
        return { queued: await this.outbox.relay() };
      default:
        throw new UnrecoverableError(`no handler for mail job "${job.name}"`);
    }
  }

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
