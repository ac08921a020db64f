import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobSchedulers } from '../queue/job-schedulers';
import { QueueName } from '../queue/queues';
import { IndicatorJobs } from './indicator-jobs.service';

/** Registers the nightly re-evaluation (job scheduler `nightly-recompute`, 02:30 Asia/Shanghai) in the worker. */
@Injectable()
export class IndicatorsScheduler implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: IndicatorJobs,
    private readonly schedulers: JobSchedulers,
  ) {}

  onApplicationBootstrap(): void {
    this.schedulers.register(QueueName.Indicators, () => this.jobs.scheduleNightly());
  }
}
