import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { MaintenanceJob, QueueName } from '../../src/queue/queues';
import { Role } from '../../src/access/role.enum';
import { LONG_AGO, startTestApp, type TestApp } from '../support/test-app';

async function settled(job: Job, timeoutMs = 10_000): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') return state;
    if (performance.now() > deadline) throw new Error(`job ${job.id} still ${state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('BullMQ through the real Redis', () => {
  let t: TestApp;
  let queue: Queue;
  let redis: Redis;

  beforeAll(async () => {
    t = await startTestApp();
    queue = t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    redis = new Redis(t.env.REDIS_URL);
  });
  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
  });

  it('the worker processes a heartbeat job and records it in Redis', async () => {
    await redis.del(`${t.env.REDIS_PREFIX}:worker:heartbeat`);
    const job = await queue.add(MaintenanceJob.Heartbeat, {});
    expect(await settled(job)).toBe('completed');
    const stamp = await redis.get(`${t.env.REDIS_PREFIX}:worker:heartbeat`);
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT.* \S+:\d+$/);
    // The job lives under this run's prefix, so test runs sharing a Redis never see each other's jobs.
    expect(await redis.exists(`${t.env.REDIS_PREFIX}:bull:${QueueName.Maintenance}:${job.id}`)).toBe(1);
  });

  it('purges ended sessions through the queue', async () => {
    const user = await t.createUser(Role.Staff);
    await t.sessionFor(user, { expiresAt: LONG_AGO });
    const live = await t.sessionFor(user);
    const job = await queue.add(MaintenanceJob.PurgeSessions, { olderThanDays: 7 });
    expect(await settled(job)).toBe('completed');
    expect((await queue.getJob(job.id!))?.returnvalue).toEqual({ purged: 1 });
    const me = await t.request({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${live}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it('a job without a handler fails for good instead of retrying', async () => {
    const job = await queue.add('no-such-job' as MaintenanceJob, {}, { attempts: 5 });
    expect(await settled(job)).toBe('failed');
    const failed = await queue.getJob(job.id!);
    expect(failed?.failedReason).toContain('no handler for maintenance job "no-such-job"');
    expect(failed?.attemptsMade).toBe(1);
  });

  it('the recurring maintenance jobs are registered once, with stable ids', async () => {
    const deadline = performance.now() + 5000;
    let ids: string[] = [];
    while (performance.now() < deadline) {
      ids = (await queue.getJobSchedulers()).map((s) => String(s.key)).sort();
      if (ids.length >= 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(ids).toEqual(['heartbeat', 'purge-sessions']);
  });
});
