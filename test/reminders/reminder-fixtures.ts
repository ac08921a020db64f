import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ReceivedMail } from '../../src/mail/mail-sink';
import { QueueName } from '../../src/queue/queues';
import { Role } from '../../src/access/role.enum';
import type { User } from '../../src/users/user.entity';
import type { TestApp } from '../support/test-app';

export interface World {
  cityCode: string;
  countyCode: string;
  edu: string;
  fin: string;
  office: string;
  gov: string;
  planId: string;
  users: {
    eduHead: User;
    eduDeputy: User;
    eduStaff: User;
    eduInactive: User;
    finHead: User;
    officeUser: User;
    leader: User;
    idleHead: User;
  };
}

export const sql = <T = Record<string, unknown>>(t: TestApp, query: string, params: unknown[] = []) =>
  t.app.get(DataSource).query<T[]>(query, params);

export async function waitUntil<T>(
  check: () => Promise<T | false | null | undefined>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const remindersQueue = (t: TestApp) => t.app.get<Queue>(getQueueToken(QueueName.Reminders));
export const mailQueue = (t: TestApp) => t.app.get<Queue>(getQueueToken(QueueName.Mail));

/** Waits until neither queue has waiting or active jobs (delayed ones stay). */
export async function drained(t: TestApp, timeoutMs = 20_000): Promise<void> {
  await waitUntil(
    async () => {
      // Plan events are relayed to the queues after the commit, in the background.
      const unrelayed = await sql<{ n: number }>(
        t,
        'SELECT count(*)::int AS n FROM plan_event_outbox WHERE relayed_at IS NULL',
      );
      if (unrelayed[0].n > 0) return false;
      for (const queue of [remindersQueue(t), mailQueue(t)]) {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
        if (counts.waiting + counts.active + counts.prioritized > 0) return false;
      }
      const sending = await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM notification_outbox WHERE status IN ('pending', 'sending')`,
      );
      return sending[0].n === 0;
    },
    `queues to drain (${JSON.stringify(await remindersQueue(t).getJobCounts())} ${JSON.stringify(
      await sql(
        t,
        `SELECT status, template, last_error FROM notification_outbox WHERE status IN ('pending', 'sending')`,
      ),
    )})`,
    timeoutMs,
  );
}

export const to = (mail: readonly ReceivedMail[], user: User) =>
  mail.filter((m) => m.to.includes(user.email));

/** Two regions, four departments with their people, one plan whose leadership group office is `office`. */
export async function seedWorld(t: TestApp): Promise<World> {
  const suffix = randomBytes(2).toString('hex');
  const cityCode = `9${String(parseInt(suffix, 16) % 100).padStart(2, '0')}100`;
  const countyCode = `${cityCode.slice(0, 4)}21`;
  await sql(
    t,
    `INSERT INTO regions (code, name, level, parent_code, short_names) VALUES ($1, $2, 'city', NULL, '{}')`,
    [cityCode, `测试市${suffix}`],
  );
  await sql(
    t,
    `INSERT INTO regions (code, name, level, parent_code, short_names) VALUES ($1, $2, 'county', $3, '{}')`,
    [countyCode, `测试县${suffix}`, cityCode],
  );
  const department = async (name: string, kind: string, region = cityCode) =>
    (
      await sql<{ id: string }>(
        t,
        `INSERT INTO departments (region_code, name, normalized_name, kind) VALUES ($1, $2, $2, $3) RETURNING id`,
        [region, name, kind],
      )
    )[0].id;
  const edu = await department('教育局', 'bureau', countyCode);
  const fin = await department('财政局', 'bureau', countyCode);
  const office = await department('教育督导室', 'office');
  const gov = await department('人民政府', 'government');
  const idle = await department('文旅局', 'bureau');

  const eduHead = await t.createUser(Role.DeptHead, { departmentId: edu, name: '教育局长' });
  const eduDeputy = await t.createUser(Role.DeptHead, { departmentId: edu, name: '教育副局长' });
  const eduStaff = await t.createUser(Role.Staff, { departmentId: edu, name: '教育科员' });
  const eduInactive = await t.createUser(Role.DeptHead, { departmentId: edu, name: '已停用' });
  const finHead = await t.createUser(Role.DeptHead, { departmentId: fin, name: '财政局长' });
  const officeUser = await t.createUser(Role.Office, { departmentId: office, name: '督导室主任' });
  const leader = await t.createUser(Role.Leader, { departmentId: gov, name: '副市长' });
  const idleHead = await t.createUser(Role.DeptHead, { departmentId: idle, name: '文旅局长' });
  await sql(t, `UPDATE users SET is_active = false WHERE id = $1`, [eduInactive.id]);
  await sql(t, `UPDATE departments SET head_user_id = $2 WHERE id = $1`, [edu, eduHead.id]);
  await sql(t, `UPDATE departments SET head_user_id = $2 WHERE id = $1`, [fin, finHead.id]);
  await sql(t, `UPDATE departments SET head_user_id = $2 WHERE id = $1`, [idle, idleHead.id]);

  const planId = (
    await sql<{ id: string }>(
      t,
      `INSERT INTO plans (key, title, doc_number, issuer, issued_on, region_code, implements, source_file,
                          source_script, file_checksum, imported_at)
       VALUES ($1, '测试市义务教育优质均衡发展实施方案', '测政发〔2025〕1号', '测试市人民政府', '2025-01-01', $2, '{}',
               'test.txt', 'simplified', repeat('0', 64), now()) RETURNING id`,
      [`test-${suffix}`, cityCode],
    )
  )[0].id;
  await sql(
    t,
    `INSERT INTO leadership_groups (plan_id, name, office_department_id) VALUES ($1, '领导小组', $2)`,
    [planId, office],
  );
  return {
    cityCode,
    countyCode,
    edu,
    fin,
    office,
    gov,
    planId,
    users: { eduHead, eduDeputy, eduStaff, eduInactive, finHead, officeUser, leader, idleHead },
  };
}

let position = 0;

/** An item led by `lead` (default 教育局) with cooperating departments (default 财政局). */
export async function addItem(
  t: TestApp,
  world: World,
  options: {
    dueOn: string;
    startOn?: string | null;
    title?: string;
    recurrence?: string | null;
    kind?: string;
    indicator?: string | null;
    lead?: string;
    cooperate?: string[];
  },
): Promise<string> {
  position++;
  const title = options.title ?? `测试任务${position}`;
  const id = (
    await sql<{ id: string }>(
      t,
      `INSERT INTO plan_items (plan_id, ref, position, depth, kind, number, title, excerpt, search_text, start_on, due_on,
                               recurrence, indicator, targets, status, version)
       VALUES ($1, $2, $3, 0, $4, $5, $6::varchar, $6::text, $6::text, $7, $8, $9, $10, '[]', 'in_progress', 1) RETURNING id`,
      [
        world.planId,
        `r${position}-${randomBytes(2).toString('hex')}`,
        position,
        options.kind ?? 'task',
        `（${position}）`,
        title,
        options.startOn ?? null,
        options.dueOn,
        options.recurrence ?? null,
        options.indicator ?? null,
      ],
    )
  )[0].id;
  await sql(t, `INSERT INTO assignments (item_id, department_id, role) VALUES ($1, $2, 'lead')`, [
    id,
    options.lead ?? world.edu,
  ]);
  for (const dept of options.cooperate ?? [world.fin]) {
    await sql(t, `INSERT INTO assignments (item_id, department_id, role) VALUES ($1, $2, 'cooperate')`, [
      id,
      dept,
    ]);
  }
  return id;
}

export async function setMode(t: TestApp, user: User, mode: 'immediate' | 'daily' | 'weekly'): Promise<void> {
  await sql(
    t,
    `INSERT INTO notification_preferences (user_id, mode) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET mode = $2`,
    [user.id, mode],
  );
}
