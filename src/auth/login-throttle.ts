import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type IORedis from 'ioredis';
import type { Env } from '../config/env.schema';
import { DomainError, ErrorCode } from '../common/domain-error';
import { InjectRedis } from '../redis/redis.module';
import { RedisKeys } from '../redis/redis-keys';
import { msg } from '../common/i18n/catalog';

/** What one failure did to the counters. */
export interface FailureOutcome {
  /** this failure reached the limit of its address+account pair: that pair is now refused until the window ends */
  lockedOut: boolean;
  /** seconds the account now waits before its next attempt from any address (0: none) */
  delaySeconds: number;
}

/** How many failures per address+account one address may spread over many accounts (password spraying). */
const ADDRESS_FACTOR = 10;

/**
 * Counts failed sign-ins (and wrong current passwords) in Redis, shared by every API instance. Only failures
 * count: an office behind one NAT address signs in all day. Three counters:
 * - per address + account: LOGIN_MAX_ATTEMPTS failures in LOGIN_WINDOW_SECONDS refuse that pair until the window
 *   ends — a stranger elsewhere does not lock the account for its owner;
 * - per account, from any address: after LOGIN_MAX_ATTEMPTS failures each further one makes the account wait a
 *   growing delay (1 s, 2 s, 4 s … up to LOGIN_MAX_DELAY_SECONDS) — guessing from many addresses is slowed, the
 *   owner waits seconds, never a fixed lock;
 * - per address: ten times the limit over every account (spraying).
 * Fails closed: without Redis nobody can guess passwords unthrottled.
 */
@Injectable()
export class LoginThrottle {
  private readonly max: number;
  private readonly windowSeconds: number;
  private readonly maxDelaySeconds: number;

  constructor(
    @InjectRedis() private readonly redis: IORedis,
    private readonly keys: RedisKeys,
    config: ConfigService<Env, true>,
  ) {
    this.max = config.get('LOGIN_MAX_ATTEMPTS', { infer: true });
    this.windowSeconds = config.get('LOGIN_WINDOW_SECONDS', { infer: true });
    this.maxDelaySeconds = config.get('LOGIN_MAX_DELAY_SECONDS', { infer: true });
  }

  private keysOf(ip: string, account: string) {
    const who = account.trim().toLowerCase();
    return {
      pair: this.keys.key('login', 'pair', ip, who),
      address: this.keys.key('login', 'address', ip),
      account: this.keys.key('login', 'account', who),
      wait: this.keys.key('login', 'wait', who),
    };
  }

  /**
   * Before checking a password: refuses when the pair or the address is over its limit or the account's delay
   * runs. Counts nothing.
   * @throws DomainError AUTH.RATE_LIMITED with Retry-After
   */
  async check(ip: string, account: string): Promise<void> {
    const k = this.keysOf(ip, account);
    const [pair, pairTtl, address, addressTtl, waitMs] = await this.run((m) =>
      m.get(k.pair).ttl(k.pair).get(k.address).ttl(k.address).pttl(k.wait),
    );
    if (Number(pair) >= this.max) this.refuse(Number(pairTtl));
    if (Number(address) >= this.max * ADDRESS_FACTOR) this.refuse(Number(addressTtl));
    if (Number(waitMs) > 0) this.refuse(Math.ceil(Number(waitMs) / 1000));
  }

  /** Records a failure on every counter; says whether it locked the pair and how long the account waits. */
  async failed(ip: string, account: string): Promise<FailureOutcome> {
    const k = this.keysOf(ip, account);
    const w = this.windowSeconds;
    const [pair, , , , accountFailures] = await this.run((m) =>
      m
        .incr(k.pair)
        .expire(k.pair, w, 'NX')
        .incr(k.address)
        .expire(k.address, w, 'NX')
        .incr(k.account)
        .expire(k.account, w, 'NX'),
    );
    const over = Number(accountFailures) - this.max;
    const delaySeconds = over > 0 ? Math.min(2 ** (over - 1), this.maxDelaySeconds) : 0;
    if (delaySeconds > 0) await this.run((m) => m.set(k.wait, '1', 'EX', delaySeconds));
    return { lockedOut: Number(pair) === this.max, delaySeconds };
  }

  /** The right password: the pair's and the account's counts start again (the address keeps its count). */
  async succeeded(ip: string, account: string): Promise<void> {
    const k = this.keysOf(ip, account);
    await this.redis.del(k.pair, k.account, k.wait).catch(() => undefined);
  }

  private refuse(ttl: number): never {
    const seconds = Math.max(1, ttl);
    const minutes = Math.ceil(seconds / 60);
    throw new DomainError(
      ErrorCode.AUTH_RATE_LIMITED,
      seconds < 60
        ? msg('auth.too_many_attempts_seconds', { seconds })
        : msg('auth.too_many_attempts_minutes', { minutes }),
      { retryAfterSeconds: seconds },
      { 'retry-after': String(seconds) },
    );
  }

  /** Runs a MULTI; the replies in order. */
  private async run(build: (multi: ReturnType<IORedis['multi']>) => unknown): Promise<unknown[]> {
    let results: Array<[Error | null, unknown]> | null;
    try {
      const multi = this.redis.multi();
      build(multi);
      results = await multi.exec();
    } catch {
      results = null;
    }
    if (!results || results.some(([error]) => error)) {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, msg('auth.sign_in_unavailable'));
    }
    return results.map(([, value]) => value);
  }
}
