import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { DubanProcessor } from '../queue/queue-lifecycle';
import { MailJob, type MailPayloads, QueueName } from '../queue/queues';
import { OutboxService } from './outbox.service';

/**
 * Delivers outbox rows, one row per job (a crash interrupts at most `concurrency` sends, each taken over after
 * its lease). SMTP failures are recorded on the row and retried from there; an error reaching here (database
 * down) is rethrown so BullMQ retries the job.
 */
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
        return { outcome: await this.outbox.deliver(outboxId) };
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
