import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { addDays, parseCalendarDate as d } from '../../src/common/calendar-date';
import { MailSink } from '../../src/mail/mail-sink';
import { OutboxService } from '../../src/notifications/outbox.service';
import { ReminderFactsRepository } from '../../src/reminders/reminder-facts.repository';
import { ReminderSchedulerService } from '../../src/reminders/reminder-scheduler.service';
import { RemindersRunner } from '../../src/reminders/reminders-runner.service';
import { WorkerWatch } from '../../src/reminders/worker-watch.service';
import { Role } from '../../src/access/role.enum';
import {
  addItem,
  drained,
  remindersQueue,
  seedWorld,
  setMode,
  sql,
  waitUntil,
} from '../reminders/reminder-fixtures';
import { startTestApp } from '../support/test-app';
import { TEST_NOW } from '../support/test-clock';
import { OwnRedis, WorkerProcess } from './fault-support';

/**
 * Fault tests as an operator would run them: a Redis of the test's own (flushed, killed, restarted without
 * data), a real SMTP server (refused, slow), a real worker process SIGKILLed mid-batch. Windows are small
 * (leases of seconds, a retry window of 3 s) so the suite stays short. Each test reports mails expected /
 * delivered / duplicated / lost (README, "Reminders" → figures).
 */
interface Figures {
  expected: number;
  delivered: number;
  duplicated: number;
  lost: number;
}
const figures: Record<string, Figures> = {};
const latencies: Record<string, { status: number; ms: number }> = {};

/** Unique Message-IDs delivered and the copies beyond the first (a duplicate keeps its Message-ID). */
function tally(messageIds: Array<string | null>, expected: number): Figures {
  const unique = new Set(messageIds.filter((m): m is string => !!m)).size;
  return { expected, delivered: unique, duplicated: messageIds.length - unique, lost: expected - unique };
}

const FAST = {
  WORKER_WATCH_SECONDS: '1',
  WORKER_STALE_AFTER_SECONDS: '5',
  REMINDER_DAILY_CAP: '1000',
};

afterAll(() => {
  // The measured figures, for README's table.
  process.stdout.write(`\nfault figures: ${JSON.stringify({ figures, latencies })}\n`);
});

describe('faults: Redis, worker and SMTP', () => {
  it('Redis flushed, then restarted without data: every reminder comes back from PostgreSQL, none sent twice', async () => {
    const redis = await OwnRedis.start();
    const t = await startTestApp({ env: { REDIS_URL: redis.url, ...FAST } });
    try {
      const world = await seedWorld(t);
      await setMode(t, world.users.eduHead, 'immediate');
      await setMode(t, world.users.eduDeputy, 'immediate');
      const today = t.clock.today();
      const items: string[] = [];
      for (let i = 0; i < 12; i++)
        items.push(await addItem(t, world, { dueOn: addDays(today, 3 + 2 * i), cooperate: [] }));
      const watch = t.app.get(WorkerWatch);
      const runner = t.app.get(RemindersRunner);
      const delayedReminders = async () =>
        (await remindersQueue(t).getDelayed(0, -1))
          .filter((j) => j.name === 'remind')
          .map((j) => j.id!)
          .sort();

      const scheduler = t.app.get(ReminderSchedulerService);
      /**
       * Each morning from `from` to `to` at 09:30: the reminders due go out on their own day. (A job run days late
       * sends what is true that day — issue 20 — so one jump over a month would rightly send fewer mails.)
       */
      const mornings = async (from: string, to: string) => {
        for (let day = d(from); day <= to; day = addDays(day, 1)) {
          t.clock.set(`${day}T01:30:00Z`);
          await scheduler.promoteDue();
          await drained(t);
        }
      };

      await runner.replan();
      await drained(t);
      // A week passes: its reminders go out; the nightly replan extends the horizon.
      await mornings('2026-11-26', '2026-12-01');
      await runner.replan();
      await drained(t);
      const planned = await delayedReminders();
      expect(planned.length).toBeGreaterThan(20);

      // 1. FLUSHALL: the marker key is gone; the watch restores schedulers and reminders.
      const before = watch.recoveries.length;
      const admin = new IORedis(redis.url);
      await admin.flushall();
      admin.disconnect();
      await waitUntil(async () => watch.recoveries.length > before, 'recovery after FLUSHALL', 20_000);
      expect(watch.recoveries.at(-1)!.reason).toBe('plan marker missing');
      await drained(t);
      expect(await delayedReminders()).toEqual(planned);

      // 2. Redis killed and started again, empty: the reconnect (or the marker) triggers the same recovery.
      const count = watch.recoveries.length;
      await redis.down();
      await new Promise((r) => setTimeout(r, 500));
      await redis.up();
      await waitUntil(async () => watch.recoveries.length > count, 'recovery after restart', 30_000);
      await drained(t);
      expect(await delayedReminders()).toEqual(planned);
      const health = (await t.request({ method: 'GET', url: '/api/health/ready' })).json() as {
        queues: { missing: string[] };
      };
      expect(health.queues.missing).toEqual([]);

      // Everything due by 4 January goes out: each planned reminder once to each of the two contacts.
      const end = '2027-01-04T01:30:00.000Z';
      await mornings('2026-12-02', '2027-01-04');
      let expectedReminders = 0;
      for (const item of await t.app.get(ReminderFactsRepository).items(items)) {
        expectedReminders += scheduler
          .planFor(item, await scheduler.policyFor(item), today, d('2027-01-04'))
          .filter((p) => p.sendAtUtc <= end).length;
      }
      const mails = t.mail.messages.filter(
        (m) => m.to.includes(world.users.eduHead.email) || m.to.includes(world.users.eduDeputy.email),
      );
      const reminderMails = mails.filter((m) => m.subject.includes('测试任务'));
      figures['Redis flushed and restarted'] = tally(
        reminderMails.map((m) => m.messageId),
        expectedReminders * 2,
      );
      expect(figures['Redis flushed and restarted']).toMatchObject({ duplicated: 0, lost: 0 });
    } finally {
      await t.close();
      await redis.down();
    }
  }, 120_000);

  it('worker SIGKILLed during a batch of 60 mails: none lost, duplicates counted', async () => {
    const redis = await OwnRedis.start();
    // The API role here; the mail is sent by real worker processes to a slow SMTP server.
    const t = await startTestApp({ env: { REDIS_URL: redis.url, DUBAN_ROLE: 'api', ...FAST } });
    const slow = new MailSink({ acceptDelayMs: 150 });
    const smtpPort = await slow.listen(0);
    const workerEnv = {
      DATABASE_URL: t.env.DATABASE_URL!,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: redis.url,
      REDIS_PREFIX: t.env.REDIS_PREFIX,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      APP_SECRET: 'fault-test-secret-fault-test-secret-0123',
      MAIL_LEASE_SECONDS: '3',
      ...FAST,
    };
    let worker: WorkerProcess | null = null;
    try {
      const rows = Array.from({ length: 60 }, (_, i) => ({
        recipientUserId: null,
        recipientEmail: `batch-${i}@test.duban`,
        template: 'escalation' as const,
        payload: { notices: [] },
        idempotencyKey: `kill-batch-${i}`,
        mandatory: true,
      }));
      const ids = await t.app.get(OutboxService).enqueue(rows);
      expect(ids).toHaveLength(60);

      worker = WorkerProcess.start(workerEnv);
      await slow
        .waitFor(() => true, 12, 60_000)
        .catch((error: Error) => {
          throw new Error(`${error.message}\n${worker!.log}`);
        });
      await worker.kill('SIGKILL');
      const [{ n: inFlight }] = await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM notification_outbox WHERE status = 'sending'`,
      );

      worker = WorkerProcess.start(workerEnv);
      await waitUntil(
        async () =>
          (
            await sql<{ n: number }>(
              t,
              `SELECT count(*)::int AS n FROM notification_outbox WHERE status = 'sent'`,
            )
          )[0].n === 60,
        'all 60 rows sent',
        60_000,
      );
      // Copies still in the slow server's hands.
      await new Promise((r) => setTimeout(r, 500));
      const tallied = tally(
        slow.messages.map((m) => m.messageId),
        60,
      );
      figures['worker SIGKILLed mid-batch'] = tallied;
      expect(tallied.lost).toBe(0);
      const counts = await t.app.get(OutboxService).counts();
      // Every duplicate is a send taken over after the crash (counted on the row).
      expect(counts.interruptions).toBeGreaterThanOrEqual(tallied.duplicated);
      expect(inFlight).toBeGreaterThan(0);
    } finally {
      await worker?.kill('SIGKILL');
      await slow.close();
      await t.close();
      await redis.down();
    }
  }, 120_000);

  it('SMTP refused for longer than the retry window: rows go dead, the bulk retry delivers each once', async () => {
    const t = await startTestApp({
      env: {
        ...FAST,
        MAIL_RETRY_WINDOW_SECONDS: '3',
        MAIL_BACKOFF_BASE_SECONDS: '0.5',
        MAIL_BACKOFF_MAX_SECONDS: '1',
      },
    });
    const port = Number(new URL(t.env.SMTP_URL!).port);
    try {
      await t.mail.close();
      const rows = Array.from({ length: 20 }, (_, i) => ({
        recipientUserId: null,
        recipientEmail: `outage-${i}@test.duban`,
        template: 'escalation' as const,
        payload: { notices: [] },
        idempotencyKey: `outage-${i}`,
        mandatory: true,
      }));
      await t.app.get(OutboxService).enqueue(rows);
      await waitUntil(
        async () => (await t.app.get(OutboxService).counts()).dead === 20,
        'every row dead after the window',
        30_000,
      );
      const [attempts] = await sql<{ min: number }>(
        t,
        'SELECT min(attempts)::int AS min FROM notification_outbox',
      );
      expect(attempts.min).toBeGreaterThanOrEqual(2);

      await t.mail.listen(port);
      const admin = await t.sessionFor(await t.createUser(Role.Admin));
      const retry = await t.request({
        method: 'POST',
        url: '/api/admin/outbox/retry',
        headers: { authorization: `Bearer ${admin}` },
        payload: {
          status: 'dead',
          error: 'ECONNREFUSED',
          recipient: 'outage-',
          from: TEST_NOW.slice(0, 4) + '-01-01T00:00:00Z',
        },
      });
      expect([retry.statusCode, retry.json()]).toEqual([200, { retried: 20 }]);
      await t.mail.waitFor((m) => m.to.some((a) => a.startsWith('outage-')), 20, 20_000);
      await drained(t);
      figures['SMTP refused beyond the retry window'] = tally(
        t.mail.messages.filter((m) => m.to.some((a) => a.startsWith('outage-'))).map((m) => m.messageId),
        20,
      );
      expect(figures['SMTP refused beyond the retry window']).toMatchObject({ delivered: 20, duplicated: 0 });

      const bad = await t.request({
        method: 'POST',
        url: '/api/admin/outbox/retry',
        headers: { authorization: `Bearer ${admin}` },
        payload: { status: 'sent' },
      });
      expect(bad.statusCode).toBe(400);
    } finally {
      await t.close();
    }
  }, 90_000);

  it('Redis down during 签收: the answer comes within 2 s from PostgreSQL; the event is relayed when Redis returns', async () => {
    const redis = await OwnRedis.start();
    const t = await startTestApp({ env: { REDIS_URL: redis.url, ...FAST } });
    try {
      const world = await seedWorld(t);
      const item = await addItem(t, world, { dueOn: '2026-12-18', cooperate: [] });
      const token = await t.sessionFor(world.users.eduHead);
      await t.app.get(WorkerWatch).tick();

      await redis.down();
      const started = performance.now();
      const res = await t.request({
        method: 'POST',
        url: `/api/items/${item}/acknowledge`,
        headers: { authorization: `Bearer ${token}` },
      });
      const elapsed = performance.now() - started;
      expect([res.statusCode, res.body]).toEqual([201, expect.any(String)]);
      expect(elapsed).toBeLessThan(2000);
      latencies['签收 with Redis down'] = { status: res.statusCode, ms: Math.round(elapsed) };
      // … and the progress report after it (it used to hang the same way).
      const reportStarted = performance.now();
      const report = await t.request({
        method: 'POST',
        url: `/api/items/${item}/reports`,
        headers: { authorization: `Bearer ${token}` },
        payload: { period: 'once', text: '已完成场地改造', percent: 60 },
      });
      const reportElapsed = performance.now() - reportStarted;
      expect([report.statusCode, report.body]).toEqual([201, expect.any(String)]);
      expect(reportElapsed).toBeLessThan(2000);
      latencies['report with Redis down'] = { status: report.statusCode, ms: Math.round(reportElapsed) };
      process.stdout.write(
        `\n签收 with Redis down answered ${res.statusCode} in ${Math.round(elapsed)} ms\n`,
      );
      // The admin's queue view says Redis is not answering instead of hanging with it.
      const admin = await t.sessionFor(await t.createUser(Role.Admin));
      const queuesStarted = performance.now();
      const queues = await t.request({
        method: 'GET',
        url: '/api/admin/queues',
        headers: { authorization: `Bearer ${admin}` },
      });
      const queuesElapsed = performance.now() - queuesStarted;
      expect(queues.statusCode).toBe(503);
      expect((queues.json() as { message: string }).message).toContain('任务队列服务暂时无法连接');
      expect(queuesElapsed).toBeLessThan(3000);
      latencies['queue view with Redis down'] = { status: queues.statusCode, ms: Math.round(queuesElapsed) };
      const pending = await t.app
        .get(DataSource)
        .query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM plan_event_outbox WHERE relayed_at IS NULL`,
        );
      expect(pending[0].n).toBeGreaterThan(0);

      await redis.up();
      await waitUntil(
        async () =>
          (
            await sql<{ n: number }>(
              t,
              'SELECT count(*)::int AS n FROM plan_event_outbox WHERE relayed_at IS NULL',
            )
          )[0].n === 0,
        'the 签收 event relayed',
        30_000,
      );
    } finally {
      await redis.up().catch(() => undefined);
      await t.close();
      await redis.down();
    }
  }, 90_000);
});
