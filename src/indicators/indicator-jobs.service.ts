import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { IndicatorsJob, type IndicatorsPayloads, QueueName, recomputeJobId } from '../queue/queues';

export interface CountyYear {
  countyCode: string;
  schoolYear: number;
}

export interface FailedJobView {
  id: string;
  name: string;
  data: unknown;
  /** failed: gave up (attempts used up, or a permanent error); retrying: waiting for its next attempt. */
  state: 'failed' | 'retrying';
  failedReason: string;
  attemptsMade: number;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
}

const RECOMPUTE_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000 },
  // Removed once done: a job id only blocks a new recompute while the old job still exists.
  removeOnComplete: true,
  removeOnFail: { age: 14 * 24 * 3600, count: 1000 },
};

/** The `indicators` queue: enqueueing recomputes, and what failed. */
@Injectable()
export class IndicatorJobs {
  constructor(@InjectQueue(QueueName.Indicators) private readonly queue: Queue) {}

  /**
   * One recompute per county-year under its deterministic id: a recompute still waiting is not queued again
   * (it will read the newest import anyway); a failed one is replaced, so a new import gets a fresh attempt.
   * @returns the job ids
   */
  async enqueueRecomputes(pairs: readonly CountyYear[]): Promise<string[]> {
    const unique = [...new Map(pairs.map((p) => [recomputeJobId(p.countyCode, p.schoolYear), p])).entries()];
    if (unique.length === 0) return [];
    const existing = await Promise.all(unique.map(([id]) => this.queue.getJob(id)));
    await Promise.all(
      existing.map(async (job) => {
        if (job && (await job.isFailed())) await job.remove();
      }),
    );
    await this.queue.addBulk(
      unique.map(([jobId, p]) => ({
        name: IndicatorsJob.Recompute,
        data: {
          countyCode: p.countyCode,
          schoolYear: p.schoolYear,
        } satisfies IndicatorsPayloads[IndicatorsJob.Recompute],
        opts: { ...RECOMPUTE_OPTIONS, jobId },
      })),
    );
    return unique.map(([id]) => id);
  }

  /** Jobs that failed for good, and jobs waiting to retry after a failure; newest first. */
  async failed(limit = 200): Promise<FailedJobView[]> {
    const [failed, delayed] = await Promise.all([
      this.queue.getFailed(0, limit - 1),
      this.queue.getDelayed(0, limit - 1),
    ]);
    const retrying = delayed.filter((j) => j.attemptsMade > 0);
    return [
      ...failed.map((j) => ({ job: j, state: 'failed' as const })),
      ...retrying.map((j) => ({ job: j, state: 'retrying' as const })),
    ]
      .filter(({ job }) => job !== undefined && job !== null)
      .sort((a, b) => (b.job.finishedOn ?? b.job.timestamp) - (a.job.finishedOn ?? a.job.timestamp))
      .slice(0, limit)
      .map(({ job, state }) => ({
        id: String(job.id),
        name: job.name,
        data: job.data,
        state,
        failedReason: job.failedReason ?? '',
        attemptsMade: job.attemptsMade,
        attempts: job.opts.attempts ?? 1,
        createdAt: new Date(job.timestamp).toISOString(),
        finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      }));
  }

  /**
   * Waits until the jobs are gone (completed jobs are removed) or failed for good, polling; for the CLI.
   * @returns the ids still pending at the deadline, and the failures
   */
  async waitFor(
    jobIds: readonly string[],
    timeoutMs: number,
  ): Promise<{ pending: string[]; failed: Array<{ id: string; reason: string }> }> {
    const deadline = Date.now() + timeoutMs;
    let pending = [...jobIds];
    const failed: Array<{ id: string; reason: string }> = [];
    while (pending.length > 0) {
      const still: string[] = [];
      for (const id of pending) {
        const job = await this.queue.getJob(id);
        if (!job) continue;
        const state = await job.getState();
        if (state === 'failed') failed.push({ id, reason: job.failedReason ?? '' });
        else still.push(id);
      }
      pending = still;
      if (pending.length === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { pending, failed };
  }

  /** Registers the nightly re-evaluation (02:30 China time); the stable id makes it idempotent. */
  async scheduleNightly(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'nightly-recompute',
      { pattern: '30 2 * * *', tz: 'Asia/Shanghai' },
      {
        name: IndicatorsJob.NightlyRecompute,
        data: {} satisfies IndicatorsPayloads[IndicatorsJob.NightlyRecompute],
      },
    );
  }
}
