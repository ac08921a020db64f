import { ConfigService } from '@nestjs/config';
import { Injectable } from '@nestjs/common';
import type { Env } from '../config/env.schema';

/** Builds namespaced Redis keys, so test runs and deployments sharing one Redis never collide. */
@Injectable()
export class RedisKeys {
  readonly prefix: string;
  constructor(config: ConfigService<Env, true>) {
    this.prefix = config.get('REDIS_PREFIX', { infer: true });
  }
  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }
}
