import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { DomainError, ErrorCode } from '../common/domain-error';
import { DubanProcessor, type JobHandlers } from '../queue/queue-lifecycle';
import { IndicatorsJob, type IndicatorsPayloads, QueueName } from '../queue/queues';
import { IndicatorJobs } from './indicator-jobs.service';
import { RecomputeService } from './recompute.service';
import { StatisticsService } from './statistics.service';

function recomputePayload(data: unknown): IndicatorsPayloads[IndicatorsJob.Recompute] {
  const d = (data ?? {}) as Partial<Record<'countyCode' | 'schoolYear', unknown>>;
  if (typeof d.countyCode !== 'string' || !/^\d{6}$/.test(d.countyCode) || !Number.isInteger(d.schoolYear)) {
    throw new UnrecoverableError(
      `recompute job needs {countyCode: 6 digits, schoolYear}, got ${JSON.stringify(data)}`,
    );
  }
  return { countyCode: d.countyCode, schoolYear: d.schoolYear as number };
}

/**
 * Worker role only. Errors are rethrown so BullMQ retries with backoff; a county-year without statistics,
 * a malformed payload or an unknown job name fail for good.
 */
@Processor(QueueName.Indicators)
export class IndicatorsProcessor extends DubanProcessor<IndicatorsPayloads> {
  private readonly logger = new Logger(IndicatorsProcessor.name);

  constructor(
    private readonly recompute: RecomputeService,
    private readonly statistics: StatisticsService,
    private readonly jobs: IndicatorJobs,
  ) {
    super();
  }

  protected readonly queueName = QueueName.Indicators;
  protected readonly handlers: JobHandlers<IndicatorsPayloads> = {
    [IndicatorsJob.Recompute]: async (data) => {
      const { countyCode, schoolYear } = recomputePayload(data);
      try {
        return await this.recompute.runUntilCurrent(countyCode, schoolYear);
      } catch (error) {
        if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND)
          throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    [IndicatorsJob.NightlyRecompute]: async () => {
      const queued = await this.jobs.enqueueRecomputes(await this.statistics.currentCountyYears());
      return { queued: queued.length };
    },
  };

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`indicators job ${job?.name ?? '?'} (${job?.id ?? '?'}) failed: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`indicators worker: ${error.message}`);
  }
}
