/**
 * Reminder benchmark (`npm run bench:reminders`), same run, same machine:
 * 1. schedule reminders for N items (planReminders + deterministic ids + addBulk + per-item id sets) vs a bare
 *    BullMQ `addBulk` of the same number of delayed jobs;
 * 2. deliver M messages to a local SMTP sink through the outbox (insert ON CONFLICT, claim with lease, send,
 *    mark sent) vs a bare pooled nodemailer loop;
 * 3. Redis memory per scheduled reminder (INFO memory before/after).
 * Uses its own Redis prefix and a scratch database (BENCH_DATABASE_URL's server, database duban_bench_rem);
 * both are removed at the end. Env: BENCH_ITEMS (100000), BENCH_MESSAGES (10000), BENCH_ONLY (scheduling|delivery), REDIS_URL, TEST_DATABASE_URL.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { addDays, parseCalendarDate } from '../src/common/calendar-date';
import { LiveWorkingCalendar } from '../src/calendar/live-working-calendar';
import { Clock } from '../src/common/clock';
import { dataSourceOptions } from '../src/database/database.options';
import { ENTITIES } from '../src/entities';
import { runPendingMigrations } from '../src/database/migrate';
import { MailSink } from '../src/mail/mail-sink';
import { MailService } from '../src/mail/mail.service';
import { OutboxService } from '../src/notifications/outbox.service';
import type { ItemFacts } from '../src/reminders/reminder-facts.repository';
import { ReminderSchedulerService } from '../src/reminders/reminder-scheduler.service';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PREFIX = `duban-bench-${process.pid}`;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const config = (values: Record<string, unknown>) => ({ get: (key: string) => values[key] }) as never;

async function usedMemory(redis: IORedis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

async function deleteKeys(redis: IORedis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}

function fakeItems(count: number): ItemFacts[] {
  const base = parseCalendarDate('2026-03-02');
  return Array.from({ length: count }, (_, i) => {
    const due = addDays(base, 20 + (i % 30));
    return {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      planId: 'bench',
      planTitle: 'bench',
      planDocNumber: null,
      planRegionCode: '000000',
      ref: String(i),
      number: String(i),
      title: `item ${i}`,
      kind: 'task',
      status: 'in_progress',
      startOn: null,
      dueOn: due,
      effectiveDueOn: due,
      assignmentDueDates: [due],
      extensionApprovedOn: null,
      backlogUntil: null,
      recurrence: null,
      indicator: null,
    };
  });
}

async function benchScheduling(redis: IORedis): Promise<void> {
  const clock = new Clock();
  clock.now = () => new Date('2026-03-01T00:00:00Z');
  const items = fakeItems(ITEMS);

  const bareQueue = new Queue('bench-bare', {
    connection: new IORedis(REDIS_URL, { maxRetriesPerRequest: null }),
    prefix: `${PREFIX}:bull`,
  });
  const queue = new Queue('bench-reminders', {
    connection: new IORedis(REDIS_URL, { maxRetriesPerRequest: null }),
    prefix: `${PREFIX}:bull`,
  });
  const scheduler = new ReminderSchedulerService(
    queue,
    { allPolicyLayers: async () => new Map() } as never,
    new LiveWorkingCalendar(),
    clock,
    redis,
    { key: (...parts: string[]) => [PREFIX, ...parts].join(':') } as never,
    config({ REMINDER_SEND_AT: '09:00' }),
  );

  const memoryBefore = await usedMemory(redis);
  let started = performance.now();
  const report = await scheduler.scheduleMany(items, new Map());
  const ours = performance.now() - started;
  const memoryAfter = await usedMemory(redis);
  const jobs = report.scheduled;

  started = performance.now();
  for (let i = 0; i < jobs; i += 2000) {
    const n = Math.min(2000, jobs - i);
    await bareQueue.addBulk(
      Array.from({ length: n }, (_, k) => ({
        name: 'remind',
        data: {
          itemId: items[(i + k) % items.length].id,
          rule: 'before_7',
          dueOn: '2026-04-01',
          sendOn: '2026-03-20',
          sendAtUtc: '2026-03-20T01:00:00.000Z',
        },
        opts: { jobId: `bare|${i + k}`, delay: 86_400_000 },
      })),
    );
  }
  const bare = performance.now() - started;
  console.log(`scheduling: ${fmt(ITEMS)} items → ${fmt(jobs)} delayed reminders`);
  console.log(`  reminders scheduler ${fmt(ours)} ms (${fmt((jobs / ours) * 1000)} jobs/s)`);
  console.log(`  bare addBulk        ${fmt(bare)} ms (${fmt((jobs / bare) * 1000)} jobs/s)`);
  console.log(`  ratio ${(bare / ours).toFixed(2)}× of bare throughput (goal ≥ 0.5×)`);
  console.log(
    `  Redis memory: ${fmt((memoryAfter - memoryBefore) / jobs)} bytes per scheduled reminder (job hash, delayed zset entry, per-item id set)`,
  );
  await queue.close();
  await bareQueue.close();
}

async function benchDelivery(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS duban_bench_rem WITH (FORCE)');
  await admin.query(`CREATE DATABASE duban_bench_rem ENCODING 'UTF8' TEMPLATE template0`);
  const url = new URL(ADMIN_URL);
  url.pathname = '/duban_bench_rem';
  await runPendingMigrations(url.toString());
  const ds = new DataSource(dataSourceOptions(url.toString(), { poolSize: 12, entities: ENTITIES }));
  await ds.initialize();
  const sink = new MailSink({ keep: 10 });
  const port = await sink.listen(0);
  const smtp = `smtp://127.0.0.1:${port}`;
  try {
    const mail = new MailService(config({ SMTP_URL: smtp, MAIL_FROM: 'bench <bench@localhost>' }));
    const queueStub = { addBulk: async () => [] } as never;
    const outbox = new OutboxService(
      ds,
      queueStub,
      mail,
      { value: 'x'.repeat(40) } as never,
      new Clock(),
      config({ PUBLIC_URL: 'http://localhost:3000' }),
    );
    const messages = Array.from({ length: MESSAGES }, (_, i) => ({
      recipientUserId: null,
      recipientEmail: `user${i % 500}@bench.local`,
      template: 'reminder' as const,
      payload: {
        item: {
          id: `item-${i}`,
          ref: String(i),
          number: `（${i}）`,
          title: `任务 ${i}`,
          planTitle: '基准方案',
          dueOn: '2026-04-01',
        },
        rule: 'before_7',
        dueOn: '2026-04-01',
        departmentName: '教育局',
        role: 'lead',
        outstanding: null,
      },
      idempotencyKey: `bench|${i}`,
    }));
    const concurrency = 10; // the mail processor's concurrency
    let started = performance.now();
    const ids = await outbox.enqueue(messages);
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < ids.length) await outbox.deliver(ids[next++]);
      }),
    );
    const ours = performance.now() - started;
    mail.onApplicationShutdown();

    const transport = createTransport({
      url: smtp,
      pool: true,
      maxConnections: 5,
      maxMessages: 500,
    } as never);
    started = performance.now();
    let k = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (k < MESSAGES) {
          const i = k++;
          await transport.sendMail({
            from: 'bench@localhost',
            to: messages[i].recipientEmail,
            subject: `任务 ${i}`,
            text: 'x',
            html: '<p>x</p>',
          });
        }
      }),
    );
    const bare = performance.now() - started;
    transport.close();
    console.log(`delivery: ${fmt(MESSAGES)} messages to a local SMTP sink, ${concurrency} concurrent`);
    console.log(
      `  outbox (insert, claim+lease, render, send, mark) ${fmt(ours)} ms (${fmt((MESSAGES / ours) * 1000)} msg/s)`,
    );
    console.log(
      `  bare pooled nodemailer loop                      ${fmt(bare)} ms (${fmt((MESSAGES / bare) * 1000)} msg/s)`,
    );
    console.log(`  ratio ${(bare / ours).toFixed(2)}× of bare throughput (goal ≥ 0.5×)`);
  } finally {
    await sink.close();
    await ds.destroy();
    await admin.query('DROP DATABASE IF EXISTS duban_bench_rem WITH (FORCE)');
    await admin.end();
  }
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  try {
    const only = process.env.BENCH_ONLY;
    if (only !== 'delivery') await benchScheduling(redis);
    if (only !== 'scheduling') await benchDelivery();
  } finally {
    await deleteKeys(redis, `${PREFIX}:*`);
    redis.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
