import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobSchedulers } from '../queue/job-schedulers';
import { MaintenanceJob, QueueName } from '../queue/queues';

/**
 * Registers the recurring maintenance jobs with BullMQ job schedulers. Stable scheduler ids make this
 * idempotent: every worker instance upserts the same two schedulers, and each tick runs once.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
    private readonly schedulers: JobSchedulers,
  ) {}

  onApplicationBootstrap(): void {
    this.schedulers.register(QueueName.Maintenance, () => this.register());
  }

  private async register(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'heartbeat',
      { every: 60_000 },
      { name: MaintenanceJob.Heartbeat, data: {} },
    );
    await this.queue.upsertJobScheduler(
      'purge-sessions',
      { pattern: '17 3 * * *', tz: 'Asia/Shanghai' },
      { name: MaintenanceJob.PurgeSessions, data: { olderThanDays: 7 } },
    );
  }
}
