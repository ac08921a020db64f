import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { systemActor } from '../../src/audit/audit.service';
import { classSizeOffenders } from '../../src/indicators/engine';
import { FAIL_ARGB, SHEET_NAMES } from '../../src/indicators/evaluation-workbook';
import { EvidenceService } from '../../src/indicators/evidence/evidence.service';
import { importFolder, toCountyData } from '../../src/indicators/import/dataset-importer';
import { evaluateCommand } from '../../src/indicators/indicators.commands';
import { indicatorsImportCommand } from '../../src/indicators/indicators-import.command';
import { IndicatorJobs } from '../../src/indicators/indicator-jobs.service';
import { loadRuleSet } from '../../src/indicators/rule-set.loader';
import { PlanImportService, PLANS_DIR } from '../../src/plans/plan-import.service';
import { PlanItem } from '../../src/plans/plan-item.entity';
import { Plan } from '../../src/plans/plan.entity';
import { IndicatorsJob, recomputeJobId } from '../../src/queue/queues';
import { Role } from '../../src/access/role.enum';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  cliContext,
  COUNTY,
  EXAMPLE_2024_DIR,
  EXAMPLE_DIR,
  folderFiles,
  indicatorsQueue,
  multipart,
  openWorkbook,
  recomputed,
  sql,
} from './indicator-test-support';

interface ImportBody {
  imports: Array<{
    id: string;
    countyCode: string;
    schoolYear: number;
    version: number;
    supersededId: string | null;
  }>;
  queued: string[];
  checksum: string;
}

async function cliEvaluationJson(dir: string): Promise<unknown> {
  const ctx = cliContext(null);
  expect(await evaluateCommand.run(['--data', dir, '--json'], ctx)).toBe(0);
  return JSON.parse(ctx.stdout.join('\n'));
}

/** Every column of the evidence records, to prove a stored record never changes. */
const evidenceRow = (t: TestApp, id: string) =>
  sql(t, 'SELECT * FROM evidence_records WHERE id = $1', [id]).then((rows) => rows[0]);

describe('indicators: import → recompute → evaluation, evidence, ledgers (real PostgreSQL + Redis)', () => {
  let t: TestApp;
  let office: string;
  let staff: string;
  let outsider: string;
  let admin: string;
  let countyItemId: string;
  let cityG5ItemId: string;
  let certItemId: string;
  let first: ImportBody['imports'][number];

  const upload = (
    token: string,
    files = folderFiles(EXAMPLE_DIR),
    fields: Record<string, string> = {},
    query = '',
  ) => {
    const body = multipart(files, fields);
    return t.request({
      method: 'POST',
      url: `/api/indicators/imports${query}`,
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${token}` },
    });
  };
  const get = (url: string, token: string | null = staff) =>
    t.request({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const countRows = async () =>
    (
      await sql<{ imports: number; tables: number }>(
        t,
        'SELECT (SELECT count(*)::int FROM statistics_imports) AS imports, (SELECT count(*)::int FROM statistics_tables) AS tables',
      )
    )[0];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.sessionFor(await t.createUser(Role.Admin));

    // 银川 2021 (a city plan): G5 for every county under 银川, and 灵武市's 2023 certification (CERT) led by
    // 灵武市人民政府 — through the plans module's own importer, which also loads the regions.
    await t.app
      .get(PlanImportService)
      .importFile(`${PLANS_DIR}/yinchuan-2021.yaml`, { actor: systemActor('test') });
    // The office and a reader of 银川 (their area holds 灵武市); a 晋中 office outside it.
    office = await t.sessionFor(await t.createUser(Role.Office, { regionCode: '640100' }));
    staff = await t.sessionFor(await t.createUser(Role.Staff, { regionCode: '640100' }));
    outsider = await t.sessionFor(await t.createUser(Role.Office, { regionCode: '140700' }));
    [{ id: cityG5ItemId }] = await sql<{ id: string }>(
      t,
      `SELECT i.id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE p.region_code = '640100' AND i.indicator = 'G5' ORDER BY i.position LIMIT 1`,
    );
    [{ id: certItemId }] = await sql<{ id: string }>(
      t,
      `SELECT i.id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE p.region_code = '640100' AND i.indicator = 'CERT' AND i.title LIKE '灵武市%'`,
    );
    // A county plan of 灵武市 with one item measured by G5, through the plans module's repositories.
    const ds = t.app.get(DataSource);
    const plan = await ds.getRepository(Plan).save(
      ds.getRepository(Plan).create({
        key: 'lingwu-test',
        title: '灵武市消除大班额工作方案',
        docNumber: null,
        issuer: '灵武市人民政府',
        issuedOn: '2023-03-01',
        regionCode: COUNTY,
        implements: [],
        sourceFile: 'test',
        sourceScript: 'simplified',
        sourceText: null,
        fileChecksum: '0'.repeat(64),
        importedAt: t.clock.now(),
      }),
    );
    const item = await ds.getRepository(PlanItem).save(
      ds.getRepository(PlanItem).create({
        planId: plan.id,
        parentId: null,
        ref: '1',
        position: 0,
        depth: 0,
        kind: 'target',
        number: '1.',
        title: '2023年底前消除大班额',
        body: null,
        excerpt: '2023年底前全面消除大班额',
        searchText: '2023年底前消除大班额',
        startOn: null,
        startText: null,
        dueOn: '2023-12-31',
        dueText: '2023年底前',
        recurrence: null,
        indicator: 'G5',
        targets: [],
        status: 'not_started',
        cancelledAt: null,
      }),
    );
    countyItemId = item.id;
  });
  afterAll(() => t?.close());

  it('an uploaded import is stored, recomputed by the worker, and its evaluation equals the CLI JSON', async () => {
    const res = await upload(office);
    expect(res.statusCode).toBe(201);
    const body = res.json<ImportBody>();
    expect(body.imports).toHaveLength(1);
    first = body.imports[0];
    expect(first).toMatchObject({ countyCode: COUNTY, schoolYear: 2023, version: 1, supersededId: null });
    expect(body.queued).toEqual([recomputeJobId(COUNTY, 2023)]);

    await recomputed(t, COUNTY, 2023);
    const cli = await cliEvaluationJson(EXAMPLE_DIR);
    const api = await get(`/api/counties/${COUNTY}/evaluations/2023`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toEqual(cli);

    // The stored evaluation is the one served, and it says what the CLI says.
    const [stored] = await sql<{ result: object; certifiable: boolean; rule_set: string }>(
      t,
      'SELECT result, certifiable, rule_set FROM evaluations WHERE import_id = $1',
      [first.id],
    );
    expect({ ...stored.result, dataset_checksum: body.checksum }).toEqual(cli);
    expect(stored.certifiable).toBe((cli as { certifiable: boolean }).certifiable);
    expect(stored.rule_set).toBe('2017');
  });

  it('writes an evidence record per linked item: county plan, city plan (per county) and the county CERT', async () => {
    const records = await sql<{
      plan_item_id: string;
      indicator: string;
      county_code: string;
      passed: boolean | null;
      import_id: string;
      dataset_checksum: string;
      offenders: unknown[];
    }>(
      t,
      'SELECT plan_item_id, indicator, county_code, passed, import_id, dataset_checksum, offenders FROM evidence_records',
    );
    const byItem = new Map(records.map((r) => [r.plan_item_id, r]));
    const county = byItem.get(countyItemId)!;
    // 灵武市 2023 has classes above the limit: G5 fails, naming them.
    expect(county).toMatchObject({
      indicator: 'G5',
      county_code: COUNTY,
      passed: false,
      import_id: first.id,
    });
    expect(county.offenders.length).toBeGreaterThan(0);
    expect(county.dataset_checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(byItem.get(cityG5ItemId)).toMatchObject({ indicator: 'G5', county_code: COUNTY, passed: false });
    expect(byItem.get(certItemId)).toMatchObject({ indicator: 'CERT', county_code: COUNTY, passed: false });
    // Only 灵武市's CERT item: the other counties' milestones are led by their own governments.
    expect(records.filter((r) => r.indicator === 'CERT')).toHaveLength(1);

    const api = await get(`/api/items/${countyItemId}/evidence`, admin);
    expect(api.statusCode).toBe(200);
    // Items are scoped by PlanScope: a reader of 银川 sees 灵武市's plan and its evidence, a 晋中 office neither.
    expect((await get(`/api/items/${countyItemId}/evidence`, staff)).statusCode).toBe(200);
    expect((await get(`/api/items/${countyItemId}/evidence`, outsider)).statusCode).toBe(404);
    expect(api.json()).toEqual([
      expect.objectContaining({ indicator: 'G5', passed: false, importId: first.id, ruleSet: '2017' }),
    ]);
  });

  it('opens a large-class ledger entry for every large or super-large class of the import', async () => {
    const ruleSet = await loadRuleSet();
    const imported = await importFolder(EXAMPLE_DIR);
    if (!imported.ok) throw new Error('example data does not import');
    const expected = classSizeOffenders(
      toCountyData(imported.dataset.counties[0], 2023),
      ruleSet,
      'large_class',
    );
    expect(expected.length).toBeGreaterThan(0);

    const res = await get(`/api/indicators/ledgers?county=${COUNTY}&kind=large_class&open=true`);
    expect(res.statusCode).toBe(200);
    const entries = res.json<
      Array<{
        key: string;
        openedByImportId: string;
        closedAt: string | null;
        value: number;
        limit: number;
      }>
    >();
    expect(entries.map((e) => e.key).sort()).toEqual(expected.map((e) => e.key).sort());
    expect(
      entries.every((e) => e.openedByImportId === first.id && e.closedAt === null && e.value > e.limit),
    ).toBe(true);
  });

  it('a file with errors stores nothing and reports every error with file, row and column', async () => {
    const before = await countRows();
    const schools = folderFiles(EXAMPLE_DIR).find((f) => f.name === '学校.csv')!;
    const lines = schools.data.toString('utf8').split('\n');
    const header = lines[0].split(',');
    const studentsAt = header.indexOf('学生数');
    const broken = (line: string, value: string) =>
      line
        .split(',')
        .map((cell, i) => (i === studentsAt ? value : cell))
        .join(',');
    lines[2] = broken(lines[2], '12O');
    lines[4] = broken(lines[4], '-3');
    const files = folderFiles(EXAMPLE_DIR).map((f) =>
      f.name === '学校.csv' ? { name: f.name, data: Buffer.from(lines.join('\n')) } : f,
    );

    const res = await upload(office, files);
    expect(res.statusCode).toBe(400);
    const body = res.json<{
      error: string;
      message: string;
      details: {
        issueCount: number;
        issues: Array<{ file: string; row?: number; column?: string; message: string; text: string }>;
      };
    }>();
    expect(body.error).toBe('VALIDATION.FAILED');
    expect(body).toMatchObject({ messageKey: 'indicators.import.problems', params: { count: 2 } });
    expect(body.message).toBe('统计数据有 2 处问题，本次未导入任何数据');
    expect(body.details.issueCount).toBe(2);
    // each issue in the reader's language only: the column by its Chinese name, the problem in Chinese
    expect(body.details.issues).toEqual([
      {
        file: '学校.csv',
        row: 3,
        column: '学生数',
        message: '“12O”不是整数',
        text: '学校.csv 第3行，学生数：“12O”不是整数',
      },
      {
        file: '学校.csv',
        row: 5,
        column: '学生数',
        message: '“-3”不能为负数',
        text: '学校.csv 第5行，学生数：“-3”不能为负数',
      },
    ]);

    const english = await upload(office, files, {}, '?lang=en');
    expect(english.statusCode).toBe(400);
    expect(english.json().details.issues[0]).toEqual({
      file: '学校.csv',
      row: 3,
      column: 'students',
      message: '"12O" is not a whole number',
      text: '学校.csv row 3, students: "12O" is not a whole number',
    });
    expect(await countRows()).toEqual(before);
  });

  it('re-importing the county-year supersedes the current version and keeps it in the history', async () => {
    const res = await upload(office);
    expect(res.statusCode).toBe(201);
    const second = res.json<ImportBody>().imports[0];
    expect(second).toMatchObject({ version: 2, supersededId: first.id });
    await recomputed(t, COUNTY, 2023);

    const history = await get(`/api/indicators/imports?county=${COUNTY}&year=2023`);
    expect(history.statusCode).toBe(200);
    expect(history.json()).toEqual([
      expect.objectContaining({
        id: second.id,
        version: 2,
        status: 'current',
        supersededAt: null,
        evaluation: expect.objectContaining({ certifiable: false }),
      }),
      expect.objectContaining({
        id: first.id,
        version: 1,
        status: 'superseded',
        supersededAt: expect.any(String),
      }),
    ]);
    // The superseded version keeps its rows; the evaluation API serves the current one.
    const [{ n }] = await sql<{ n: number }>(
      t,
      'SELECT count(*)::int AS n FROM statistics_tables WHERE import_id = $1',
      [first.id],
    );
    expect(n).toBe(6);
    // Same data, same ledger: still the same open entries, now last seen by the new version.
    const open = await sql<{ last_seen_import_id: string; opened_by_import_id: string }>(
      t,
      `SELECT last_seen_import_id, opened_by_import_id FROM ledger_entries WHERE county_code = $1 AND kind = 'large_class' AND closed_at IS NULL`,
      [COUNTY],
    );
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((e) => e.opened_by_import_id === first.id && e.last_seen_import_id === second.id)).toBe(
      true,
    );
  });

  it('the 2024 import closes (销号) the large-class entries, citing itself; evidence gets a new record, the old one unchanged', async () => {
    const [oldRecord] = await sql<{ id: string }>(
      t,
      'SELECT id FROM evidence_records WHERE plan_item_id = $1 AND import_id = $2',
      [countyItemId, first.id],
    );
    const before = await evidenceRow(t, oldRecord.id);
    const openBefore = await sql<{ id: string }>(
      t,
      `SELECT id FROM ledger_entries WHERE county_code = $1 AND kind = 'large_class' AND closed_at IS NULL`,
      [COUNTY],
    );

    const res = await upload(office, folderFiles(EXAMPLE_2024_DIR));
    expect(res.statusCode).toBe(201);
    const y2024 = res.json<ImportBody>().imports[0];
    expect(y2024).toMatchObject({ schoolYear: 2024, version: 1 });
    await recomputed(t, COUNTY, 2024);

    const closed = await sql<{ id: string; closed_by_import_id: string | null; closed_at: Date | null }>(
      t,
      'SELECT id, closed_by_import_id, closed_at FROM ledger_entries WHERE id = ANY($1::uuid[])',
      [openBefore.map((e) => e.id)],
    );
    expect(closed).toHaveLength(openBefore.length);
    expect(closed.every((e) => e.closed_by_import_id === y2024.id && e.closed_at !== null)).toBe(true);
    expect((await get(`/api/indicators/ledgers?county=${COUNTY}&kind=large_class&open=true`)).json()).toEqual(
      [],
    );

    // Immutable: the 2023 record is exactly as it was; a new record speaks for 2024.
    expect(await evidenceRow(t, oldRecord.id)).toEqual(before);
    const history = (await get(`/api/items/${countyItemId}/evidence`, admin)).json<
      Array<{ schoolYear: number; passed: boolean | null; importId: string }>
    >();
    expect(history.map((r) => [r.schoolYear, r.passed])).toEqual([
      [2024, true],
      [2023, false],
      [2023, false],
    ]);
    expect(history[0].importId).toBe(y2024.id);

    const compliance = await t.app.get(EvidenceService).complianceFor([countyItemId, cityG5ItemId]);
    expect(compliance.get(countyItemId)).toMatchObject({
      passed: true,
      counties: [expect.objectContaining({ countyCode: COUNTY, passed: true })],
    });
    // 银川's item is decided by its six counties; only 灵武市 has data.
    const city = compliance.get(cityG5ItemId)!;
    expect(city.counties.map((c) => c.countyCode)).toEqual([
      '640104',
      '640105',
      '640106',
      '640121',
      '640122',
      '640181',
    ]);
    expect(city.passed).toBeNull();
  });

  it('an older school year imported later leaves the ledger alone', async () => {
    const before = await sql(t, 'SELECT id, closed_at, closed_by_import_id FROM ledger_entries ORDER BY id');
    expect((await upload(office)).statusCode).toBe(201);
    await recomputed(t, COUNTY, 2023);
    expect(await sql(t, 'SELECT id, closed_at, closed_by_import_id FROM ledger_entries ORDER BY id')).toEqual(
      before,
    );
    // …and its evidence does not replace the 2024 record as the item's latest.
    const latest = await t.app.get(EvidenceService).latestFor(countyItemId);
    expect(latest.map((r) => [r.schoolYear, r.passed])).toEqual([[2024, true]]);
  });

  it('the ledger summary gives the open count per import, for the chart', async () => {
    const res = await get(`/api/indicators/ledgers/summary?county=${COUNTY}`);
    expect(res.statusCode).toBe(200);
    const summary = res.json<{
      openNow: Record<string, number>;
      points: Array<{
        schoolYear: number;
        version: number;
        open: Record<string, number> | null;
        opened: Record<string, number>;
        closed: Record<string, number>;
      }>;
    }>();
    expect(summary.openNow.large_class).toBe(0);
    const [v1] = summary.points;
    const y2024 = summary.points.find((p) => p.schoolYear === 2024)!;
    expect(v1).toMatchObject({ schoolYear: 2023, version: 1 });
    expect(v1.open!.large_class).toBeGreaterThan(0);
    expect(v1.opened.large_class).toBe(v1.open!.large_class);
    expect(y2024.open!.large_class).toBe(0);
    expect(y2024.closed.large_class).toBe(v1.open!.large_class);
    expect(summary.points.map((p) => p.schoolYear)).toEqual([2023, 2023, 2023, 2024]);
  });

  it('the database refuses to change or delete an evidence record; the API has no route for it', async () => {
    const [{ id }] = await sql<{ id: string }>(t, 'SELECT id FROM evidence_records LIMIT 1');
    await expect(
      sql(t, 'UPDATE evidence_records SET passed = NOT coalesce(passed, false) WHERE id = $1', [id]),
    ).rejects.toThrow(/immutable/);
    await expect(sql(t, 'DELETE FROM evidence_records WHERE id = $1', [id])).rejects.toThrow(/immutable/);
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST'] as const) {
      const res = await t.request({
        method,
        url: `/api/items/${countyItemId}/evidence`,
        payload: {},
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(res.statusCode).toBe(404);
    }
  });

  it('export.xlsx opens with exceljs: one sheet per section, failing cells red', async () => {
    const res = await get(`/api/counties/${COUNTY}/evaluations/2023/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await openWorkbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(SHEET_NAMES['zh-CN']));
    const government = wb.getWorksheet(SHEET_NAMES['zh-CN'].government)!;
    let g5Row = 0;
    government.eachRow((row, n) => {
      if (row.getCell(1).value === 'G5') g5Row = n;
    });
    expect(g5Row).toBeGreaterThan(0);
    const verdict = government.getRow(g5Row).getCell(3);
    expect(String(verdict.value)).toContain('未通过');
    expect(verdict.fill).toMatchObject({ type: 'pattern', fgColor: { argb: FAIL_ARGB } });
    expect(wb.getWorksheet(SHEET_NAMES['zh-CN'].resources)!.rowCount).toBeGreaterThan(2);
    expect(wb.getWorksheet(SHEET_NAMES['zh-CN'].cv)!.rowCount).toBe(1 + 2 * 7);
  });

  it('the template is public and opens as a workbook', async () => {
    const res = await get('/api/indicators/template.xlsx', null);
    expect(res.statusCode).toBe(200);
    const wb = await openWorkbook(res.rawPayload);
    expect(wb.worksheets.length).toBeGreaterThanOrEqual(6);
  });

  it('scope: a 晋中 office neither imports 灵武市 statistics nor reads its evaluation, ledgers or imports', async () => {
    const before = await countRows();
    const [{ n: evidenceBefore }] = await sql<{ n: number }>(
      t,
      'SELECT count(*)::int AS n FROM evidence_records',
    );
    const res = await upload(outsider);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'AUTH.FORBIDDEN', details: { counties: [COUNTY] } });
    expect(res.json()).toMatchObject({ messageKey: 'indicators.import.outside_area' });
    expect(res.json().message).toMatch(/不在您的管辖范围：.*640181；本次未导入任何数据/);
    expect(await countRows()).toEqual(before);
    const [{ n: evidenceAfter }] = await sql<{ n: number }>(
      t,
      'SELECT count(*)::int AS n FROM evidence_records',
    );
    expect(evidenceAfter).toBe(evidenceBefore);
    for (const url of [
      `/api/counties/${COUNTY}/evaluations/2023`,
      `/api/counties/${COUNTY}/evaluations/2023/export.xlsx`,
      `/api/indicators/ledgers?county=${COUNTY}`,
      `/api/indicators/ledgers/summary?county=${COUNTY}`,
      `/api/indicators/imports?county=${COUNTY}`,
    ]) {
      expect([url, (await get(url, outsider)).statusCode]).toEqual([url, 403]);
    }
    // Without a county: only the counties of the area, here none.
    expect((await get('/api/indicators/ledgers', outsider)).json()).toEqual([]);
    expect((await get('/api/indicators/imports', outsider)).json()).toEqual([]);
    const summary = (await get('/api/indicators/ledgers/summary', outsider)).json() as { points: unknown[] };
    expect(summary.points).toEqual([]);
    // Inside the area the same reads answer.
    expect((await get('/api/indicators/ledgers', staff)).json()).not.toEqual([]);
    expect((await get('/api/indicators/imports', staff)).json()).not.toEqual([]);
  });

  it('roles: reads for every signed-in role, imports and job failures for admin and office only', async () => {
    expect((await upload(staff)).statusCode).toBe(403);
    expect((await get('/api/indicators/jobs/failed', staff)).statusCode).toBe(403);
    expect((await get(`/api/counties/${COUNTY}/evaluations/2023`, null)).statusCode).toBe(401);
    expect((await get(`/api/counties/${COUNTY}/evaluations/1999`)).statusCode).toBe(404);
    expect((await get(`/api/counties/${COUNTY}/evaluations/2023`, staff)).statusCode).toBe(200);
    expect((await get('/api/indicators/ledgers/summary', staff)).statusCode).toBe(200);
  });

  it('a recompute job is deduplicated by its id while it waits', async () => {
    const queue = indicatorsQueue(t);
    const jobs = t.app.get(IndicatorJobs);
    await queue.pause();
    try {
      await jobs.enqueueRecomputes([{ countyCode: COUNTY, schoolYear: 2024 }]);
      await jobs.enqueueRecomputes([{ countyCode: COUNTY, schoolYear: 2024 }]);
      await queue.add(
        IndicatorsJob.Recompute,
        { countyCode: COUNTY, schoolYear: 2024 },
        { jobId: recomputeJobId(COUNTY, 2024) },
      );
      const waiting = await queue.getJobs(['waiting', 'paused', 'prioritized']);
      expect(waiting.filter((j) => j.name === IndicatorsJob.Recompute).map((j) => j.id)).toEqual([
        recomputeJobId(COUNTY, 2024),
      ]);
    } finally {
      await queue.resume();
    }
    await recomputed(t, COUNTY, 2024);
  });

  it('the nightly run re-evaluates every county-year with data and adds no duplicate evidence', async () => {
    const schedulers = await indicatorsQueue(t).getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: 'nightly-recompute', pattern: '30 2 * * *', tz: 'Asia/Shanghai' }),
    ]);
    const [{ n: before }] = await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM evidence_records');
    const job = await indicatorsQueue(t).add(IndicatorsJob.NightlyRecompute, {});
    const deadline = performance.now() + 10_000;
    while (!(await job.isCompleted()) && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(job.id && (await indicatorsQueue(t).getJob(job.id))?.returnvalue).toEqual({ queued: 2 });
    await recomputed(t, COUNTY, 2023);
    await recomputed(t, COUNTY, 2024);
    const [{ n: after }] = await sql<{ n: number }>(t, 'SELECT count(*)::int AS n FROM evidence_records');
    expect(after).toBe(before);
  });

  it('a recompute that cannot succeed fails for good and is listed for admin and office', async () => {
    await t.app.get(IndicatorJobs).enqueueRecomputes([{ countyCode: '110101', schoolYear: 2023 }]);
    const id = recomputeJobId('110101', 2023);
    const deadline = performance.now() + 10_000;
    let failed: Array<{ id: string; state: string; failedReason: string; attemptsMade: number }> = [];
    while (performance.now() < deadline) {
      failed = (await get('/api/indicators/jobs/failed', office)).json();
      if (failed.some((j) => j.id === id)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(failed.find((j) => j.id === id)).toMatchObject({
      state: 'failed',
      attemptsMade: 1,
      failedReason: '110101 没有 2023 学年的统计数据',
    });
  });

  it('the CLI imports through the same service and evaluates inline with --now', async () => {
    const ctx = cliContext(t);
    expect(await indicatorsImportCommand.run([EXAMPLE_2024_DIR, '--now'], ctx)).toBe(0);
    expect(ctx.stdout.join('\n')).toMatch(/640181 灵武市 2024: version 2 \(supersedes [0-9a-f-]{36}\)/);
    expect(ctx.stdout.join('\n')).toContain('640181/2024: evaluated');
    const [row] = await sql<{ source: string; uploaded_by: string | null }>(
      t,
      `SELECT source, uploaded_by FROM statistics_imports WHERE county_code = $1 AND school_year = 2024 AND status = 'current'`,
      [COUNTY],
    );
    expect(row).toEqual({ source: 'cli', uploaded_by: null });

    const bad = cliContext(t);
    expect(await indicatorsImportCommand.run(['/no/such/folder'], bad)).toBe(2);

    // Problems of the files are printed in the office's language: the command line has no reader to ask.
    const dir = await mkdtemp(path.join(tmpdir(), 'duban-cli-import-'));
    try {
      await writeFile(
        path.join(dir, 'schools.csv'),
        '学校标识码,学校名称,县区代码,办学类型,学段,学生数\n2164018001,第一小学,640181,小学,小学,12O\n',
      );
      await writeFile(path.join(dir, '备注.csv'), 'a\n1\n');
      const invalid = cliContext(t);
      expect(await indicatorsImportCommand.run([dir], invalid)).toBe(1);
      expect(invalid.stderr).toEqual([
        '提示：备注.csv：没有名为“备注”的表（可用的表名：学校、班级、县级指标、佐证、满意度调查、质量监测），已忽略',
        '统计数据有 1 处问题，本次未导入任何数据',
        '  schools.csv 第2行，学生数：“12O”不是整数',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('partial statistics: missing class rows and a cut-off last line are named and need confirm=yes', async () => {
    const complete = folderFiles(EXAMPLE_DIR);
    const classes = complete.find((f) => f.name === '班级.csv')!;
    const lines = classes.data.toString('utf8').split('\n');
    // The classes file missing its last 5 rows, and the schools file cut off mid-number without its line break.
    const cut = lines.slice(0, lines.length - 6).join('\n') + '\n';
    const schools = complete.find((f) => f.name === '学校.csv')!;
    const partial = complete.map((f) =>
      f === classes
        ? { name: f.name, data: Buffer.from(cut) }
        : f === schools
          ? { name: f.name, data: f.data.subarray(0, f.data.length - 2) }
          : f,
    );
    const before = await countRows();
    const refused = await upload(office, partial);
    expect([refused.statusCode, refused.json().error]).toEqual([400, 'VALIDATION.FAILED']);
    const discrepancies = refused.json().details.discrepancies as string[];
    expect(refused.json().messageKey).toBe('indicators.import.discrepancies');
    expect(discrepancies[0]).toMatch(/^学校\.csv 的最后一行没有换行符/);
    expect(discrepancies.some((d) => /班级数 \d+，班级表 \d+ 行/.test(d))).toBe(true);
    expect(discrepancies.some((d) => /学生数 \d+，班级学生合计 \d+/.test(d))).toBe(true);
    expect(await countRows()).toEqual(before);

    const confirmed = await upload(office, partial, { confirm: 'yes' });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().notices).toEqual(
      expect.arrayContaining(discrepancies.map((d) => `已确认：${d}`)),
    );
  });
});

describe('indicators: upload limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { UPLOAD_MAX_BYTES: '4096' } });
  });
  afterAll(() => t?.close());

  it('a file over UPLOAD_MAX_BYTES gets 413 with a message naming the file and the limit, and nothing is stored', async () => {
    const token = await t.sessionFor(await t.createUser(Role.Office));
    const files = folderFiles(EXAMPLE_DIR);
    expect(files.find((f) => f.name === '班级.csv')!.data.length).toBeGreaterThan(4096);
    const body = multipart(files);
    const res = await t.request({
      method: 'POST',
      url: '/api/indicators/imports',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      error: 'PAYLOAD_TOO_LARGE',
      messageKey: 'indicators.upload.too_large',
      params: { file: '班级.csv', limit: '4 KB' },
      message: '文件 班级.csv 超过上传上限 4 KB',
    });
    expect(await sql(t, 'SELECT id FROM statistics_imports')).toEqual([]);
  });
});
