import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobSchedulers } from '../queue/job-schedulers';
import { MailJob, QueueName } from '../queue/queues';

/** The outbox relay, once a minute (job scheduler with a stable id: one tick however many workers). */
@Injectable()
export class MailScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Mail) private readonly queue: Queue,
    private readonly schedulers: JobSchedulers,
  ) {}

  onApplicationBootstrap(): void {
    this.schedulers.register(QueueName.Mail, () =>
      this.queue.upsertJobScheduler('outbox-relay', { every: 60_000 }, { name: MailJob.Relay, data: {} }),
    );
  }
}
