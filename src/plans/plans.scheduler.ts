import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobSchedulers } from '../queue/job-schedulers';
import { PlansJob, QueueName } from '../queue/queues';

export const REFRESH_STATUSES_SCHEDULER = 'refresh-statuses';

/** Daily at 00:05 Beijing time: statuses move with the calendar (due soon, overdue). Stable id: runs once. */
@Injectable()
export class PlansScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.Plans) private readonly queue: Queue,
    private readonly schedulers: JobSchedulers,
  ) {}

  onApplicationBootstrap(): void {
    this.schedulers.register(QueueName.Plans, () =>
      this.queue.upsertJobScheduler(
        REFRESH_STATUSES_SCHEDULER,
        { pattern: '5 0 * * *', tz: 'Asia/Shanghai' },
        { name: PlansJob.RefreshStatuses, data: {} },
      ),
    );
  }
}
