import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Queue } from 'bullmq';
import { SHANGHAI_TIME_ZONE } from '../common/calendar-date';
import type { Env } from '../config/env.schema';
import { JobSchedulers } from '../queue/job-schedulers';
import { QueueName, RemindersJob } from '../queue/queues';

/**
 * The recurring reminder jobs (stable scheduler ids: one tick however many workers): `replan` re-plans the next
 * 35 days every night; `daily-run` (escalation, report requests, digests, Monday summary) at REMINDER_SEND_AT.
 */
@Injectable()
export class RemindersScheduler implements OnApplicationBootstrap {
  private readonly sendAt: string;

  constructor(
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
    private readonly schedulers: JobSchedulers,
    config: ConfigService<Env, true>,
  ) {
    this.sendAt = config.get('REMINDER_SEND_AT', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.schedulers.register(QueueName.Reminders, () => this.register());
  }

  private async register(): Promise<void> {
    const [hour, minute] = this.sendAt.split(':').map(Number);
    await this.queue.upsertJobScheduler(
      'replan',
      { pattern: '5 1 * * *', tz: SHANGHAI_TIME_ZONE },
      { name: RemindersJob.Replan, data: {} },
    );
    await this.queue.upsertJobScheduler(
      'daily-run',
      { pattern: `${minute} ${hour} * * *`, tz: SHANGHAI_TIME_ZONE },
      { name: RemindersJob.DailyRun, data: {} },
    );
  }
}
