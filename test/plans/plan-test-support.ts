import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { systemActor } from '../../src/audit/audit.service';
import { parsePlanFile, type PlanFile } from '../../src/plans/plan-file.schema';
import { type PlanImportReport, PlanImportService, PLANS_DIR } from '../../src/plans/plan-import.service';
import type { TestApp } from '../support/test-app';

export const SEED_FILES = {
  jinzhong: 'jinzhong-2017.yaml',
  kizilsu: 'kizilsu-2018.yaml',
  yinchuan: 'yinchuan-2021.yaml',
  jizhou: 'jizhou-2018.yaml',
  anxi: 'anxi-2019.yaml',
} as const;
export type Seed = keyof typeof SEED_FILES;

export const seedPath = (seed: Seed) => join(PLANS_DIR, SEED_FILES[seed]);
export const seedText = (seed: Seed) => readFileSync(seedPath(seed), 'utf8');
export const seedPlan = (seed: Seed): PlanFile => parsePlanFile(seedText(seed), SEED_FILES[seed]);

export function importSeed(t: TestApp, seed: Seed): Promise<PlanImportReport> {
  return t.app.get(PlanImportService).importFile(seedPath(seed), { actor: systemActor('plans:import') });
}

export function sql<T = Record<string, unknown>>(
  t: TestApp,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  return t.app.get(DataSource).query(query, params);
}

export const TABLES = [
  'regions',
  'departments',
  'plans',
  'plan_items',
  'assignments',
  'leadership_groups',
  'leadership_group_members',
  'audit_entries',
] as const;

/** Row count of every table the importer writes, to prove a failed import stored nothing. */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    counts[table] = (await sql<{ n: number }>(t, `SELECT count(*)::int AS n FROM ${table}`))[0].n;
  }
  return counts;
}

export async function itemIdByRef(t: TestApp, planKey: string, ref: string): Promise<string> {
  const rows = await sql<{ id: string }>(
    t,
    'SELECT i.id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE p.key = $1 AND i.ref = $2',
    [planKey, ref],
  );
  if (!rows[0]) throw new Error(`no item ${ref} in ${planKey}`);
  return rows[0].id;
}

export async function departmentId(t: TestApp, regionCode: string, name: string): Promise<string> {
  const rows = await sql<{ id: string }>(
    t,
    'SELECT id FROM departments WHERE region_code = $1 AND name = $2',
    [regionCode, name],
  );
  if (!rows[0]) throw new Error(`no department ${name} in ${regionCode}`);
  return rows[0].id;
}
