import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import * as net from 'node:net';
import { QueueName } from '../../src/queue/queues';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CalendarService } from '../../src/calendar/calendar.service';
import { HealthService } from '../../src/health/health.service';
import { MailService } from '../../src/mail/mail.service';
import { createRedis } from '../../src/redis/redis.connection';
import { RedisKeys } from '../../src/redis/redis-keys';
import { WorkerWatch } from '../../src/reminders/worker-watch.service';
import { startTestApp } from '../support/test-app';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('GET /api/health, /api/health/ready, /api/health/live', () => {
  it('reports every service up', async () => {
    const t = await startTestApp();
    try {
      // The worker's first watch (heartbeat, schedulers, plan marker) runs in the background at start.
      await t.app.get(WorkerWatch).tick();
      const res = await t.request({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        status: string;
        checks: Record<string, { status: string }>;
        worker: { fresh: boolean };
        queues: { missing: string[] };
      };
      expect(body.queues.missing).toEqual([]);
      expect(body.worker.fresh).toBe(true);
      expect(body.status).toBe('ok');
      expect(Object.fromEntries(Object.entries(body.checks).map(([k, v]) => [k, v.status]))).toEqual({
        database: 'up',
        redis: 'up',
        smtp: 'up',
      });
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
    } finally {
      await t.close();
    }
  });

  it('is degraded without a fresh worker heartbeat or with the plan gone from Redis, until the watch restores it', async () => {
    const t = await startTestApp();
    try {
      const watch = t.app.get(WorkerWatch);
      await watch.tick();
      const keys = t.app.get(RedisKeys);
      const redis = createRedis(t.env.REDIS_URL, 'command');
      try {
        await redis.del(keys.key('worker', 'heartbeat'), keys.key('reminders', 'planned'));
        await t.app.get<Queue>(getQueueToken(QueueName.Reminders)).removeJobScheduler('daily-run');
      } finally {
        redis.disconnect();
      }
      const degraded = (await t.request({ method: 'GET', url: '/api/health/ready' })).json() as {
        status: string;
        worker: { fresh: boolean; lastHeartbeat: string | null };
        queues: { missing: string[] };
      };
      expect(degraded).toMatchObject({ status: 'degraded', worker: { fresh: false, lastHeartbeat: null } });
      expect(degraded.queues.missing.sort()).toEqual(['plan-marker', 'reminders/daily-run']);

      await watch.tick();
      const ok = (await t.request({ method: 'GET', url: '/api/health/ready' })).json() as { status: string };
      expect(ok.status).toBe('ok');
      expect(watch.recoveries.map((r) => r.reason)).toEqual(['worker start', 'plan marker missing']);
    } finally {
      await t.close();
    }
  });

  it('reports Redis on a closed port as down, and the rest as up', async () => {
    // The app keeps its own Redis; the health check is pointed at a closed port. (Booting a whole app on a
    // closed Redis port trips a BullMQ shutdown race that is not what this test is about.)
    const t = await startTestApp();
    const unreachable = createRedis(`redis://127.0.0.1:${await closedPort()}`, 'command');
    try {
      const health = new HealthService(
        t.app.get(DataSource),
        unreachable,
        t.app.get(RedisKeys),
        t.app.get(MailService),
        t.app.get(ModuleRef),
        t.app.get(CalendarService),
        t.app.get(ConfigService),
      );
      const report = await health.report();
      expect(report.status).toBe('down');
      expect(report.checks.redis.status).toBe('down');
      expect(report.checks.redis.error).toEqual(expect.any(String));
      expect(report.checks.database.status).toBe('up');
      expect(report.checks.smtp.status).toBe('up');
      expect(report.worker.lastHeartbeat).toBeNull();
    } finally {
      unreachable.disconnect();
      await t.close();
    }
  });

  it('with the mail server stopped: ready but degraded (SMTP listed as down), and alive', async () => {
    const t = await startTestApp();
    try {
      await t.mail.close();
      for (const url of ['/api/health/ready', '/api/health']) {
        const res = await t.request({ method: 'GET', url, headers: { 'x-request-id': 'probe-1' } });
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-request-id']).toBe('probe-1');
        expect(res.json()).toMatchObject({
          status: 'degraded',
          checks: { smtp: { status: 'down' }, database: { status: 'up' }, redis: { status: 'up' } },
        });
      }
      const live = await t.request({ method: 'GET', url: '/api/health/live' });
      expect(live.statusCode).toBe(200);
      expect(live.json()).toEqual({ status: 'ok' });
    } finally {
      await t.close();
    }
  });

  it('answers readiness 503 when PostgreSQL is down, while liveness stays 200', async () => {
    const t = await startTestApp();
    try {
      // The app's own pool is closed: every query fails as it would with the server gone.
      await t.app.get(DataSource).destroy();
      const ready = await t.request({ method: 'GET', url: '/api/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'down', checks: { database: { status: 'down' } } });
      const live = await t.request({ method: 'GET', url: '/api/health/live' });
      expect(live.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
