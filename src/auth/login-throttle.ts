import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type IORedis from 'ioredis';
import type { Env } from '../config/env.schema';
import { DomainError, ErrorCode } from '../common/domain-error';
import { InjectRedis } from '../redis/redis.module';
import { RedisKeys } from '../redis/redis-keys';

/**
 * Counts sign-in attempts per client address and per account in Redis, so every API instance shares the
 * limit. Fails closed: without Redis nobody can guess passwords unthrottled.
 */
@Injectable()
export class LoginThrottle {
  private readonly max: number;
  private readonly windowSeconds: number;

  constructor(
    @InjectRedis() private readonly redis: IORedis,
    private readonly keys: RedisKeys,
    config: ConfigService<Env, true>,
  ) {
    this.max = config.get('LOGIN_MAX_ATTEMPTS', { infer: true });
    this.windowSeconds = config.get('LOGIN_WINDOW_SECONDS', { infer: true });
  }

  /** Records an attempt; throws AUTH.RATE_LIMITED once either counter is over the limit. */
  async attempt(ip: string, email: string): Promise<void> {
    const keys = [this.keys.key('login', 'ip', ip), this.keys.key('login', 'account', email.toLowerCase())];
    let results: Array<[Error | null, unknown]> | null;
    try {
      const multi = this.redis.multi();
      for (const key of keys) multi.incr(key).expire(key, this.windowSeconds, 'NX').ttl(key);
      results = await multi.exec();
    } catch {
      throw new DomainError(
        ErrorCode.SERVICE_UNAVAILABLE,
        '登录暂不可用（Redis 不可达），请稍后再试 / Sign-in is unavailable (Redis unreachable); try again shortly',
      );
    }
    if (!results) throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'Sign-in is unavailable');
    for (let i = 0; i < keys.length; i++) {
      const count = Number(results[i * 3][1]);
      const ttl = Math.max(1, Number(results[i * 3 + 2][1]));
      if (count > this.max) {
        throw new DomainError(
          ErrorCode.AUTH_RATE_LIMITED,
          `登录尝试过多，请 ${Math.ceil(ttl / 60)} 分钟后再试 / Too many sign-in attempts; try again in ${Math.ceil(ttl / 60)} min`,
          { retryAfterSeconds: ttl },
          { 'retry-after': String(ttl) },
        );
      }
    }
  }

  /** A successful sign-in clears the account counter (not the address counter). */
  async succeeded(email: string): Promise<void> {
    await this.redis.del(this.keys.key('login', 'account', email.toLowerCase())).catch(() => undefined);
  }
}
