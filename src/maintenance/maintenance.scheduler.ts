import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MaintenanceJob, QueueName } from '../queue/queues';

/**
 * Registers the recurring maintenance jobs with BullMQ job schedulers. Stable scheduler ids make this
 * idempotent: every worker instance upserts the same two schedulers, and each tick runs once.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(MaintenanceScheduler.name);

  constructor(@InjectQueue(QueueName.Maintenance) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    // Not awaited: a worker starting while Redis is down must come up and register once Redis returns.
    void this.register().catch((error: Error) =>
      this.logger.warn(`could not register schedulers yet: ${error.message}`),
    );
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
