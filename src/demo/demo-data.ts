import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { systemActor } from '../audit/audit.service';
import { projectPath } from '../config/paths';
import { DepartmentsService } from '../departments/departments.service';
import { IndicatorImportService } from '../indicators/indicator-import.service';
import { RecomputeService } from '../indicators/recompute.service';
import { StatisticsService } from '../indicators/statistics.service';
import { PlanImportService, PLANS_DIR } from '../plans/plan-import.service';
import { DEFAULT_REGION_FILE, RegionsService } from '../regions/regions.service';
import { Role } from '../access/role.enum';
import { UsersService } from '../users/users.service';

interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  /** Department (region code + name as the plan names it), and whether the account heads it. */
  department?: { region: string; name: string; head?: boolean };
  /** The area of an account without a department (PlanScope): the 副组长 of 银川, the 督导 of 宁夏. */
  region?: string;
}

/** The people of the Yinchuan plan (seed 002) who use the demo, plus an administrator and an inspector. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@duban.local', name: '系统管理员', role: Role.Admin },
  {
    email: 'office@yinchuan.duban.local',
    name: '高小军（领导小组办公室）',
    role: Role.Office,
    department: { region: '640100', name: '银川市教育局' },
  },
  { email: 'leader@yinchuan.duban.local', name: '李晓鹏（副组长）', role: Role.Leader, region: '640100' },
  {
    email: 'jyj@yinchuan.duban.local',
    name: '银川市教育局负责人',
    role: Role.DeptHead,
    department: { region: '640100', name: '银川市教育局', head: true },
  },
  {
    email: 'staff@yinchuan.duban.local',
    name: '银川市教育局科员',
    role: Role.Staff,
    department: { region: '640100', name: '银川市教育局' },
  },
  {
    email: 'lingwu@yinchuan.duban.local',
    name: '灵武市政府负责人',
    role: Role.DeptHead,
    department: { region: '640181', name: '灵武市人民政府', head: true },
  },
  { email: 'inspector@duban.local', name: '督导员', role: Role.Inspector, region: '640000' },
];

/**
 * The demo's data (idempotent): regions, the five seed plans, the demo accounts with `password`, and 灵武市's
 * 2023 statistics evaluated. `npm run demo` loads it, and so do the tests that walk every page as officials see it.
 */
export async function loadDemoData(
  app: INestApplicationContext,
  options: { password: string; log?: (line: string) => void },
): Promise<void> {
  const { password } = options;
  const log = options.log ?? (() => undefined);
  const actor = systemActor('demo:setup');

  const regions = await app
    .get(RegionsService)
    .importFile(DEFAULT_REGION_FILE, { actor, source: 'demo:setup' });
  log(`regions: ${regions.added} added, ${regions.updated} updated, ${regions.unchanged} unchanged`);
  const importer = app.get(PlanImportService);
  for (const file of fs
    .readdirSync(PLANS_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const r = await importer.importFile(path.join(PLANS_DIR, file), { actor });
    log(
      `plan ${file}: ${r.plan}; items ${r.items.added} added, ${r.items.updated} updated, ${r.items.unchanged} unchanged`,
    );
  }

  const users = app.get(UsersService);
  const departments = app.get(DepartmentsService);
  const existing = new Map((await users.list()).map((u) => [u.email, u]));
  for (const account of DEMO_ACCOUNTS) {
    const department = account.department
      ? await departments.findByName(account.department.region, account.department.name)
      : null;
    if (account.department && !department) {
      throw new Error(`demo department ${account.department.name} (${account.department.region}) is missing`);
    }
    const known = existing.get(account.email);
    const user = known
      ? // Demo data from before areas existed gets its area; nothing else of a kept account changes.
        known.regionCode === (account.region ?? null)
        ? known
        : await users.update(known.id, { regionCode: account.region ?? null })
      : await users.create({
          email: account.email,
          name: account.name,
          role: account.role,
          password,
          departmentId: department?.id ?? null,
          regionCode: account.region ?? null,
        });
    if (department && account.department?.head) await departments.setHead(department.id, user.id, actor);
  }

  // The demo county's 2023 statistics (灵武市, with large classes), evaluated at once so the dashboard, the
  // county page and the evidence of the linked plan items have data. Imported once: a re-import is a new
  // version, which is what `config/indicators/example-2024` is for (it closes the ledger entries).
  if ((await app.get(StatisticsService).list({ county: '640181', year: 2023 })).length === 0) {
    const dir = projectPath('config', 'indicators', 'example');
    const files = fs.readdirSync(dir).map((name) => ({ name, data: fs.readFileSync(path.join(dir, name)) }));
    const result = await app
      .get(IndicatorImportService)
      .import(files, actor, { source: 'cli', enqueue: false });
    if (!result.ok) throw new Error(`demo statistics rejected: ${result.issueCount} problem(s)`);
    for (const i of result.imports) {
      const report = await app.get(RecomputeService).run(i.countyCode, i.schoolYear);
      log(
        `statistics ${i.countyCode}/${i.schoolYear}: evaluated; ${report.evidence.inserted} evidence records; ` +
          `ledger ${report.ledger?.opened ?? 0} entries opened`,
      );
    }
  }
}
