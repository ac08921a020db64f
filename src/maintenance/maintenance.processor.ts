import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type IORedis from 'ioredis';
import * as os from 'node:os';
import { AuthService } from '../auth/auth.service';
import { DubanProcessor, type JobHandlers } from '../queue/queue-lifecycle';
import { MaintenanceJob, type MaintenancePayloads, QueueName } from '../queue/queues';
import { InjectRedis } from '../redis/redis.module';
import { RedisKeys } from '../redis/redis-keys';

/** Errors are rethrown so BullMQ records the failure and retries; unknown job names fail for good. */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor extends DubanProcessor<MaintenancePayloads> {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly auth: AuthService,
    @InjectRedis() private readonly redis: IORedis,
    private readonly keys: RedisKeys,
  ) {
    super();
  }

  protected readonly queueName = QueueName.Maintenance;
  protected readonly handlers: JobHandlers<MaintenancePayloads> = {
    [MaintenanceJob.Heartbeat]: async () => {
      const stamp = `${new Date().toISOString()} ${os.hostname()}:${process.pid}`;
      await this.redis.set(this.keys.key('worker', 'heartbeat'), stamp, 'EX', 300);
      return { stamp };
    },
    [MaintenanceJob.PurgeSessions]: async ({ olderThanDays }) => ({
      purged: await this.auth.purgeEndedSessions(olderThanDays),
    }),
  };

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error(`maintenance job ${job?.name ?? '?'} (${job?.id ?? '?'}) failed: ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.warn(`maintenance worker: ${error.message}`);
  }
}
