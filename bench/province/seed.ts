/**
 * `npm run seed:province` — loads the synthetic province of `province.ts` into the database at DATABASE_URL
 * (created when missing; `--reset` drops and re-creates it). Never the tests' database: names `test` and
 * `duban_test*` are refused.
 *
 * Everything but the statistics goes in with bulk SQL (multi-row INSERT … SELECT FROM unnest through the app's
 * TypeORM data source, 5,000 rows a statement); the audit log (≈ 1 M rows) is derived in the database from the
 * rows just written (INSERT … SELECT, deterministic ids from md5). Statistics go through the app itself:
 * IndicatorImportService (one import of all 120 counties) and RecomputeService per county, as `indicators:import
 * --now` would. Options: --seed N (default 16), --reset, --no-statistics. Needs Redis (REDIS_URL) for the app
 * context, like the other benchmarks; its keys go under a prefix of their own and are removed.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { WorkingCalendar } from '../../src/calendar/working-calendar';
import type { CalendarDate } from '../../src/common/calendar-date';
import { normalizeDepartmentName, normalizeSearchText } from '../../src/common/text-normalization';
import { validateEnv } from '../../src/config/env.schema';
import { dataSourceOptions } from '../../src/database/database.options';
import { runPendingMigrations } from '../../src/database/migrate';
import { IndicatorImportService } from '../../src/indicators/indicator-import.service';
import { RecomputeService } from '../../src/indicators/recompute.service';
import { deriveItemFlowStatus } from '../../src/plans/item-status.policy';
import { hashPassword } from '../../src/users/password';
import { deleteKeys } from '../../test/support/test-app';
import { bulkInsert, type BulkValue, cols } from './bulk';
import { countyStatistics, generateProvince, type Province, SEED_TODAY, statisticsFiles } from './province';
import { formatIssues } from '../../src/indicators/import/import-issues';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
export const SEED = Number(option('--seed') ?? 16);
/** Every seeded account's password: synthetic data for a benchmark database, printed at the end. */
export const provincePassword = (seed: number) => `province-${seed}-bench`;
export const STATISTICS_YEAR = 2024;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The database URL from DATABASE_URL, refusing the tests' databases. */
export function provinceDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is required: the database to load the province into, e.g. postgres://postgres@127.0.0.1:5432/duban_province',
    );
  }
  const name = new URL(url).pathname.slice(1);
  if (!name || name === 'test' || name.startsWith('duban_test'))
    throw new Error(`refusing to seed "${name}": that is the tests' database; give a database of its own`);
  return url;
}

async function prepareDatabase(url: string, reset: boolean): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = new Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    if (reset) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0)
      await admin.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
}

async function loadOrganisationAndPlans(ds: DataSource, p: Province, passwordHash: string): Promise<void> {
  const calendar = WorkingCalendar.fromChineseDays();
  await ds.transaction(async (em) => {
    await bulkInsert(
      em,
      'regions',
      cols('code char(6)', 'name text', 'level region_level', 'parent_code char(6)', 'short_names text[]'),
      p.regions.map((r) => [r.code, r.name, r.level, r.parentCode, '{}']),
    );
    await bulkInsert(
      em,
      'departments',
      cols(
        'id uuid',
        'region_code char(6)',
        'name text',
        'normalized_name text',
        'kind department_kind',
        'is_county_government boolean',
      ),
      p.departments.map((d) => [
        d.id,
        d.regionCode,
        d.name,
        normalizeDepartmentName(d.name),
        d.kind,
        d.isCountyGovernment,
      ]),
    );
    await bulkInsert(
      em,
      'users',
      cols(
        'id uuid',
        'email text',
        'name text',
        'password_hash text',
        'role user_role',
        'department_id uuid',
      ),
      p.users.map((u) => [u.id, u.email, u.name, passwordHash, u.role, u.departmentId]),
    );
    await em.query(
      `UPDATE departments d SET head_user_id = u.head FROM unnest($1::uuid[], $2::uuid[]) AS u(id, head) WHERE d.id = u.id`,
      [p.departments.map((d) => d.id), p.departments.map((d) => d.headUserId)],
    );
    await bulkInsert(
      em,
      'plans',
      cols(
        'id uuid',
        'key text',
        'title text',
        'doc_number text',
        'issuer text',
        'issued_on date',
        'region_code char(6)',
        'implements text[]',
        'source_file text',
        'source_script plan_source_script',
        'file_checksum char(64)',
        'imported_at timestamptz',
      ),
      p.plans.map((pl) => [
        pl.id,
        pl.key,
        pl.title,
        pl.docNumber,
        pl.issuer,
        pl.issuedOn,
        pl.regionCode,
        `{${pl.implements.join(',')}}`,
        `province/${pl.key}.yaml`,
        'simplified',
        '0'.repeat(64),
        new Date(`${pl.issuedOn}T02:00:00Z`),
      ]),
    );
    await bulkInsert(
      em,
      'leadership_groups',
      cols('id uuid', 'plan_id uuid', 'name text', 'office_department_id uuid'),
      p.plans.map((pl) => [
        pl.groupId,
        pl.id,
        `${pl.issuer.replace(/办公(厅|室)$/, '')}义务教育优质均衡发展工作领导小组`,
        pl.officeDepartmentId,
      ]),
    );

    // Statuses as the app derives them (deriveItemFlowStatus) from the dates and the flow written below.
    const awaiting = new Set(p.reports.filter((r) => r.state === 'submitted').map((r) => r.itemId));
    const reported = new Set(p.reports.map((r) => r.itemId));
    await bulkInsert(
      em,
      'plan_items',
      cols(
        'id uuid',
        'plan_id uuid',
        'parent_id uuid',
        'ref text',
        'position int',
        'depth smallint',
        'kind plan_item_kind',
        'number text',
        'title text',
        'body text',
        'excerpt text',
        'search_text text',
        'start_on date',
        'due_on date',
        'due_text text',
        'extended_due_on date',
        'recurrence plan_item_recurrence',
        'indicator text',
        'targets jsonb',
        'status plan_item_status',
        'version int',
        'closed_at timestamptz',
        'closed_by_user_id uuid',
        'created_at timestamptz',
        'updated_at timestamptz',
      ),
      p.items.map((i) => [
        i.id,
        i.planId,
        i.parentId,
        i.ref,
        i.position,
        i.depth,
        i.kind,
        i.number,
        i.title,
        i.body,
        i.excerpt,
        normalizeSearchText(`${i.title} ${i.excerpt}`),
        i.startOn,
        i.dueOn,
        i.dueText,
        i.extendedDueOn,
        i.recurrence,
        i.indicator,
        [],
        deriveItemFlowStatus(
          {
            startOn: i.startOn,
            dueOn: i.dueOn,
            extendedDueOn: i.extendedDueOn,
            indicatorLinked: i.indicator !== null,
            cancelled: false,
            closed: i.closedAt !== null,
            awaitingReview: awaiting.has(i.id),
            reported: reported.has(i.id),
          },
          SEED_TODAY,
          calendar,
        ),
        1,
        i.closedAt,
        i.closedByUserId,
        i.createdAt,
        i.closedAt ?? i.createdAt,
      ]),
    );
    await bulkInsert(
      em,
      'assignments',
      cols(
        'id uuid',
        'item_id uuid',
        'department_id uuid',
        'role assignment_role',
        'acknowledged_at timestamptz',
        'acknowledged_by_user_id uuid',
        'created_at timestamptz',
        'updated_at timestamptz',
      ),
      p.assignments.map((a) => [
        a.id,
        a.itemId,
        a.departmentId,
        a.role,
        a.acknowledgedAt,
        a.acknowledgedByUserId,
        a.createdAt,
        a.acknowledgedAt ?? a.createdAt,
      ]),
    );
    await bulkInsert(
      em,
      'progress_reports',
      cols(
        'id uuid',
        'item_id uuid',
        'assignment_id uuid',
        'department_id uuid',
        'period text',
        'text text',
        'percent smallint',
        'state progress_report_state',
        'previous_id uuid',
        'submitted_by_user_id uuid',
        'submitted_at timestamptz',
        'reviewed_by_user_id uuid',
        'reviewed_at timestamptz',
        'review_comment text',
        'created_at timestamptz',
      ),
      p.reports.map((r) => [
        r.id,
        r.itemId,
        r.assignmentId,
        r.departmentId,
        r.period,
        r.text,
        r.percent,
        r.state,
        r.previousId,
        r.submittedByUserId,
        r.submittedAt,
        r.reviewedByUserId,
        r.reviewedAt,
        r.reviewComment,
        r.submittedAt,
      ]),
    );
    await bulkInsert(
      em,
      'extension_requests',
      cols(
        'id uuid',
        'item_id uuid',
        'department_id uuid',
        'reason text',
        'current_due_on date',
        'requested_due_on date',
        'state extension_state',
        'requested_by_user_id uuid',
        'decided_by_user_id uuid',
        'decided_at timestamptz',
        'created_at timestamptz',
      ),
      p.extensions.map((e) => [
        e.id,
        e.itemId,
        e.departmentId,
        e.reason,
        e.currentDueOn,
        e.requestedDueOn,
        e.state,
        e.requestedByUserId,
        e.decidedByUserId,
        e.decidedAt,
        e.createdAt,
      ]),
    );
    await bulkInsert(em, 'escalation_notices', ESCALATION_COLUMNS, escalationRows(p, calendar));
    // The offices' 督办件 counters continue after the numbers the seeded 督办单 took.
    await em.query(
      `INSERT INTO supervision_counters (office_key, year, last_number)
       SELECT office_key, year, MAX(number) FROM escalation_notices GROUP BY office_key, year
       ON CONFLICT (office_key, year)
       DO UPDATE SET last_number = GREATEST(supervision_counters.last_number, EXCLUDED.last_number)`,
    );
  });
}

const ESCALATION_COLUMNS = cols(
  'item_id uuid',
  'plan_id uuid',
  'level text',
  'ladder_start date',
  'issued_on date',
  'issued_at timestamptz',
  'recipients jsonb',
  'cc jsonb',
  'snapshot jsonb',
  'office_key text',
  'year int',
  'number int',
);

/** 督办单 of every open item past its (effective) due date: blue, then yellow after 5 and red after 10 working days. */
function escalationRows(p: Province, calendar: WorkingCalendar): BulkValue[][] {
  const users = new Map(p.users.map((u) => [u.id, u]));
  const departments = new Map(p.departments.map((d) => [d.id, d]));
  const plans = new Map(p.plans.map((pl) => [pl.id, pl]));
  const byItem = new Map<string, typeof p.assignments>();
  for (const a of p.assignments) byItem.set(a.itemId, [...(byItem.get(a.itemId) ?? []), a]);
  const office = new Map(
    p.users.filter((u) => u.role === 'office').map((u) => [u.email.split('.')[1].split('@')[0], u]),
  );
  const leader = new Map(
    p.users.filter((u) => u.role === 'leader').map((u) => [u.email.split('.')[1].split('@')[0], u]),
  );
  const person = (id: string, as: string) => {
    const u = users.get(id)!;
    return { userId: u.id, name: u.name, email: u.email, as };
  };
  const rows: BulkValue[][] = [];
  // Each office numbers its 督办件 per year, 〔2026〕第1号 on.
  const lastNumber = new Map<string, number>();
  const nextNumber = (office: string, year: number) => {
    const key = `${office}|${year}`;
    const n = (lastNumber.get(key) ?? 0) + 1;
    lastNumber.set(key, n);
    return n;
  };
  for (const item of p.items) {
    const due = (item.extendedDueOn ?? item.dueOn) as CalendarDate | null;
    if (!due || item.closedAt || due >= SEED_TODAY) continue;
    const rows4 = byItem.get(item.id) ?? [];
    const lead = rows4.filter((a) => a.role === 'lead');
    if (lead.length === 0) continue;
    const plan = plans.get(item.planId)!;
    const blue = calendar.addWorkingDays(due, 1);
    const steps: Array<[string, CalendarDate]> = [
      ['blue', blue],
      ['yellow', calendar.addWorkingDays(blue, 5)],
      ['red', calendar.addWorkingDays(blue, 10)],
    ];
    for (const [level, day] of steps) {
      if (day > SEED_TODAY) break;
      const recipients = lead.map((a) => person(departments.get(a.departmentId)!.headUserId!, 'department'));
      const cc = [
        ...(level === 'blue' ? [] : [person(office.get(plan.regionCode)!.id, 'office')]),
        ...(level === 'red' ? [person(leader.get(plan.regionCode)!.id, 'leader')] : []),
      ];
      rows.push([
        item.id,
        plan.id,
        level,
        blue,
        day,
        new Date(`${day}T01:00:00Z`),
        recipients,
        cc,
        {
          planTitle: plan.title,
          planDocNumber: plan.docNumber,
          ref: item.ref,
          number: item.number,
          title: item.title,
          status: 'overdue',
          dueOn: item.dueOn,
          effectiveDueOn: due,
          reasons: ['overdue'],
          leadDepartments: lead.map((a) => departments.get(a.departmentId)!.name),
          cooperatingDepartments: rows4
            .filter((a) => a.role === 'cooperate')
            .map((a) => departments.get(a.departmentId)!.name),
          overdueWorkingDays: calendar.workingDaysBetween(due, day),
        },
        plan.regionCode,
        Number(day.slice(0, 4)),
        nextNumber(plan.regionCode, Number(day.slice(0, 4))),
      ]);
    }
  }
  return rows;
}

/**
 * The audit log the app would have written for this history, derived in the database: plan import (items,
 * assignments), 签收, every report submitted and reviewed, decided extensions, 办结, and the offices' edits of
 * items over five years (≈ 70 per item). Ids are md5 of a stable key, so the same seed gives the same rows.
 */
async function loadAudit(ds: DataSource): Promise<number> {
  const statements = [
    `INSERT INTO audit_entries (id, at, actor_user_id, actor_label, entity_type, entity_id, item_id, action, changes, source)
     SELECT md5('item-created' || i.id)::uuid, i.created_at, NULL, '方案导入', 'plan_item', i.id::text, i.id, 'created',
            jsonb_build_array(jsonb_build_object('field', 'title', 'before', NULL, 'after', i.title)), p.source_file
       FROM plan_items i JOIN plans p ON p.id = i.plan_id`,
    `INSERT INTO audit_entries (id, at, actor_user_id, actor_label, entity_type, entity_id, item_id, action, changes, source)
     SELECT md5('assignment-added' || a.id)::uuid, a.created_at, NULL, '方案导入', 'assignment', a.id::text, a.item_id, 'added',
            jsonb_build_array(jsonb_build_object('field', 'role', 'before', NULL, 'after', a.role)), NULL
       FROM assignments a`,
    `INSERT INTO audit_entries (id, at, actor_user_id, actor_label, entity_type, entity_id, item_id, action, changes)
     SELECT md5('acknowledged' || a.id)::uuid, a.acknowledged_at, u.id, u.name, 'assignment', a.id::text, a.item_id, 'acknowledged',
            jsonb_build_array(jsonb_build_object('field', 'acknowledgedAt', 'before', NULL, 'after', a.acknowledged_at))
       FROM assignments a JOIN users u ON u.id = a.acknowledged_by_user_id`,
    `INSERT INTO audit_entries (id, at, actor_user_id, actor_label, entity_type, entity_id, item_id, action, changes)
     SELECT md5('report-submitted' || r.id)::uuid, r.submitted_at, u.id, u.name, 'progress_report', r.id::text, r.item_id,
            CASE WHEN r.previous_id IS NULL THEN 'submitted' ELSE 'resubmitted' END,
            jsonb_build_array(jsonb_build_object('field', 'percent', 'before', NULL, 'after', r.percent),
                              jsonb_build_object('field', 'period', 'before', NULL, 'after', r.period))
       FROM progress_reports r JOIN users u ON u.id = r.submitted_by_user_id`,
    `INSERT INTO audit_entries (id, at, actor_user_id, actor_label, entity_type, entity_id, item_id, action, changes)
     SELECT md5('report-reviewed' || r.id)::uuid, r.reviewed_at, u.id, u.name, 'progress_report', r.id::text, r.item_id,
            r.state::text,
            jsonb_build_array(jsonb_build_object('field', 'state', 'before', 'submitted', 'after', r.state))
       FROM progress_reports r JOIN users u ON u.id = r.reviewed_by_user_id`,
    `INSERT INTO audit_entries (id, at, actor_user_id, actor_label, entity_type, entity_id, item_id, action, changes)
     SELECT md5('extension' || e.id)::uuid, e.decided_at, u.id, u.name, 'extension_request', e.id::text, e.item_id,
            e.state::text,
            jsonb_build_array(jsonb_build_object('field', 'requestedDueOn', 'before', e.current_due_on, 'after', e.requested_due_on))
       FROM extension_requests e JOIN users u ON u.id = e.decided_by_user_id`,
    `INSERT INTO audit_entries (id, at, actor_user_id, actor_label, entity_type, entity_id, item_id, action, changes)
     SELECT md5('closed' || i.id)::uuid, i.closed_at, u.id, u.name, 'plan_item', i.id::text, i.id, 'closed',
            jsonb_build_array(jsonb_build_object('field', 'closedAt', 'before', NULL, 'after', i.closed_at))
       FROM plan_items i JOIN users u ON u.id = i.closed_by_user_id`,
    // Edits by the plan's office: 40–99 per item (from the item id), spread over the item's life.
    `INSERT INTO audit_entries (id, at, actor_user_id, actor_label, entity_type, entity_id, item_id, action, changes)
     SELECT md5('edit' || i.id || '/' || n)::uuid,
            i.created_at + (n * interval '1 day' * 1700 / (k + 1)),
            u.id, u.name, 'plan_item', i.id::text, i.id, 'updated',
            jsonb_build_array(jsonb_build_object('field', CASE n % 3 WHEN 0 THEN 'body' WHEN 1 THEN 'dueText' ELSE 'title' END,
                                                 'before', '修改前 ' || (n - 1), 'after', '修改后 ' || n))
       FROM plan_items i
       JOIN plans p ON p.id = i.plan_id
       JOIN users u ON u.email = 'office.' || p.region_code || '@province.duban.local'
      CROSS JOIN LATERAL (SELECT 40 + ('x' || substr(md5(i.id::text), 1, 4))::bit(16)::int % 60 AS k) kk
      CROSS JOIN LATERAL generate_series(1, kk.k) AS n`,
  ];
  for (const sql of statements) await ds.query(sql);
  const [{ count }] = await ds.query<Array<{ count: string }>>('SELECT count(*) FROM audit_entries');
  return Number(count);
}

async function loadStatistics(
  url: string,
  p: Province,
): Promise<{ importMs: number; evaluateMs: number; schools: number; classes: number }> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `duban-seed-${process.pid}`;
  const env = validateEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DUBAN_ROLE: 'api',
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    SMTP_URL: 'smtp://127.0.0.1:2525',
  });
  const counties = p.regions.filter((r) => r.level === 'county');
  const tables = counties.map((c, n) => countyStatistics(c.code, c.name, STATISTICS_YEAR, SEED * 1000 + n));
  const files = statisticsFiles(tables);
  const schools = tables.reduce((s, t) => s + t.schools.length - 1, 0);
  const classes = tables.reduce((s, t) => s + t.classes.length - 1, 0);
  const app = await NestFactory.createApplicationContext(AppModule.register(env), { logger: ['error'] });
  try {
    const t0 = performance.now();
    const result = await app
      .get(IndicatorImportService)
      .import(files, { userId: null, label: '省级统计数据导入' }, { source: 'cli', enqueue: false });
    if (!result.ok)
      throw new Error(`statistics do not import: ${formatIssues('en', result).slice(0, 5).join('; ')}`);
    const t1 = performance.now();
    const recompute = app.get(RecomputeService);
    for (const c of counties) await recompute.run(c.code, STATISTICS_YEAR);
    const t2 = performance.now();
    return { importMs: t1 - t0, evaluateMs: t2 - t1, schools, classes };
  } finally {
    await app.close();
    await deleteKeys(redisUrl, `${prefix}:*`);
  }
}

async function main(): Promise<void> {
  const url = provinceDatabaseUrl();
  const started = performance.now();
  await prepareDatabase(url, args.includes('--reset'));
  await runPendingMigrations(url);
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
  await ds.initialize();
  try {
    const [{ count }] = await ds.query<Array<{ count: string }>>('SELECT count(*) FROM plans');
    if (Number(count) > 0)
      throw new Error(`the database already holds ${count} plans; use --reset to start over`);
    const t0 = performance.now();
    const province = generateProvince(SEED);
    const password = provincePassword(SEED);
    const passwordHash = await hashPassword(password);
    const t1 = performance.now();
    await loadOrganisationAndPlans(ds, province, passwordHash);
    const t2 = performance.now();
    const audit = await loadAudit(ds);
    const t3 = performance.now();
    const stats = args.includes('--no-statistics') ? null : await loadStatistics(url, province);
    const t4 = performance.now();
    await ds.query('ANALYZE');
    const p = province;
    const escalations = await ds.query<Array<{ count: string }>>('SELECT count(*) FROM escalation_notices');
    console.log(`province ${p.regions[0].name} (seed ${SEED}) → ${new URL(url).pathname.slice(1)}`);
    console.log(
      `  ${p.regions.length - 1 - 120} prefectures, 120 counties; ${fmt(p.departments.length)} departments, ${fmt(p.users.length)} users`,
    );
    console.log(
      `  ${p.plans.length} plans, ${fmt(p.items.length)} items, ${fmt(p.assignments.length)} assignments, ${fmt(p.reports.length)} reports, ${fmt(p.extensions.length)} extensions, ${fmt(Number(escalations[0].count))} escalation notices, ${fmt(audit)} audit entries`,
    );
    console.log(
      `  generate ${fmt(t1 - t0)} ms (with one argon2 hash), bulk load ${fmt(t2 - t1)} ms, audit ${fmt(t3 - t2)} ms`,
    );
    if (stats) {
      console.log(
        `  statistics ${STATISTICS_YEAR}: ${fmt(stats.schools)} schools, ${fmt(stats.classes)} classes; import through the app ${fmt(stats.importMs)} ms, evaluation of 120 counties ${fmt(stats.evaluateMs)} ms`,
      );
    }
    console.log(`  total ${fmt(performance.now() - started)} ms`);
    const a = p.accounts;
    console.log(`accounts (password of every account: ${password}):`);
    for (const [what, u] of Object.entries(a)) console.log(`  ${what.padEnd(16)} ${u.email}  ${u.name}`);
    void t4;
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main()
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => process.exit());
}
