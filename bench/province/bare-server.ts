/**
 * The bare baseline of `bench:api`: Fastify + `pg` (a pool of DATABASE_POOL_SIZE, as the app's) and, per route,
 * one hand-written SQL statement that returns what Duban's route returns for the same user.
 *
 * - `GET /live` — `{status: "ok"}` with no database (Duban: `/api/health/live`).
 * - `GET /items?limit=N` — an office user's `/api/items?limit=N` (sort by due date): the bearer session,
 *   the user's area (its region, the regions above and below), the page of items, each with its active
 *   assignments and the lead departments' latest percent, in one statement; the expected-progress light is the
 *   same pure function the app uses (assessProgress). No validation, no guard, no logging.
 *
 * Started by bench/province/api.bench.ts as a child process; prints `listening <port>` when ready.
 */
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { Clock } from '../../src/common/clock';
import type { CalendarDate } from '../../src/common/calendar-date';
import { assessProgress } from '../../src/plans/expected-progress.policy';
import { encodeCursor } from '../../src/plans/item-cursor';

const ITEMS_SQL = `
WITH RECURSIVE me AS (
  SELECT u.id, u.role, d.region_code
    FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN departments d ON d.id = u.department_id
   WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.is_active),
up AS (
  SELECT r.code, r.parent_code FROM regions r JOIN me ON r.code = me.region_code
  UNION ALL SELECT r.code, r.parent_code FROM regions r JOIN up ON r.code = up.parent_code),
down AS (
  SELECT r.code FROM regions r JOIN me ON r.code = me.region_code
  UNION ALL SELECT r.code FROM regions r JOIN down ON r.parent_code = down.code),
visible AS (SELECT code FROM up UNION SELECT code FROM down),
page AS (
  SELECT i.id, i.plan_id, p.key AS plan_key, p.title AS plan_title, p.region_code AS plan_region, i.parent_id,
         i.ref, i.number, i.kind, i.title, i.status, i.start_on::text AS start_on, i.due_on::text AS due_on,
         i.due_text, i.extended_due_on::text AS extended_due_on, i.recurrence, i.indicator, i.depth, i.version,
         i.updated_at, (i.created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS created_on,
         COALESCE(i.due_on, DATE '9999-12-31')::text AS k0
    FROM plan_items i JOIN plans p ON p.id = i.plan_id
   WHERE p.region_code IN (SELECT code FROM visible) AND i.status <> 'cancelled'
   ORDER BY COALESCE(i.due_on, DATE '9999-12-31'), i.id
   LIMIT $2)
SELECT page.*,
       (SELECT json_agg(json_build_object(
                 'id', a.id, 'itemId', a.item_id, 'departmentId', a.department_id, 'departmentName', d.name,
                 'regionCode', d.region_code, 'role', a.role, 'acknowledgedAt', a.acknowledged_at,
                 'acknowledgedByUserId', a.acknowledged_by_user_id) ORDER BY a.role, d.region_code, d.name)
          FROM assignments a JOIN departments d ON d.id = a.department_id
         WHERE a.item_id = page.id AND a.removed_at IS NULL) AS assignments,
       (SELECT min(x.percent) FROM (
          SELECT DISTINCT ON (r.assignment_id) r.percent
            FROM progress_reports r JOIN assignments a ON a.id = r.assignment_id AND a.role = 'lead' AND a.removed_at IS NULL
           WHERE r.item_id = page.id AND r.state <> 'returned'
           ORDER BY r.assignment_id, r.submitted_at DESC, r.created_at DESC, r.id DESC) x) AS reported
  FROM page ORDER BY page.k0, page.id`;

interface Row {
  id: string;
  plan_id: string;
  plan_key: string;
  plan_title: string;
  plan_region: string;
  parent_id: string | null;
  ref: string;
  number: string;
  kind: string;
  title: string;
  status: string;
  start_on: string | null;
  due_on: string | null;
  due_text: string | null;
  extended_due_on: string | null;
  recurrence: string | null;
  indicator: string | null;
  depth: number;
  version: number;
  updated_at: Date;
  created_on: string;
  k0: string;
  assignments: Array<Record<string, unknown> & { acknowledgedAt: string | null }> | null;
  reported: number | null;
}

async function main(): Promise<void> {
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  const clock = new Clock();
  const app = Fastify({ logger: false });
  app.get('/live', async () => ({ status: 'ok' }));
  app.get('/items', async (request, reply) => {
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    const limit = Math.min(Number((request.query as { limit?: string }).limit ?? 50), 200);
    const hash = createHash('sha256').update(token).digest('hex');
    const { rows } = await pool.query<Row>(ITEMS_SQL, [hash, limit + 1]);
    const today = clock.today();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return reply.send({
      items: page.map((r) => {
        const due = (r.extended_due_on ?? r.due_on) as CalendarDate | null;
        const start = (r.start_on ?? r.created_on) as CalendarDate;
        return {
          id: r.id,
          plan: { id: r.plan_id, key: r.plan_key, title: r.plan_title, regionCode: r.plan_region },
          parentId: r.parent_id,
          ref: r.ref,
          number: r.number,
          kind: r.kind,
          title: r.title,
          status: r.status,
          startOn: r.start_on,
          dueOn: r.due_on,
          dueText: r.due_text,
          extendedDueOn: r.extended_due_on,
          effectiveDueOn: r.extended_due_on ?? r.due_on,
          recurrence: r.recurrence,
          indicator: r.indicator,
          depth: r.depth,
          version: r.version,
          updatedAt: r.updated_at,
          progress: due
            ? assessProgress(
                {
                  startOn: start <= due ? start : due,
                  dueOn: r.due_on as CalendarDate,
                  effectiveDueOn: r.extended_due_on as CalendarDate | null,
                  reportedPercent: r.reported ?? 0,
                  completed: r.status === 'completed',
                },
                today,
              )
            : null,
          assignments: (r.assignments ?? []).map((a) => ({
            ...a,
            acknowledgedAt: a.acknowledgedAt ? new Date(a.acknowledgedAt) : null,
          })),
        };
      }),
      nextCursor: rows.length > limit && last ? encodeCursor('due', [last.k0, last.id]) : null,
    });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
}

void main();
