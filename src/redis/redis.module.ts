import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type IORedis from 'ioredis';
import type { Env } from '../config/env.schema';
import { createRedis } from './redis.connection';
import { RedisKeys } from './redis-keys';

export const REDIS = Symbol('REDIS');
export const InjectRedis = (): ParameterDecorator => Inject(REDIS);

/** The app's own Redis client (rate limits, heartbeats, locks). Keys are namespaced with REDIS_PREFIX. */
@Global()
@Module({
  providers: [
    RedisKeys,
    {
      provide: REDIS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) =>
        createRedis(config.get('REDIS_URL', { infer: true }), 'command'),
    },
  ],
  exports: [REDIS, RedisKeys],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: IORedis) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
