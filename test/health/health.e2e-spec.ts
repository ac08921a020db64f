import * as net from 'node:net';
import { DataSource } from 'typeorm';
import { CalendarService } from '../../src/calendar/calendar.service';
import { HealthService } from '../../src/health/health.service';
import { MailService } from '../../src/mail/mail.service';
import { createRedis } from '../../src/redis/redis.connection';
import { RedisKeys } from '../../src/redis/redis-keys';
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
      const res = await t.request({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { status: string; checks: Record<string, { status: string }> };
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
        t.app.get(CalendarService),
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
