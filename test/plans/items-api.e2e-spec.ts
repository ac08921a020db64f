/**
 * The read API over imported plans: items with filters, Chinese search, cursor pagination, detail and
 * history; plans; regions and departments; "my assignments"; and who sees which plans.
 */
import type { InjectOptions } from 'fastify';
import type { ItemDetail, ItemPage } from '../../src/plans/plan-items.service';
import type { PlanDetail, PlanSummary } from '../../src/plans/plans.service';
import { Role } from '../../src/access/role.enum';
import { startTestApp, type TestApp } from '../support/test-app';
import { departmentId, importSeed, itemIdByRef, type Seed, sql } from './plan-test-support';

const YINCHUAN = 'yinchuan-2021-quality-balance';
const JINZHONG = 'jinzhong-2017-urban-rural-integration';
/** Monday 3 June 2024, 10:00 in Beijing: statuses are derived against this day. */
const NOW = new Date('2024-06-03T02:00:00Z');

describe('items, plans and assignments API', () => {
  let t: TestApp;
  let admin: string;
  const plans: Record<string, string> = {};

  const get = async <T>(url: string, token: string, status = 200): Promise<T> => {
    const res = await t.request({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
    } as InjectOptions);
    expect([res.statusCode, url, res.statusCode === status ? '' : res.body]).toEqual([status, url, '']);
    return res.json() as T;
  };
  const tokenFor = async (role: Role, departmentId: string | null = null, regionCode: string | null = null) =>
    t.sessionFor(await t.createUser(role, { departmentId, regionCode }));
  const refs = (page: ItemPage) => page.items.map((i) => i.ref);

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(NOW);
    for (const seed of ['jinzhong', 'kizilsu', 'yinchuan', 'jizhou', 'anxi'] as Seed[]) {
      const report = await importSeed(t, seed);
      plans[seed] = report.planId;
    }
    admin = await tokenFor(Role.Admin);
  });
  afterAll(() => t?.close());

  describe('GET /api/items', () => {
    it('requires a signed-in user', async () => {
      const res = await t.request({ method: 'GET', url: '/api/items' });
      expect(res.statusCode).toBe(401);
    });

    it('filters by plan and kind, sorted by due date', async () => {
      const page = await get<ItemPage>(`/api/items?plan=${plans.yinchuan}&kind=milestone`, admin);
      // Sorted by due date (ties in id order, which is arbitrary but stable).
      expect(page.items.map((i) => i.dueOn)).toEqual([
        '2023-12-31',
        '2025-12-31',
        '2025-12-31',
        '2026-12-31',
        '2026-12-31',
        '2026-12-31',
      ]);
      expect(refs(page).sort()).toEqual(
        [
          '一.——2023年灵武市',
          '一.——2025年西夏区',
          '一.——2025年永宁县',
          '一.——2026年兴庆区',
          '一.——2026年金凤区',
          '一.——2026年贺兰县',
        ].sort(),
      );
      expect(page.items[0]).toMatchObject({
        status: 'overdue', // due 2023-12-31, today 2024-06-03
        plan: { key: YINCHUAN, regionCode: '640100' },
        assignments: [{ departmentName: '灵武市人民政府', role: 'lead' }],
      });
      expect(page.nextCursor).toBeNull();
    });

    it('filters by department, and by region (plans issued there or departments there)', async () => {
      const lingwu = await departmentId(t, '640181', '灵武市人民政府');
      // 一 milestone 1 · 三.(二) and G1–G15 16 · 四.(一)–(八) 8 · 五.(一), 五.(二) 2
      const byDepartment = await get<ItemPage>(`/api/items?department=${lingwu}&limit=200`, admin);
      expect(byDepartment.items).toHaveLength(27);
      const byRegion = await get<ItemPage>(`/api/items?region=640181&limit=200`, admin);
      expect(refs(byRegion).sort()).toEqual(refs(byDepartment).sort());
      const city = await get<ItemPage>(`/api/items?region=640100&limit=200`, admin);
      expect(city.items).toHaveLength(59);
    });

    it('filters by status and due dates', async () => {
      const overdue = await get<ItemPage>(`/api/items?plan=${plans.yinchuan}&status=overdue`, admin);
      expect(refs(overdue)).toEqual(['一.——2023年灵武市']);
      const in2025 = await get<ItemPage>(
        `/api/items?plan=${plans.yinchuan}&dueAfter=2025-01-01&dueBefore=2025-12-31`,
        admin,
      );
      expect(refs(in2025).sort()).toEqual(['一.——2025年永宁县', '一.——2025年西夏区', '四.(二)'].sort());
      const several = await get<ItemPage>(
        `/api/items?plan=${plans.yinchuan}&status=overdue,in_progress&limit=200`,
        admin,
      );
      expect(several.items).toHaveLength(59);
    });

    it('finds Chinese text with a Traditional or a Simplified query, in Traditional and Simplified plans', async () => {
      const traditional = await get<ItemPage>(
        `/api/items?q=${encodeURIComponent('優質均衡')}&limit=200`,
        admin,
      );
      const simplified = await get<ItemPage>(
        `/api/items?q=${encodeURIComponent('优质均衡')}&limit=200`,
        admin,
      );
      expect(refs(traditional).sort()).toEqual(refs(simplified).sort());
      const keys = new Set(traditional.items.map((i) => i.plan.key));
      expect(keys).toEqual(
        new Set([
          YINCHUAN,
          'anxi-2019-quality-balance-county',
          JINZHONG,
          'kizilsu-2018-urban-rural-integration',
        ]),
      );
      // 银川 一 is stored in Traditional ("…實現縣域義務教育優質均衡發展") and found either way.
      expect(traditional.items.find((i) => i.plan.key === YINCHUAN && i.ref === '一')).toBeDefined();
      const none = await get<ItemPage>(`/api/items?q=${encodeURIComponent('火星基地')}`, admin);
      expect(none.items).toEqual([]);
    });

    it.each(['due', '-due', 'number', 'updated'])(
      'pages with a cursor without repeating or losing items (sort=%s)',
      async (sort) => {
        const [{ n }] = await sql<{ n: number }>(
          t,
          `SELECT count(*)::int AS n FROM plan_items WHERE status <> 'cancelled'`,
        );
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const url: string = `/api/items?sort=${sort}&limit=37${cursor ? `&cursor=${cursor}` : ''}`;
          const page: ItemPage = await get<ItemPage>(url, admin);
          seen.push(...page.items.map((i) => i.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 20);
        expect(seen).toHaveLength(n);
        expect(new Set(seen).size).toBe(n);
        if (sort === 'number') {
          const first = await get<ItemPage>(`/api/items?sort=number&limit=3`, admin);
          expect(first.items.map((i) => [i.plan.key, i.ref])).toEqual([
            [JINZHONG, '一'],
            [JINZHONG, '二'],
            [JINZHONG, '二.——1'],
          ]);
        }
      },
    );

    it('refuses a forged cursor and a page larger than 200', async () => {
      const bad = await get<{ error: string }>('/api/items?cursor=bm9wZQ', admin, 400);
      expect(bad.error).toBe('VALIDATION.FAILED');
      await get('/api/items?limit=500', admin, 400);
      await get('/api/items?status=lost', admin, 400);
      await get('/api/items?dueBefore=2024-13-01', admin, 400);
    });
  });

  describe('GET /api/items/overdue and /api/items/due-soon', () => {
    afterEach(() => t.clock.set(NOW));

    it('lists open items past their due date', async () => {
      const page = await get<ItemPage>(`/api/items/overdue?plan=${plans.yinchuan}`, admin);
      expect(refs(page)).toEqual(['一.——2023年灵武市']);
    });

    it("lists open items due within N working days, by today's date", async () => {
      t.clock.set(new Date('2025-12-24T02:00:00Z')); // Wednesday; 2025-12-31 is 5 working days away
      const soon = await get<ItemPage>(`/api/items/due-soon?plan=${plans.yinchuan}&days=7`, admin);
      expect(refs(soon).sort()).toEqual(['一.——2025年永宁县', '一.——2025年西夏区', '四.(二)'].sort());
      const tooFar = await get<ItemPage>(`/api/items/due-soon?plan=${plans.yinchuan}&days=3`, admin);
      expect(tooFar.items).toEqual([]);
    });
  });

  describe('GET /api/items/:id and /history', () => {
    it('returns an item with its assignments, children and targets', async () => {
      const one = await get<ItemDetail>(`/api/items/${await itemIdByRef(t, YINCHUAN, '一')}`, admin);
      expect(one.children.map((c) => c.kind)).toEqual(Array(6).fill('milestone'));
      const measure = await get<ItemDetail>(`/api/items/${await itemIdByRef(t, YINCHUAN, '四.(一)')}`, admin);
      expect(measure).toMatchObject({ ref: '四.(一)', title: '同步规划建设城镇学校', parent: { ref: '四' } });
      expect(measure.assignments).toHaveLength(12);
      expect(measure.assignments.filter((a) => a.role === 'lead').map((a) => a.departmentName)).toContain(
        '银川市自然资源局',
      );
      const r1 = await get<ItemDetail>(`/api/items/${await itemIdByRef(t, YINCHUAN, '三.(一).1')}`, admin);
      expect(r1.targets).toEqual([
        expect.objectContaining({
          metric: 'teachers_above_required_degree_per_100_students',
          value: 4.2,
          scope: 'primary_school',
        }),
        expect.objectContaining({ value: 5.3, scope: 'junior_school', indicator: 'R1' }),
      ]);
    });

    it('returns the history of the item and its assignments', async () => {
      const id = await itemIdByRef(t, YINCHUAN, '四.(一)');
      const history = await get<Array<{ entityType: string; action: string; actor: { label: string } }>>(
        `/api/items/${id}/history`,
        admin,
      );
      expect(history.map((h) => `${h.entityType} ${h.action}`)).toEqual([
        'plan_item created',
        ...Array(12).fill('assignment created'),
      ]);
      expect(history[0].actor.label).toBe('plans:import');
    });

    it('answers 404 for an unknown item and 400 for a malformed id', async () => {
      await get('/api/items/00000000-0000-4000-8000-000000000000', admin, 404);
      await get('/api/items/not-an-id', admin, 400);
    });
  });

  describe('plans, regions, departments', () => {
    it('lists plans with counts, and a plan with its leadership group', async () => {
      const list = await get<PlanSummary[]>('/api/plans', admin);
      expect(list.map((p) => p.key).sort()).toHaveLength(5);
      expect(list.find((p) => p.key === YINCHUAN)).toMatchObject({
        itemCount: 59,
        region: { code: '640100', name: '银川市' },
      });
      const plan = await get<PlanDetail>(`/api/plans/${plans.yinchuan}`, admin);
      expect(plan.leadershipGroup?.office?.name).toBe('银川市教育局');
      expect(plan.leadershipGroup?.members).toHaveLength(24);
      expect(plan.leadershipGroup?.members[0]).toEqual({
        position: 0,
        name: '赵旭辉',
        groupRole: 'leader',
        post: '市委副书记、市长',
        department: null,
      });
      expect(plan.sourceScript).toBe('traditional');
    });

    it('lists regions and the departments of one region', async () => {
      const regions = await get<Array<{ code: string; parentCode: string | null }>>('/api/regions', admin);
      expect(regions.find((r) => r.code === '640181')).toMatchObject({ parentCode: '640100' });
      const departments = await get<Array<{ name: string; regionCode: string }>>(
        '/api/departments?region=640100',
        admin,
      );
      expect(departments.map((d) => d.name)).toContain('银川市教育局');
      expect(departments.every((d) => d.regionCode === '640100')).toBe(true);
      await get('/api/departments?region=64', admin, 400);
    });
  });

  describe('scoping and my assignments', () => {
    it('a 灵武市 department head sees the Yinchuan plan (their city) but not Jinzhong', async () => {
      const head = await tokenFor(Role.DeptHead, await departmentId(t, '640181', '灵武市人民政府'));
      const list = await get<PlanSummary[]>('/api/plans', head);
      expect(list.map((p) => p.key)).toEqual([YINCHUAN]);
      await get(`/api/plans/${plans.jinzhong}`, head, 404);
      const jinzhongItem = await itemIdByRef(t, JINZHONG, '一');
      await get(`/api/items/${jinzhongItem}`, head, 404);
      await get(`/api/items/${jinzhongItem}/history`, head, 404);
      expect((await get<ItemPage>(`/api/items?plan=${plans.jinzhong}`, head)).items).toEqual([]);
      const all = await get<ItemPage>('/api/items?limit=200', head);
      expect(new Set(all.items.map((i) => i.plan.key))).toEqual(new Set([YINCHUAN]));
    });

    it('an office user of 银川市教育局 sees Yinchuan; admin every plan; leader and inspector their area', async () => {
      const office = await tokenFor(Role.Office, await departmentId(t, '640100', '银川市教育局'));
      expect((await get<PlanSummary[]>('/api/plans', office)).map((p) => p.key)).toEqual([YINCHUAN]);
      expect(await get<PlanSummary[]>('/api/plans', await tokenFor(Role.Admin))).toHaveLength(5);
      for (const role of [Role.Leader, Role.Inspector]) {
        const inYinchuan = await tokenFor(role, null, '640100');
        expect((await get<PlanSummary[]>('/api/plans', inYinchuan)).map((p) => p.key)).toEqual([YINCHUAN]);
        await get(`/api/plans/${plans.jinzhong}`, inYinchuan, 404);
        // Without an area, nothing (an account someone forgot to place sees no other office's work).
        expect(await get<PlanSummary[]>('/api/plans', await tokenFor(role))).toEqual([]);
      }
    });

    it('a staff member without a department sees no plan', async () => {
      const staff = await tokenFor(Role.Staff);
      expect(await get<PlanSummary[]>('/api/plans', staff)).toEqual([]);
      expect((await get<ItemPage>('/api/items', staff)).items).toEqual([]);
    });

    it("a 银川市教育局 department head's /api/assignments/mine lists exactly the bureau's assignments", async () => {
      const bureau = await departmentId(t, '640100', '银川市教育局');
      const head = await tokenFor(Role.DeptHead, bureau);
      const mine = await get<{
        department: { name: string };
        assignments: Array<{ role: string; item: { id: string; ref: string }; plan: { key: string } }>;
      }>('/api/assignments/mine', head);
      expect(mine.department.name).toBe('银川市教育局');
      // lead in 四.(二), (四), (五), (六), (七); cooperating in 四.(一), (三) and 五.(一) (plans filed with it)
      expect(mine.assignments.map((a) => `${a.item.ref} ${a.role}`).sort()).toEqual(
        [
          '四.(一) cooperate',
          '四.(二) lead',
          '四.(三) cooperate',
          '四.(四) lead',
          '四.(五) lead',
          '四.(六) lead',
          '四.(七) lead',
          '五.(一) cooperate',
        ].sort(),
      );
      expect(new Set(mine.assignments.map((a) => a.plan.key))).toEqual(new Set([YINCHUAN]));
      const inDb = await sql<{ item_id: string }>(
        t,
        'SELECT item_id FROM assignments WHERE department_id = $1 AND removed_at IS NULL',
        [bureau],
      );
      expect(mine.assignments.map((a) => a.item.id).sort()).toEqual(inDb.map((r) => r.item_id).sort());
    });

    it('an account without a department gets an empty list and the reason', async () => {
      const mine = await get<{ department: null; assignments: unknown[]; message: string }>(
        '/api/assignments/mine',
        await tokenFor(Role.Staff),
      );
      expect(mine).toMatchObject({ department: null, assignments: [] });
      expect(mine.message).toBe('您的账号未关联单位，请联系管理员');
    });
  });
});
