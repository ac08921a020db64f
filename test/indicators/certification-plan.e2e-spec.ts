import { systemActor } from '../../src/audit/audit.service';
import { Role } from '../../src/access/role.enum';
import type { CertificationPlan } from '../../src/indicators/planning/certification-planner';
import type { PublishResult } from '../../src/indicators/planning/certification-plan.service';
import { importFolder } from '../../src/indicators/import/dataset-importer';
import { PlanImportService, PLANS_DIR } from '../../src/plans/plan-import.service';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  COUNTY,
  EXAMPLE_2024_DIR,
  EXAMPLE_DIR,
  folderFiles,
  multipart,
  recomputed,
  sql,
} from './indicator-test-support';

describe('达标测算 API: the plan of a county, published as plan items (real PostgreSQL + Redis)', () => {
  let t: TestApp;
  let office: string;
  let otherCountyOffice: string;
  let staff: string;
  let noArea: string;
  let admin: string;
  let planId: string;
  let jinzhongPlanId: string;

  const request = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    t.request({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  const upload = async (dir: string, year: number) => {
    const body = multipart(folderFiles(dir), { year: String(year) });
    const res = await t.request({
      method: 'POST',
      url: '/api/indicators/imports',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${office}` },
    });
    expect(res.statusCode).toBe(201);
    await recomputed(t, COUNTY, year);
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app
      .get(PlanImportService)
      .importFile(`${PLANS_DIR}/yinchuan-2021.yaml`, { actor: systemActor('test') });
    await t.app
      .get(PlanImportService)
      .importFile(`${PLANS_DIR}/jinzhong-2017.yaml`, { actor: systemActor('test') });
    [{ id: planId }] = await sql<{ id: string }>(t, `SELECT id FROM plans WHERE region_code = '640100'`);
    [{ id: jinzhongPlanId }] = await sql<{ id: string }>(
      t,
      `SELECT id FROM plans WHERE region_code = '140700'`,
    );
    const [xingqing] = await sql<{ id: string }>(
      t,
      `SELECT id FROM departments WHERE region_code = '640104' AND name = '兴庆区人民政府'`,
    );
    // 银川市's office: its area is the city and its counties (灵武市 among them), where the plan was issued.
    office = await t.sessionFor(await t.createUser(Role.Office, { regionCode: '640100' }));
    otherCountyOffice = await t.sessionFor(await t.createUser(Role.Office, { departmentId: xingqing.id }));
    staff = await t.sessionFor(await t.createUser(Role.Staff, { regionCode: '640100' }));
    // Neither a region nor a department: an empty area.
    noArea = await t.sessionFor(await t.createUser(Role.Office));
    admin = await t.sessionFor(await t.createUser(Role.Admin));
    await upload(EXAMPLE_DIR, 2023);
  });
  afterAll(() => t?.close());

  it('computes the plan from the current statistics, within the user’s regions only', async () => {
    const res = await request('GET', `/api/indicators/certification-plan/${COUNTY}/2023`, office);
    expect(res.statusCode).toBe(200);
    const plan = res.json() as CertificationPlan;
    expect(plan).toMatchObject({ county_code: COUNTY, feasible: true, total_cost_yuan: 9_789_200 });
    expect(plan.after.resource_allocation.passed).toBe(true);
    // 兴庆区's office does not see 灵武市, a county beside it: refused, naming the area; nor does a user without one.
    for (const outsider of [otherCountyOffice, noArea]) {
      const refused = await request('GET', `/api/indicators/certification-plan/${COUNTY}/2023`, outsider);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ error: 'AUTH.FORBIDDEN' });
      expect(refused.json().message).toContain(`县 ${COUNTY} 不在您的管辖范围`);
    }
    // Inside the area, a year without statistics does not exist.
    expect(
      (await request('GET', `/api/indicators/certification-plan/${COUNTY}/2019`, office)).statusCode,
    ).toBe(404);
    const bad = await request(
      'GET',
      `/api/indicators/certification-plan/${COUNTY}/2023?transfers=maybe`,
      office,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'VALIDATION.FAILED' });
    expect(JSON.stringify(bad.json())).toContain('transfers');
  });

  it('what-if: the edited figures re-evaluated and priced; a bad edit is a 400 naming it', async () => {
    const url = `/api/indicators/certification-plan/${COUNTY}/2023/what-if`;
    const imported = await importFolder(EXAMPLE_DIR);
    if (!imported.ok) throw new Error('example does not import');
    const second = imported.dataset.counties[0].schools.find(
      (s) => s.school_code === '2164018101' && s.level === 'junior',
    )!;
    // 第二中学 builds the 2,418 m² of sports ground the plan asks of it: 967,200 元 spent, as much less to find.
    const res = await request('POST', url, office, {
      edits: [
        {
          school_code: '2164018101',
          level: 'junior',
          field: 'sports_area_m2',
          value: second.sports_area_m2! + 2418,
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ edits_cost_yuan: 967_200, remaining_cost_yuan: 9_789_200 - 967_200 });
    // A wild figure breaks the county's CV: what is left to pay grows.
    const wild = await request('POST', url, office, {
      edits: [{ school_code: '2164018101', level: 'junior', field: 'sports_area_m2', value: 1_000_000 }],
    });
    expect((wild.json() as { remaining_cost_yuan: number }).remaining_cost_yuan).toBeGreaterThan(9_789_200);
    const unknown = await request('POST', url, office, {
      edits: [{ school_code: 'NOPE', level: 'junior', field: 'students', value: 1 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      messageKey: 'indicators.scenario.invalid',
      message: '推演数据有误：数据中没有学校 NOPE（初中）',
    });
    const negative = await request('POST', url, office, {
      edits: [{ school_code: '2164018101', level: 'junior', field: 'students', value: -3 }],
    });
    expect(negative.statusCode).toBe(400);
    expect(JSON.stringify(negative.json())).toContain('value');
    expect((await request('POST', url, otherCountyOffice, { edits: [] })).statusCode).toBe(403);
  });

  it('publishes items per resource and year, led by the plan’s own bureaus, due before the milestone', async () => {
    const url = `/api/indicators/certification-plan/${COUNTY}/2023/publish`;
    // The plan's milestone for 灵武市 is 2023: long past (the clock says 2026-11-25; the first year with a
    // 31 August ahead is 2027).
    const early = await request('POST', url, office, { planId });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({
      messageKey: 'indicators.plan.milestone_too_early',
      params: { year: 2023, fromYear: 2027 },
    });
    expect(early.json().message).toContain('创建年份 2023 年早于可实施的第一年 2027 年');
    expect((await request('POST', url, staff, { planId, milestoneYear: 2028 })).statusCode).toBe(403);

    const res = await request('POST', url, office, { planId, milestoneYear: 2028, budgetYuan: 5_000_000 });
    expect(res.statusCode).toBe(201);
    const result = res.json() as PublishResult;
    expect(result.missingDepartments).toEqual([]);
    const items = await sql<{
      id: string;
      ref: string;
      title: string;
      due_on: string;
      indicator: string | null;
      parent_id: string | null;
      leads: string[];
    }>(
      t,
      `SELECT i.id, i.ref, i.title, to_char(i.due_on, 'YYYY-MM-DD') AS due_on, i.indicator, i.parent_id,
              array_remove(array_agg(d.name ORDER BY d.name) FILTER (WHERE a.role = 'lead'), NULL) AS leads
         FROM plan_items i LEFT JOIN assignments a ON a.item_id = i.id LEFT JOIN departments d ON d.id = a.department_id
        WHERE i.id = ANY($1::uuid[]) GROUP BY i.id ORDER BY i.position`,
      [result.itemIds],
    );
    expect(items).toHaveLength(result.itemIds.length);
    const [root, ...tasks] = items;
    expect(root).toMatchObject({ ref: `达标测算.${COUNTY}.2023`, parent_id: null, leads: ['银川市教育局'] });
    expect(root.title).toBe('灵武市义务教育优质均衡资源配置补短板（2028年创建）');
    for (const task of tasks) {
      expect(task.parent_id).toBe(root.id);
      expect(task.due_on >= '2027-08-31' && task.due_on <= '2028-12-31').toBe(true);
      expect(task.due_on.endsWith('-08-31')).toBe(true);
    }
    const byKey = (key: string) => tasks.filter((i) => i.ref.endsWith(`.${key}`));
    expect(byKey('key_teachers')[0]).toMatchObject({ indicator: 'R2', leads: ['银川市教育局'] });
    expect(byKey('sports_area_m2')[0]).toMatchObject({
      indicator: 'R5',
      leads: ['银川市住房和城乡建设局', '银川市自然资源局'],
    });
    expect(byKey('large_class_teachers')[0]).toMatchObject({ indicator: 'G5', leads: ['银川市教育局'] });
    expect(byKey('funds').map((i) => i.leads)).toEqual(byKey('funds').map(() => ['银川市财政局']));
    expect(byKey('funds')[0].title).toMatch(/^2027年落实达标建设资金 [\d,]+ 元$/);
    // Each year within the cap.
    for (const year of result.phasing.years) expect(year.cost_yuan).toBeLessThanOrEqual(5_000_000);
    // Audited like every other item.
    const [{ n }] = await sql<{ n: number }>(
      t,
      `SELECT count(*)::int AS n FROM audit_entries WHERE item_id = ANY($1::uuid[]) AND action = 'created'`,
      [result.itemIds],
    );
    expect(n).toBe(result.itemIds.length);

    // A plan that does not cover the county (晋中's, for the admin who sees both): a 400 naming it, nothing added.
    const elsewhere = await request('POST', url, admin, { planId: jinzhongPlanId, milestoneYear: 2028 });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json()).toMatchObject({
      messageKey: 'indicators.plan.not_covering',
      params: { county: COUNTY },
    });
    expect(elsewhere.json().message).toContain(`不覆盖 ${COUNTY}`);
    // 兴庆区's office does not see 银川's plan.
    const notVisible = await request('POST', url, otherCountyOffice, { planId, milestoneYear: 2028 });
    expect(notVisible.statusCode).toBe(404);
    expect(notVisible.json()).toMatchObject({
      messageKey: 'indicators.plan.not_found',
      params: { id: planId },
    });

    // Publishing twice would duplicate the items: refused, nothing added.
    const again = await request('POST', url, office, { planId, milestoneYear: 2028 });
    expect(again.statusCode).toBe(409);

    // The next statistics import attaches evidence to every linked item (closing then rests on it).
    await upload(EXAMPLE_2024_DIR, 2024);
    const linked = items.filter((i) => i.indicator !== null).map((i) => i.id);
    const evidence = await sql<{ plan_item_id: string }>(
      t,
      `SELECT DISTINCT plan_item_id FROM evidence_records WHERE plan_item_id = ANY($1::uuid[]) AND school_year = 2024`,
      [linked],
    );
    expect(evidence).toHaveLength(linked.length);
  });

  it('what-if page: the publish form lists the plans covering the county that the user manages', async () => {
    const page = (token: string) =>
      t.request({
        method: 'GET',
        url: `/counties/${COUNTY}/what-if/2023`,
        headers: { authorization: `Bearer ${token}` },
      });
    const [{ title: yinchuan }] = await sql<{ title: string }>(t, `SELECT title FROM plans WHERE id = $1`, [
      planId,
    ]);
    const [{ title: jinzhong }] = await sql<{ title: string }>(t, `SELECT title FROM plans WHERE id = $1`, [
      jinzhongPlanId,
    ]);
    for (const token of [office, admin]) {
      const res = await page(token);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<option value="${planId}">${yinchuan}</option>`);
      // 晋中's plan is the admin's to see, but it does not cover 灵武市.
      expect(res.body).not.toContain(jinzhong);
    }
    // Staff read the page but do not publish: no form.
    const read = await page(staff);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain('data-publish');
    expect((await page(otherCountyOffice)).statusCode).toBe(403);
  });
});
