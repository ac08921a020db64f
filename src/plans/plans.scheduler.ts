import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PlansJob, QueueName } from '../queue/queues';

export const REFRESH_STATUSES_SCHEDULER = 'refresh-statuses';

/** Daily at 00:05 Beijing time: statuses move with the calendar (due soon, overdue). Stable id: runs once. */
@Injectable()
export class PlansScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(PlansScheduler.name);

  constructor(@InjectQueue(QueueName.Plans) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    // Not awaited: a worker starting while Redis is down must come up and register once Redis returns.
    void this.queue
      .upsertJobScheduler(
        REFRESH_STATUSES_SCHEDULER,
        { pattern: '5 0 * * *', tz: 'Asia/Shanghai' },
        { name: PlansJob.RefreshStatuses, data: {} },
      )
      .catch((error: Error) => this.logger.warn(`could not register schedulers yet: ${error.message}`));
  }
}
