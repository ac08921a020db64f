import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import * as os from 'node:os';
import { AuthService } from '../auth/auth.service';
import { DubanProcessor } from '../queue/queue-lifecycle';
import { MaintenanceJob, type MaintenancePayloads, QueueName } from '../queue/queues';
import { InjectRedis } from '../redis/redis.module';
import { RedisKeys } from '../redis/redis-keys';

/** Errors are rethrown so BullMQ records the failure and retries; unknown job names fail for good. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends DubanProcessor {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly auth: AuthService,
    @InjectRedis() private readonly redis: IORedis,
    private readonly keys: RedisKeys,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name as MaintenanceJob) {
      case MaintenanceJob.Heartbeat: {
        const stamp = `${new Date().toISOString()} ${os.hostname()}:${process.pid}`;
        await this.redis.set(this.keys.key('worker', 'heartbeat'), stamp, 'EX', 300);
        return { stamp };
      }
      case MaintenanceJob.PurgeSessions: {
        const { olderThanDays } = job.data as MaintenancePayloads[MaintenanceJob.PurgeSessions];
        const purged = await this.auth.purgeEndedSessions(olderThanDays);
        return { purged };
      }
      default:
        throw new UnrecoverableError(`no handler for maintenance job "${job.name}"`);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`maintenance job ${job?.name ?? '?'} (${job?.id ?? '?'}) failed: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`maintenance worker: ${error.message}`);
  }
}
