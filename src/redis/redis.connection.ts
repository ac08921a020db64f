import { Logger } from '@nestjs/common';
import IORedis, { type RedisOptions } from 'ioredis';

/**
 * Redis connections that survive outages: ioredis reconnects with capped backoff, errors are logged (at most
 * once per 30 s per connection, so an outage does not flood the log) instead of crashing the process.
 */
export function redisOptions(url: string, purpose: 'command' | 'worker'): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    connectionName: `duban-${purpose}`,
    retryStrategy: (attempt) => Math.min(200 * 2 ** Math.min(attempt, 6), 10_000),
    // BullMQ connections wait through an outage (jobs are not lost); the app's own commands give up after one
    // reconnection attempt, so a request fails instead of hanging.
    maxRetriesPerRequest: purpose === 'worker' ? null : 1,
    enableOfflineQueue: true,
    lazyConnect: false,
  };
}

export function createRedis(
  url: string,
  purpose: 'command' | 'worker',
  logger = new Logger('Redis'),
): IORedis {
  const client = new IORedis(redisOptions(url, purpose));
  let lastLogged = 0;
  let down = false;
  client.on('error', (err: Error) => {
    const now = Date.now();
    if (now - lastLogged > 30_000) {
      lastLogged = now;
      logger.warn(
        `Redis (${purpose}) unavailable at ${url.replace(/\/\/[^@]*@/, '//***@')}: ${err.message}; retrying`,
      );
    }
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.log(`Redis (${purpose}) connection recovered`);
    down = false;
  });
  return client;
}
