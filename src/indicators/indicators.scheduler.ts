import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { IndicatorJobs } from './indicator-jobs.service';

/** Registers the nightly re-evaluation (job scheduler `nightly-recompute`, 02:30 Asia/Shanghai) in the worker. */
@Injectable()
export class IndicatorsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(IndicatorsScheduler.name);

  constructor(private readonly jobs: IndicatorJobs) {}

  onApplicationBootstrap(): void {
    // Not awaited: a worker starting while Redis is down must come up and register once Redis returns.
    void this.jobs
      .scheduleNightly()
      .catch((error: Error) =>
        this.logger.warn(`could not register the nightly recompute yet: ${error.message}`),
      );
  }
}
