/**
 * `certify:plan`: the cheapest additions per school for a county to pass resource allocation (达标测算), from a
 * statistics folder, without a database. `--json` prints the contract of src/indicators/README.md.
 */
import * as path from 'node:path';
import { type CliCommand, parseArgs } from '../../cli/cli-command';
import { formatNumber } from '../engine/verdict';
import {
  EXIT_INVALID,
  EXIT_OK,
  EXIT_USAGE,
  folderFlags,
  LEVEL_ZH,
  loadCountyFolder,
} from '../indicators.commands';
import { planCertification, type CertificationPlan, type SchoolPlan } from './certification-planner';
import {
  ADDITION_KINDS,
  ADDITION_LABELS_ZH,
  CostTableError,
  TEACHER_KINDS,
  type CostTable,
} from './cost-table';
import { DEFAULT_COST_TABLE_PATH, loadCostTable } from './cost-table.loader';
import { loadSolver } from './solver';

const yuan = (n: number): string => `${Math.round(n).toLocaleString('en-US')} 元`;
const ROW_LEVEL_ZH = { ...LEVEL_ZH, combined: '一贯制' } as const;

function schoolLineZh(s: SchoolPlan): string | null {
  const parts: string[] = [];
  for (const kind of ADDITION_KINDS) {
    const n = s.additions[kind];
    if (n > 0)
      parts.push(
        `${ADDITION_LABELS_ZH[kind].name} ${n.toLocaleString('en-US')} ${ADDITION_LABELS_ZH[kind].unit}`,
      );
  }
  for (const kind of TEACHER_KINDS) {
    if (s.transfers_in[kind] > 0)
      parts.push(`调入${ADDITION_LABELS_ZH[kind].name} ${s.transfers_in[kind]} 人`);
    if (s.transfers_out[kind] > 0)
      parts.push(`调出${ADDITION_LABELS_ZH[kind].name} ${s.transfers_out[kind]} 人`);
  }
  const large = s.large_classes;
  if (large !== null) {
    parts.push(
      large.extra_classes > 0
        ? `消除超标准班额：增设班级 ${large.extra_classes} 个（教室 ${large.teaching_area_m2} 平方米已计入教学及辅助用房）、配备教师 ${large.teachers} 人`
        : `消除超标准班额：调整分班（${large.grades.length} 个年级，不增设班级）`,
    );
  }
  if (parts.length === 0) return null;
  return `  ${s.school_name}（${ROW_LEVEL_ZH[s.level]}）：${parts.join('，')} — ${yuan(s.cost_yuan)}`;
}

/** A short Chinese summary of a plan, for a person at a terminal. */
export function planSummaryZh(plan: CertificationPlan, countyName: string | null): string {
  const lines = [
    `${countyName ?? ''}（${plan.county_code}）${plan.school_year} 学年 · 达标测算（成本表 ${plan.cost_table}）`,
  ];
  if (!plan.feasible) {
    lines.push('结论：未能给出达标方案');
    for (const reason of plan.reasons) lines.push(`  ${reason}`);
    return lines.join('\n');
  }
  const gap =
    plan.optimality_gap === null ? '' : `，与最优解相差不超过 ${formatNumber(plan.optimality_gap * 100, 2)}%`;
  lines.push(`结论：资源配置可达标，最低总成本 ${yuan(plan.total_cost_yuan)}${gap}`);
  const shown = plan.schools.map(schoolLineZh).filter((l): l is string => l !== null);
  lines.push(...(shown.length ? shown : ['  无需增加任何资源']));
  const ra = plan.after.resource_allocation;
  lines.push(
    `实施后：学校（学段）${ra.schools.filter((s) => s.passed === true).length}/${ra.schools.length} 达标，差异系数全部在限值以内`,
  );
  return lines.join('\n');
}

async function loadCosts(file: string, ctx: Parameters<CliCommand['run']>[1]): Promise<CostTable | number> {
  try {
    return await loadCostTable(file);
  } catch (error) {
    if (error instanceof CostTableError) {
      ctx.err(error.message);
      return EXIT_INVALID;
    }
    ctx.err(`cannot read cost table ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_USAGE;
  }
}

export const certifyPlanCommand: CliCommand = {
  name: 'certify:plan',
  usage:
    'certify:plan --data DIR [--county CODE] [--year YYYY] [--rules FILE] [--costs FILE] [--transfers none|allowed] [--json]',
  description: 'Cheapest additions per school for resource allocation to pass (达标测算; no database).',
  async run(args, ctx) {
    const { flags } = parseArgs(args);
    const usage = (problem: string) => {
      ctx.err(`${problem}\nusage: ${this.usage}`);
      return EXIT_USAGE;
    };
    const { json, transfers } = flags;
    const costsFlag = flags.costs;
    if (json !== undefined && json !== true) return usage('--json takes no value');
    if (transfers !== undefined && transfers !== 'none' && transfers !== 'allowed')
      return usage('--transfers must be none or allowed');
    if (costsFlag !== undefined && typeof costsFlag !== 'string') return usage('--costs needs a file');
    const costs = await loadCosts(
      costsFlag === undefined ? DEFAULT_COST_TABLE_PATH : path.resolve(costsFlag),
      ctx,
    );
    if (typeof costs === 'number') return costs;
    const loaded = await loadCountyFolder(folderFlags(flags), usage, ctx);
    if (typeof loaded === 'number') return loaded;

    const highs = await loadSolver();
    const plans = loaded.counties.map((data) => ({
      data,
      plan: planCertification(data, loaded.ruleSet, costs, highs, { transfers: transfers === 'allowed' }),
    }));
    if (json === true) {
      const out = plans.map((p) => p.plan);
      ctx.out(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
    } else {
      ctx.out(plans.map((p) => planSummaryZh(p.plan, p.data.county_name)).join('\n\n'));
    }
    return EXIT_OK;
  },
};
