/**
 * SQL statements per request on the main list and dashboard routes: a fixed number, whatever the page size and
 * whatever the user's area (how many plans, items, assignments, reports and counties it covers). A count that
 * grows with either is an N+1 that a province-sized deployment pays per row (issue 16).
 *
 * Counted at the driver: every `pg` Client.query while the request runs (the app's TypeORM pool included), so a
 * statement issued by any layer — guard, service, page — counts.
 */
import type { InjectOptions } from 'fastify';
import { Client } from 'pg';
import { Role } from '../../src/access/role.enum';
import { startTestApp, type TestApp } from '../support/test-app';
import { departmentId, importSeed, sql } from './plan-test-support';

/** Monday 3 June 2024, 10:00 in Beijing: some items overdue, some due soon. */
const NOW = new Date('2024-06-03T02:00:00Z');

describe('SQL statements per request', () => {
  let t: TestApp;
  let counting = false;
  let statements: string[] = [];
  const original = Client.prototype.query;
  const tokens: Record<string, string> = {};

  const queriesOf = async (url: string, token: string): Promise<number> => {
    statements = [];
    counting = true;
    const res = await t
      .request({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } } as InjectOptions)
      .finally(() => (counting = false));
    expect([url, res.statusCode, res.statusCode === 200 ? '' : res.body]).toEqual([url, 200, '']);
    return statements.length;
  };

  /** Counts for each (label → token) on one URL; fails listing the statements of the two that differ. */
  const countsFor = async (url: string, who: string[]): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    const seen: Record<string, string[]> = {};
    for (const label of who) {
      out[label] = await queriesOf(url, tokens[label]);
      seen[label] = statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 160));
    }
    const values = new Set(Object.values(out));
    if (values.size > 1) {
      // Show what differs: the statements of the first two users.
      expect({ url, [who[0]]: seen[who[0]], [who[1]]: seen[who[1]] }).toEqual({ url, same: 'count' });
    }
    return out;
  };

  beforeAll(async () => {
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      if (counting)
        statements.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string })?.text));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;

    t = await startTestApp({ env: { DUBAN_ROLE: 'api' } });
    t.clock.set(NOW);
    for (const seed of ['yinchuan', 'jinzhong', 'kizilsu'] as const) await importSeed(t, seed);
    const token = async (role: Role, department: string | null) =>
      t.sessionFor(await t.createUser(role, { departmentId: department }));
    // The department of a region with the most assignments on items with a deadline (lists with a light).
    const busiest = async (region: string) =>
      (
        await sql<{ id: string }>(
          t,
          `SELECT a.department_id AS id FROM assignments a JOIN departments d ON d.id = a.department_id
             JOIN plan_items i ON i.id = a.item_id
            WHERE d.region_code = $1 AND i.due_on IS NOT NULL AND a.removed_at IS NULL
            GROUP BY a.department_id ORDER BY count(*) DESC, a.department_id LIMIT 1`,
          [region],
        )
      )[0].id;
    const yinchuan = await departmentId(t, '640100', '银川市教育局');
    const jinzhong = await busiest('140700');
    const lingwu = await departmentId(t, '640181', '灵武市人民政府');
    // Offices of areas of different size: a city with six county milestones, another city, a county.
    tokens.officeYinchuan = await token(Role.Office, yinchuan);
    tokens.officeJinzhong = await token(Role.Office, jinzhong);
    tokens.officeLingwu = await token(Role.Office, lingwu);
    // Department heads with many and with few assignments.
    tokens.headYinchuan = await token(Role.DeptHead, yinchuan);
    tokens.headJinzhong = await token(Role.DeptHead, jinzhong);
    tokens.headLingwu = await token(Role.DeptHead, lingwu);
    tokens.leader = await token(Role.Leader, null);
    tokens.admin = await token(Role.Admin, null);

    // Some flow for the two cities: 签收 and a report on every other lead assignment (each awaits review), so
    // the lists carry progress, latest reports and review queues of different lengths.
    const leads = await sql<{ id: string; department: string }>(
      t,
      `SELECT item_id AS id, department_id AS department FROM assignments
        WHERE department_id = ANY($1::uuid[]) AND role = 'lead' ORDER BY department_id, item_id`,
      [[yinchuan, jinzhong]],
    );
    for (const [n, row] of leads.entries()) {
      if (n % 2 === 1) continue;
      const auth = {
        authorization: `Bearer ${row.department === yinchuan ? tokens.headYinchuan : tokens.headJinzhong}`,
      };
      const ack = await t.request({ method: 'POST', url: `/api/items/${row.id}/acknowledge`, headers: auth });
      expect([row.id, ack.statusCode < 300]).toEqual([row.id, true]);
      const report = await t.request({
        method: 'POST',
        url: `/api/items/${row.id}/reports`,
        headers: auth,
        payload: { period: 'once', text: '已按计划推进', percent: 40 },
      });
      expect([row.id, report.statusCode < 300]).toEqual([row.id, true]);
    }
  });

  afterAll(async () => {
    Client.prototype.query = original;
    await t?.close();
  });

  it('the data differ between the users compared (else the test proves nothing)', async () => {
    const visible = async (token: string) =>
      (
        (
          await t.request({
            method: 'GET',
            url: '/api/items?limit=200',
            headers: { authorization: `Bearer ${token}` },
          })
        ).json() as { items: unknown[] }
      ).items.length;
    const [yinchuan, jinzhong, lingwu] = [
      await visible(tokens.officeYinchuan),
      await visible(tokens.officeJinzhong),
      await visible(tokens.officeLingwu),
    ];
    expect(new Set([yinchuan, jinzhong, lingwu]).size).toBeGreaterThan(1);
    expect(Math.min(yinchuan, jinzhong, lingwu)).toBeGreaterThan(0);
  });

  it.each(['/api/items', '/api/items/overdue', '/api/items/due-soon'])(
    '%s: the same count for 2 and for 100 rows a page',
    async (route) => {
      const sep = route.includes('?') ? '&' : '?';
      for (const who of ['officeYinchuan', 'admin']) {
        const small = await queriesOf(`${route}${sep}limit=2`, tokens[who]);
        const large = await queriesOf(`${route}${sep}limit=100`, tokens[who]);
        expect({ route, who, large }).toEqual({ route, who, large: small });
      }
    },
  );

  it.each([
    '/api/items?limit=50',
    '/api/items/overdue?limit=50',
    '/api/assignments/mine',
    '/api/reports?status=submitted',
    '/api/extensions?status=pending',
    '/api/escalations',
    '/',
    '/items',
    '/office',
    '/dashboard',
    '/dashboard/pack',
  ])('%s: the same count for offices of a city, another city and a county', async (url) => {
    await countsFor(url, ['officeYinchuan', 'officeJinzhong', 'officeLingwu']);
  });

  it.each(['/api/items?limit=50', '/api/assignments/mine', '/', '/items'])(
    '%s: the same count for department heads with many and few assignments',
    async (url) => {
      await countsFor(url, ['headYinchuan', 'headJinzhong', 'headLingwu']);
    },
  );

  it('the item page: the same count for items with many and with few departments', async () => {
    // Two items of the same shape (parent, children, indicator and reports or not, a deadline, the same plan) whose department
    // counts differ most; a present/absent parent or report legitimately costs one statement more or less.
    const rows = await sql<{ id: string; n: number; shape: string }>(
      t,
      `SELECT i.id, count(DISTINCT a.id)::int AS n,
              concat_ws('/', i.plan_id, i.parent_id IS NULL, i.indicator IS NULL,
                        EXISTS (SELECT 1 FROM plan_items c WHERE c.parent_id = i.id),
                        EXISTS (SELECT 1 FROM progress_reports r WHERE r.item_id = i.id)) AS shape
         FROM plan_items i JOIN assignments a ON a.item_id = i.id
        WHERE i.due_on IS NOT NULL
        GROUP BY i.id ORDER BY n DESC, i.id`,
    );
    const shapes = [...new Set(rows.map((r) => r.shape))].map((shape) =>
      rows.filter((r) => r.shape === shape),
    );
    const widest = shapes.sort((a, b) => b[0].n - b[b.length - 1].n - (a[0].n - a[a.length - 1].n))[0];
    const many = widest[0];
    const reported = widest[widest.length - 1];
    expect(many.n).toBeGreaterThan(reported.n);
    const same = async (url: (id: string) => string) => {
      const statementsOf = async (id: string) => {
        await queriesOf(url(id), tokens.admin);
        return statements.map((q) => q.replace(/\s+/g, ' ').slice(0, 120));
      };
      const a = await statementsOf(many.id);
      const b = await statementsOf(reported.id);
      if (a.length !== b.length) expect({ many: a, reported: b }).toEqual({ same: 'count' });
    };
    await same((id) => `/items/${id}`);
    await same((id) => `/api/items/${id}`);
  });
});
