/**
 * plans:import against a real PostgreSQL: the five seeds, idempotent re-import, a modified file, and files
 * that must store nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditService, systemActor } from '../../src/audit/audit.service';
import type { INestApplicationContext } from '@nestjs/common';
import type { CliContext } from '../../src/cli/cli-command';
import { DomainError } from '../../src/common/domain-error';
import { DepartmentsService } from '../../src/departments/departments.service';
import { PlanFileError, type PlanFile, type PlanFileItem } from '../../src/plans/plan-file.schema';
import { type PlanEvent, PlanEvents } from '../../src/plans/plan-events';
import { PlanImportService } from '../../src/plans/plan-import.service';
import { plansImportCommand } from '../../src/plans/plans.commands';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  departmentId,
  importSeed,
  itemIdByRef,
  rowCounts,
  type Seed,
  seedPlan,
  seedText,
  sql,
} from './plan-test-support';

const YINCHUAN = 'yinchuan-2021-quality-balance';
const COUNTY_GOVERNMENTS = [
  ['640104', '兴庆区人民政府'],
  ['640105', '西夏区人民政府'],
  ['640106', '金凤区人民政府'],
  ['640121', '永宁县人民政府'],
  ['640122', '贺兰县人民政府'],
  ['640181', '灵武市人民政府'],
] as const;

describe('plans:import', () => {
  let t: TestApp;
  let importer: PlanImportService;

  beforeAll(async () => {
    t = await startTestApp();
    importer = t.app.get(PlanImportService);
  });
  afterAll(() => t?.close());

  describe('the five seeds', () => {
    // Item counts as written at the top of each plan file.
    it.each<[Seed, string, number]>([
      ['jinzhong', 'jinzhong-2017-urban-rural-integration', 63],
      ['kizilsu', 'kizilsu-2018-urban-rural-integration', 45],
      ['yinchuan', YINCHUAN, 59],
      ['jizhou', 'jizhou-2018-urban-rural-integration', 23],
      ['anxi', 'anxi-2019-quality-balance-county', 36],
    ])('%s: creates the plan with all %s items', async (seed, key, items) => {
      const report = await importSeed(t, seed);
      expect(report).toMatchObject({
        key,
        plan: 'created',
        items: { added: items, updated: 0, cancelled: 0, unchanged: 0 },
      });
      const [row] = await sql<{ n: number; source: number }>(
        t,
        'SELECT count(i.id)::int AS n, max(length(p.source_text)) AS source FROM plans p JOIN plan_items i ON i.plan_id = p.id WHERE p.key = $1',
        [key],
      );
      expect(row.n).toBe(items);
      expect(row.source).toBeGreaterThan(1000); // the full seed text is kept with the plan
    });

    it('seed 002 (银川): 198 assignments, 176 of them lead, counted by hand from the file', async () => {
      // 一 milestones 6 · 三.(二) and G1–G15: 16 × six county governments = 96 ·
      // 四.(一) 7 lead + 5 cooperate, (二) 7+4, (三) 8+2, (四) 7+3, (五) 7+2, (六) 7+2, (七) 7+3, (八) 7 = 78 ·
      // 五.(一) 7 + 1 (报银川市教育局备案), (二) 8, (三) 2 = 18.   6 + 96 + 78 + 18 = 198;
      // cooperate 5+4+2+3+2+2+3 + 1 = 22.
      const rows = await sql<{ role: string; n: number }>(
        t,
        `SELECT a.role, count(*)::int AS n FROM assignments a JOIN plan_items i ON i.id = a.item_id JOIN plans p ON p.id = i.plan_id
         WHERE p.key = $1 GROUP BY a.role ORDER BY a.role`,
        [YINCHUAN],
      );
      expect(rows).toEqual([
        { role: 'lead', n: 176 },
        { role: 'cooperate', n: 22 },
      ]);
    });

    it('stores incentives apart from targets, and targets with a reference, qualifier and counted class size', async () => {
      const [award] = await sql<{ targets: unknown[]; incentives: unknown[] }>(
        t,
        'SELECT targets, incentives FROM plan_items WHERE id = $1',
        [await itemIdByRef(t, YINCHUAN, '五.(三)')],
      );
      expect(award.targets).toEqual([]);
      expect(award.incentives).toEqual([
        expect.objectContaining({ amount: 5000000, unit: 'yuan', scope: 'county' }),
        expect.objectContaining({ amount: 6000000, unit: 'yuan', scope: 'county' }),
      ]);
      const [funds] = await sql<{ targets: Record<string, unknown>[] }>(
        t,
        'SELECT i.targets FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE p.key = $1 AND i.ref = $2',
        ['jinzhong-2017-urban-rural-integration', '三.(一).1'],
      );
      expect(funds.targets[0]).toMatchObject({ comparator: '>', value: null, reference: 'previous_year' });
      const [y2018] = await sql<{ targets: Record<string, unknown>[] }>(
        t,
        'SELECT i.targets FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE p.key = $1 AND i.ref = $2',
        ['jinzhong-2017-urban-rural-integration', '三.(三).7.项目2.2018年'],
      );
      expect(y2018.targets[0]).toMatchObject({
        qualifier: 'largely',
        counted_if: { comparator: '>=', value: 56, unit: 'students' },
      });
    });

    it('seed 002: 四.(一) is led by 市自然资源局 and the six county governments, with five cooperating bureaus', async () => {
      const rows = await sql<{ name: string; role: string }>(
        t,
        `SELECT d.name, a.role FROM assignments a JOIN departments d ON d.id = a.department_id WHERE a.item_id = $1 ORDER BY a.role, d.name`,
        [await itemIdByRef(t, YINCHUAN, '四.(一)')],
      );
      expect(
        rows
          .filter((r) => r.role === 'lead')
          .map((r) => r.name)
          .sort(),
      ).toEqual(['银川市自然资源局', ...COUNTY_GOVERNMENTS.map(([, name]) => name)].sort());
      expect(
        rows
          .filter((r) => r.role === 'cooperate')
          .map((r) => r.name)
          .sort(),
      ).toEqual(
        [
          '银川市住房和城乡建设局',
          '银川市教育局',
          '银川市发展和改革委员会',
          '银川市土地储备局',
          '银川市审批服务管理局',
        ].sort(),
      );
    });

    it('seed 002: 各县(市)区人民政府 expands to the six county governments, each in its own county', async () => {
      const rows = await sql<{
        region_code: string;
        name: string;
        kind: string;
        is_county_government: boolean;
      }>(
        t,
        `SELECT region_code, name, kind, is_county_government FROM departments WHERE region_code LIKE '6401%' AND region_code <> '640100' ORDER BY region_code`,
      );
      expect(rows).toEqual(
        COUNTY_GOVERNMENTS.map(([region_code, name]) => ({
          region_code,
          name,
          kind: 'government',
          is_county_government: true,
        })),
      );
      // 三.(二).1 (G1) is led by 各县(市)区人民政府 only: six assignments, one per county.
      const g1 = await sql<{ name: string }>(
        t,
        'SELECT d.name FROM assignments a JOIN departments d ON d.id = a.department_id WHERE a.item_id = $1 AND a.role = $2',
        [await itemIdByRef(t, YINCHUAN, '三.(二).1'), 'lead'],
      );
      expect(g1.map((r) => r.name).sort()).toEqual(COUNTY_GOVERNMENTS.map(([, name]) => name).sort());
    });

    it('seed 002: the county schedule is six certification milestones, each led by its own county government', async () => {
      const rows = await sql<{ ref: string; due_on: string; indicator: string; name: string; role: string }>(
        t,
        `SELECT i.ref, i.due_on::text AS due_on, i.indicator, d.name, a.role
         FROM plan_items i JOIN plans p ON p.id = i.plan_id
         JOIN assignments a ON a.item_id = i.id JOIN departments d ON d.id = a.department_id
         WHERE p.key = $1 AND i.kind = 'milestone' ORDER BY i.position`,
        [YINCHUAN],
      );
      expect(rows).toEqual([
        {
          ref: '一.——2023年灵武市',
          due_on: '2023-12-31',
          indicator: 'CERT',
          name: '灵武市人民政府',
          role: 'lead',
        },
        {
          ref: '一.——2025年西夏区',
          due_on: '2025-12-31',
          indicator: 'CERT',
          name: '西夏区人民政府',
          role: 'lead',
        },
        {
          ref: '一.——2025年永宁县',
          due_on: '2025-12-31',
          indicator: 'CERT',
          name: '永宁县人民政府',
          role: 'lead',
        },
        {
          ref: '一.——2026年兴庆区',
          due_on: '2026-12-31',
          indicator: 'CERT',
          name: '兴庆区人民政府',
          role: 'lead',
        },
        {
          ref: '一.——2026年金凤区',
          due_on: '2026-12-31',
          indicator: 'CERT',
          name: '金凤区人民政府',
          role: 'lead',
        },
        {
          ref: '一.——2026年贺兰县',
          due_on: '2026-12-31',
          indicator: 'CERT',
          name: '贺兰县人民政府',
          role: 'lead',
        },
      ]);
    });

    it('seed 002: the leadership group has all 24 entries and its office in 市教育局', async () => {
      const [group] = await sql<{ id: string; name: string; office: string }>(
        t,
        `SELECT g.id, g.name, d.name AS office FROM leadership_groups g JOIN plans p ON p.id = g.plan_id
         LEFT JOIN departments d ON d.id = g.office_department_id WHERE p.key = $1`,
        [YINCHUAN],
      );
      expect(group).toMatchObject({
        name: '银川市推进县域义务教育优质均衡发展工作领导小组',
        office: '银川市教育局',
      });
      const roles = await sql<{ group_role: string; n: number }>(
        t,
        'SELECT group_role, count(*)::int AS n FROM leadership_group_members WHERE group_id = $1 GROUP BY group_role ORDER BY group_role',
        [group.id],
      );
      expect(Object.fromEntries(roles.map((r) => [r.group_role, r.n]))).toEqual({
        leader: 1,
        deputy_leader: 3,
        member: 19,
        office_director: 1,
      });
      const gao = await sql<{ group_role: string; department: string }>(
        t,
        `SELECT m.group_role, d.name AS department FROM leadership_group_members m JOIN departments d ON d.id = m.department_id
         WHERE m.group_id = $1 AND m.name = '高小军' ORDER BY m.position`,
        [group.id],
      );
      expect(gao).toEqual([
        { group_role: 'member', department: '银川市教育局' },
        { group_role: 'office_director', department: '银川市教育局' },
      ]);
    });

    it('a department is one row per region and name; aliases resolve to it', async () => {
      const dupes = await sql(
        t,
        'SELECT region_code, normalized_name FROM departments GROUP BY 1, 2 HAVING count(*) > 1',
      );
      expect(dupes).toEqual([]);
      // 市审批管理服务局 (四.(一)) and 市审批服务管理局 (四.(二)) are one department, the alias resolved.
      const approval = await sql(
        t,
        `SELECT name FROM departments WHERE region_code = '640100' AND name LIKE '%审批%'`,
      );
      expect(approval).toEqual([{ name: '银川市审批服务管理局' }]);
    });

    it('the same name in two regions is two departments; Traditional and full-width forms are the same one', async () => {
      const departments = t.app.get(DepartmentsService);
      const context = { actor: systemActor('test'), source: 'test' };
      const first = await departments.resolve(
        [
          { regionCode: '640181', name: '教育局', otherNames: [] },
          { regionCode: '640104', name: '教育局', otherNames: [] },
        ],
        context,
      );
      expect(first.created).toHaveLength(2);
      expect(first.departments[0].id).not.toBe(first.departments[1].id);
      const again = await departments.resolve(
        [{ regionCode: '640181', name: '教育局', otherNames: [] }],
        context,
      );
      expect(again).toMatchObject({ created: [], departments: [{ id: first.departments[0].id }] });
      const traditional = await departments.resolve(
        [{ regionCode: '640100', name: '銀川市審批服務管理局', otherNames: [] }],
        context,
      );
      expect(traditional.created).toEqual([]);
      expect(traditional.departments[0].name).toBe('银川市审批服务管理局');
    });

    it('every creation is in the audit log, by the import, with what was created', async () => {
      const itemId = await itemIdByRef(t, YINCHUAN, '四.(一)');
      const history = await t.app.get(AuditService).forItem(itemId);
      expect(history[0]).toMatchObject({
        entityType: 'plan_item',
        action: 'created',
        actor: { userId: null, label: 'plans:import' },
        source: 'plans:import yinchuan-2021.yaml',
      });
      expect(history[0].changes).toEqual(
        expect.arrayContaining([{ field: 'title', before: null, after: '同步规划建设城镇学校' }]),
      );
      expect(history.filter((h) => h.entityType === 'assignment' && h.action === 'created')).toHaveLength(12);
    });
  });

  describe('re-import', () => {
    it('of an unchanged file changes nothing: same ids, no duplicates, reported unchanged', async () => {
      const before = await rowCounts(t);
      const ids = await sql(t, 'SELECT id, ref, version FROM plan_items ORDER BY id');
      const events: PlanEvent[] = [];
      await t.app.get(PlanEvents).relay();
      const unsubscribe = t.app.get(PlanEvents).subscribe((e) => void events.push(e));
      const report = await importSeed(t, 'yinchuan');
      await t.app.get(PlanEvents).relay();
      unsubscribe();
      // Nothing changed, so nothing is announced (reminders are not rescheduled for nothing).
      expect(events).toEqual([]);
      expect(report).toMatchObject({
        plan: 'unchanged',
        planFields: [],
        items: { added: 0, updated: 0, cancelled: 0, unchanged: 59 },
        assignments: { added: 0, removed: 0, changed: 0 },
        departments: { created: 0 },
        leadershipGroup: 'unchanged',
      });
      expect(await rowCounts(t)).toEqual(before);
      expect(await sql(t, 'SELECT id, ref, version FROM plan_items ORDER BY id')).toEqual(ids);
    });

    it('of a modified file reports exactly the change, keeps ids and audits it; the original file restores it', async () => {
      const plan: PlanFile = structuredClone(seedPlan('yinchuan'));
      const five = plan.items.find((i) => i.ref === '五')!;
      const three = plan.items.find((i) => i.ref === '三')!;
      five.children.find((i) => i.ref === '五.(四)')!.title = '强化宣传引导和舆论监督';
      three.children = three.children.filter((i) => i.ref !== '三.不予认定');
      const added: PlanFileItem = {
        ref: '五.(五)',
        number: '(五)',
        kind: 'measure',
        title: '强化经费保障',
        body: null,
        excerpt: '各级财政要保障义务教育优质均衡发展所需经费。',
        due: { date: '2026-12-31', text: '2026年' },
        lead: ['市财政局'],
        cooperate: ['市教育局'],
        targets: [],
        children: [],
      };
      five.children.push(added);

      const keptId = await itemIdByRef(t, YINCHUAN, '五.(四)');
      const removedId = await itemIdByRef(t, YINCHUAN, '三.不予认定');
      const itemsBefore = (await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM plan_items'))[0].n;

      const report = await importer.import(plan, {
        actor: systemActor('plans:import'),
        source: 'test: modified file',
      });
      expect(report).toMatchObject({
        plan: 'updated',
        planFields: [],
        items: { added: 1, updated: 1, cancelled: 1, unchanged: 57 },
        assignments: { added: 2, removed: 0, changed: 0 },
        departments: { created: 0 },
        leadershipGroup: 'unchanged',
        details: {
          itemsAdded: ['五.(五)'],
          itemsUpdated: ['五.(四)'],
          itemsCancelled: ['三.不予认定'],
          departmentsCreated: [],
        },
      });

      expect(await itemIdByRef(t, YINCHUAN, '五.(四)')).toBe(keptId);
      const versions = await sql<{ ref: string; version: number }>(
        t,
        `SELECT ref, version FROM plan_items WHERE id = ANY($1::uuid[]) ORDER BY ref`,
        [[keptId, removedId]],
      );
      expect(versions).toEqual([
        { ref: '三.不予认定', version: 2 },
        { ref: '五.(四)', version: 2 },
      ]);
      expect((await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM plan_items'))[0].n).toBe(
        itemsBefore + 1,
      );
      const [removed] = await sql<{ status: string; cancelled: boolean }>(
        t,
        'SELECT status, cancelled_at IS NOT NULL AS cancelled FROM plan_items WHERE id = $1',
        [removedId],
      );
      expect(removed).toEqual({ status: 'cancelled', cancelled: true });

      const audit = t.app.get(AuditService);
      const [titleChange] = (await audit.forItem(keptId)).filter((e) => e.action === 'updated');
      expect(titleChange).toMatchObject({
        source: 'test: modified file',
        changes: [{ field: 'title', before: '强化宣传引导', after: '强化宣传引导和舆论监督' }],
      });
      expect((await audit.forItem(removedId)).at(-1)).toMatchObject({
        action: 'cancelled',
        changes: expect.arrayContaining([{ field: 'status', before: 'in_progress', after: 'cancelled' }]),
      });
      const newId = await itemIdByRef(t, YINCHUAN, '五.(五)');
      expect((await audit.forItem(newId)).map((e) => `${e.entityType} ${e.action}`)).toEqual([
        'plan_item created',
        'assignment created',
        'assignment created',
      ]);

      // Back to the file as published: the cancelled item returns under its old id, the extra one is cancelled.
      const back = await importSeed(t, 'yinchuan');
      expect(back).toMatchObject({
        plan: 'updated',
        items: { added: 0, updated: 2, cancelled: 1, unchanged: 57 },
        details: { itemsUpdated: ['三.不予认定', '五.(四)'], itemsCancelled: ['五.(五)'] },
      });
      expect(await itemIdByRef(t, YINCHUAN, '三.不予认定')).toBe(removedId);
      const [plan2] = await sql<{ version: number }>(t, 'SELECT version FROM plans WHERE key = $1', [
        YINCHUAN,
      ]);
      expect(plan2.version).toBe(3);
    });

    it('moves an assignment softly: removed on re-import, restored with the same id when the file names it again', async () => {
      const plan: PlanFile = structuredClone(seedPlan('yinchuan'));
      const item = plan.items.find((i) => i.ref === '四')!.children.find((i) => i.ref === '四.(四)')!;
      item.cooperate = item.cooperate.filter((ref) => ref !== '市网信局');
      item.lead = [...item.lead, '市网信局'].filter((ref) => ref !== '市教育局');
      const itemId = await itemIdByRef(t, YINCHUAN, '四.(四)');
      const education = await departmentId(t, '640100', '银川市教育局');
      const [before] = await sql<{ id: string }>(
        t,
        'SELECT id FROM assignments WHERE item_id = $1 AND department_id = $2',
        [itemId, education],
      );

      const report = await importer.import(plan, {
        actor: systemActor('plans:import'),
        source: 'test: roles',
      });
      expect(report.assignments).toEqual({ added: 0, removed: 1, changed: 1 });
      const [removed] = await sql<{ removed: boolean }>(
        t,
        'SELECT removed_at IS NOT NULL AS removed FROM assignments WHERE id = $1',
        [before.id],
      );
      expect(removed.removed).toBe(true);

      const back = await importSeed(t, 'yinchuan');
      expect(back.assignments).toEqual({ added: 1, removed: 0, changed: 1 });
      const [restored] = await sql<{ id: string; removed_at: Date | null }>(
        t,
        'SELECT id, removed_at FROM assignments WHERE item_id = $1 AND department_id = $2',
        [itemId, education],
      );
      expect(restored).toEqual({ id: before.id, removed_at: null });
    });
  });

  it('announces a changed plan once, after the commit, with its live items', async () => {
    const events: PlanEvent[] = [];
    // Events are relayed after the commit, in the background: deliver what earlier tests left first.
    await t.app.get(PlanEvents).relay();
    const unsubscribe = t.app.get(PlanEvents).subscribe((e) => void events.push(e));
    const plan: PlanFile = structuredClone(seedPlan('jizhou'));
    plan.title = `${plan.title}（修订）`;
    const report = await importer.import(plan, { actor: systemActor('test'), source: 'test' });
    await importer.import(seedPlan('jizhou'), { actor: systemActor('test'), source: 'test' });
    await t.app.get(PlanEvents).relay();
    unsubscribe();
    expect(events.map((e) => e.type)).toEqual(['plan.imported', 'plan.imported']);
    const first = events[0] as Extract<PlanEvent, { type: 'plan.imported' }>;
    expect(first.planId).toBe(report.planId);
    const live = await sql(
      t,
      `SELECT count(*)::int AS n FROM plan_items WHERE plan_id = '${report.planId}' AND status <> 'cancelled'`,
    );
    expect(first.itemIds).toHaveLength((live[0] as { n: number }).n);
  });

  it('plans:import --all through the CLI command prints a report per file', async () => {
    const out: string[] = [];
    const ctx: CliContext = {
      runtime: () => Promise.reject(new Error('not needed')),
      app: () => Promise.resolve(t.app as INestApplicationContext),
      out: (text) => out.push(text),
      err: (text) => out.push(text),
    };
    expect(await plansImportCommand.run(['--all'], ctx)).toBe(0);
    expect(out).toHaveLength(5);
    expect(out.find((o) => o.includes('yinchuan-2021.yaml'))).toContain(
      `plan ${YINCHUAN} unchanged\n  items: 0 added, 0 updated, 0 cancelled, 59 unchanged`,
    );
    expect(await plansImportCommand.run([], ctx)).toBe(2);
  });

  describe('an invalid file stores nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-plans-'));
    const write = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };

    it('a date that does not exist', async () => {
      const before = await rowCounts(t);
      const text = seedText('yinchuan').replace(
        'due: { date: 2023-12-31, text: 2023年 }',
        'due: { date: 2023-02-30, text: 2023年 }',
      );
      const path = write(
        'bad-date.yaml',
        text.replace('key: yinchuan-2021-quality-balance', 'key: bad-date-plan'),
      );
      const error = await importer.importFile(path, { actor: systemActor('test') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlanFileError);
      expect((error as PlanFileError).issues).toEqual([
        expect.objectContaining({ message: '"2023-02-30" is not a real date' }),
      ]);
      expect(await rowCounts(t)).toEqual(before);
    });

    it('an unknown department ref', async () => {
      const before = await rowCounts(t);
      const text = seedText('yinchuan').replace('lead: [灵武市人民政府]', 'lead: [灵武市教育局]');
      const path = write(
        'bad-ref.yaml',
        text.replace('key: yinchuan-2021-quality-balance', 'key: bad-ref-plan'),
      );
      const error = await importer.importFile(path, { actor: systemActor('test') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PlanFileError);
      expect((error as PlanFileError).message).toContain('unknown department "灵武市教育局"');
      expect(await rowCounts(t)).toEqual(before);
    });

    it('a failure half-way through (plan and a new department already written) rolls everything back', async () => {
      const before = await rowCounts(t);
      const plan: PlanFile = structuredClone(seedPlan('anxi'));
      plan.key = 'half-way-plan';
      plan.departments.push({ ref: '县新部门', name: '安溪县新部门', region: '350524', aliases: [] });
      plan.items[0].lead = ['县新部门'];
      // Too long for the column: PostgreSQL refuses the item rows, after the plan and the department were inserted.
      plan.items[plan.items.length - 1].title = '很长'.repeat(300);
      await expect(importer.import(plan, { actor: systemActor('test'), source: 'test' })).rejects.toThrow(
        /too long/,
      );
      expect(await rowCounts(t)).toEqual(before);
    });

    it('a region code that is not in the region table', async () => {
      const before = await rowCounts(t);
      const plan: PlanFile = structuredClone(seedPlan('anxi'));
      plan.key = 'unknown-region-plan';
      plan.departments[0].region = '350599';
      const error = await importer
        .import(plan, { actor: systemActor('test'), source: 'test' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toContain('350599');
      expect(await rowCounts(t)).toEqual(before);
    });
  });
});
