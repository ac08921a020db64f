import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '../config/env.schema';
import { redisOptions } from '../redis/redis.connection';
import { JobSchedulers } from './job-schedulers';
import { QueueLifecycle } from './queue-lifecycle';
import { QueueName } from './queues';

const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));

/**
 * BullMQ on the app's Redis. Queues are registered for every process role (the API enqueues); processors are
 * added by the feature modules only in the worker role.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        connection: redisOptions(config.get('REDIS_URL', { infer: true }), 'worker'),
        prefix: `${config.get('REDIS_PREFIX', { infer: true })}:bull`,
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 2000 },
          removeOnComplete: { age: 24 * 3600, count: 1000 },
          removeOnFail: { age: 14 * 24 * 3600 },
        },
      }),
    }),
    ...queues,
  ],
  providers: [QueueLifecycle, JobSchedulers],
  exports: [BullModule, JobSchedulers],
})
export class QueueModule {}
