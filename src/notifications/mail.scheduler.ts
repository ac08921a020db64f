import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MailJob, QueueName } from '../queue/queues';

/** The outbox relay, once a minute (job scheduler with a stable id: one tick however many workers). */
@Injectable()
export class MailScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailScheduler.name);

  constructor(@InjectQueue(QueueName.Mail) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    void this.queue
      .upsertJobScheduler('outbox-relay', { every: 60_000 }, { name: MailJob.Relay, data: {} })
      .catch((error: Error) => this.logger.warn(`could not register the outbox relay yet: ${error.message}`));
  }
}
