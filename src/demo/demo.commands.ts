import * as fs from 'node:fs';
import * as path from 'node:path';
import { systemActor } from '../audit/audit.service';
import { msg, translate } from '../common/i18n/catalog';
import type { CliCommand } from '../cli/cli-command';
import { projectPath } from '../config/paths';
import { runPendingMigrations } from '../database/migrate';
import { DepartmentsService } from '../departments/departments.service';
import { IndicatorImportService } from '../indicators/indicator-import.service';
import { RecomputeService } from '../indicators/recompute.service';
import { StatisticsService } from '../indicators/statistics.service';
import { PlanImportService, PLANS_DIR } from '../plans/plan-import.service';
import { DEFAULT_REGION_FILE, RegionsService } from '../regions/regions.service';
import { Role } from '../access/role.enum';
import { generatePassword } from '../users/users.commands';
import { UsersService } from '../users/users.service';

interface DemoCredentials {
  password: string;
}

/** One generated password for every demo account, kept under .data/ so a second `npm run demo` prints it again. */
function demoPassword(): string {
  const file = projectPath('.data', 'demo-credentials.json');
  if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as DemoCredentials).password;
  const password = generatePassword();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ password } satisfies DemoCredentials, null, 2), { mode: 0o600 });
  return password;
}

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

export const demoSetupCommand: CliCommand = {
  name: 'demo:setup',
  usage: 'demo:setup',
  description: 'Migrate, load regions, the five seed plans and the demo accounts (idempotent).',
  async run(_args, ctx) {
    const runtime = await ctx.runtime();
    const applied = await runPendingMigrations(runtime.env.DATABASE_URL!);
    if (applied.length) ctx.out(`migrated: ${applied.join(', ')}`);
    const app = await ctx.app();
    const actor = systemActor('demo:setup');

    const regions = await app
      .get(RegionsService)
      .importFile(DEFAULT_REGION_FILE, { actor, source: 'demo:setup' });
    ctx.out(`regions: ${regions.added} added, ${regions.updated} updated, ${regions.unchanged} unchanged`);
    const importer = app.get(PlanImportService);
    for (const file of fs
      .readdirSync(PLANS_DIR)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()) {
      const r = await importer.importFile(path.join(PLANS_DIR, file), { actor });
      ctx.out(
        `plan ${file}: ${r.plan}; items ${r.items.added} added, ${r.items.updated} updated, ${r.items.unchanged} unchanged`,
      );
    }

    const users = app.get(UsersService);
    const departments = app.get(DepartmentsService);
    const password = demoPassword();
    const existing = new Map((await users.list()).map((u) => [u.email, u]));
    for (const account of DEMO_ACCOUNTS) {
      const department = account.department
        ? await departments.findByName(account.department.region, account.department.name)
        : null;
      if (account.department && !department) {
        throw new Error(
          `demo department ${account.department.name} (${account.department.region}) is missing`,
        );
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
      const files = fs
        .readdirSync(dir)
        .map((name) => ({ name, data: fs.readFileSync(path.join(dir, name)) }));
      const result = await app
        .get(IndicatorImportService)
        .import(files, actor, { source: 'cli', enqueue: false });
      if (!result.ok) throw new Error(`demo statistics rejected: ${result.issueCount} problem(s)`);
      for (const i of result.imports) {
        const report = await app.get(RecomputeService).run(i.countyCode, i.schoolYear);
        ctx.out(
          `statistics ${i.countyCode}/${i.schoolYear}: evaluated; ${report.evidence.inserted} evidence records; ` +
            `ledger ${report.ledger?.opened ?? 0} entries opened`,
        );
      }
    }

    const url = runtime.env.PUBLIC_URL;
    ctx.out('');
    ctx.out(translate('zh-CN', msg('common.demo.ready', { url, docs: `${url}/api/docs` })));
    ctx.out(translate('zh-CN', msg('common.demo.password', { password })));
    for (const a of DEMO_ACCOUNTS) ctx.out(`  ${a.role.padEnd(10)} ${a.email.padEnd(32)} ${a.name}`);
    ctx.out(
      `sign in: curl -X POST ${url}/api/auth/login -H 'content-type: application/json' ` +
        `-d '{"email":"jyj@yinchuan.duban.local","password":"${password}"}'`,
    );
    ctx.out(
      `to see the large-class ledger close (销号): upload config/indicators/example-2024 at ${url}/import`,
    );
    ctx.out(`  or: npm run cli -- indicators:import config/indicators/example-2024 --now`);
    ctx.out('');
    return 0;
  },
};
