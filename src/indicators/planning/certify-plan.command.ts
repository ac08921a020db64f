/**
 * `certify:plan`: the cheapest additions per school for a county to pass resource allocation (达标测算), from a
 * statistics folder, without a database. `--json` prints the contract of src/indicators/README.md.
 */
import { translate } from '../../common/i18n/catalog';
import * as path from 'node:path';
import { type CliCommand, parseArgs } from '../../cli/cli-command';
import { loadPlanFile, PlanFileError, type PlanFile } from '../../plans/plan-file.schema';
import { evaluateCounty } from '../engine/evaluate-county';
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
  type AdditionKind,
  type CostTable,
} from './cost-table';
import { DEFAULT_COST_TABLE_PATH, loadCostTable } from './cost-table.loader';
import { certificationMilestone } from './milestone';
import { phasePlan, type PhasedPlan } from './phasing';
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
    for (const reason of plan.reasons) lines.push(`  ${translate('zh-CN', reason)}`);
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

/** The phasing the JSON carries: the milestone used, the cap, and phasePlan's years. */
export interface PhasingResult extends PhasedPlan {
  milestone: { ref: string | null; title: string | null; due: string; year: number };
  yearly_budget_yuan: number | null;
}

interface PhasingFlags {
  milestoneYear: number | null;
  planFile: string | null;
  fromYear: number | null;
  budget: number | null;
}

/** null without --phase; a usage problem as a string. */
function phasingFlags(flags: Record<string, string | true>): PhasingFlags | null | string {
  const { phase, milestone, plan, from, budget } = flags;
  if (phase === undefined) {
    if ([milestone, plan, from, budget].some((f) => f !== undefined))
      return '--milestone, --plan, --from and --budget go with --phase';
    return null;
  }
  if (phase !== true) return '--phase takes no value';
  const year = (flag: string | true | undefined, name: string): number | null | string => {
    if (flag === undefined) return null;
    return typeof flag === 'string' && /^\d{4}$/.test(flag)
      ? Number(flag)
      : `--${name} must be a 4-digit year`;
  };
  const milestoneYear = year(milestone, 'milestone');
  const fromYear = year(from, 'from');
  if (typeof milestoneYear === 'string') return milestoneYear;
  if (typeof fromYear === 'string') return fromYear;
  if (plan !== undefined && typeof plan !== 'string') return '--plan needs a plan file';
  if ((milestoneYear === null) === (plan === undefined))
    return '--phase needs the certification year: --milestone YYYY or --plan PLAN.yaml (not both)';
  let cap: number | null = null;
  if (budget !== undefined) {
    cap = typeof budget === 'string' ? Number(budget) : NaN;
    if (!Number.isFinite(cap) || cap <= 0) return '--budget must be a positive number of yuan per year';
  }
  return { milestoneYear, planFile: plan ?? null, fromYear, budget: cap };
}

const KIND_ZH = (kind: string): string => {
  if (kind === 'large_class_teachers') return '新增班级配备教师';
  if (kind.startsWith('transfer_in:'))
    return `调入${ADDITION_LABELS_ZH[kind.slice(12) as AdditionKind].name}`;
  return ADDITION_LABELS_ZH[kind as AdditionKind].name;
};
const unitZh = (kind: string): string =>
  kind === 'large_class_teachers' || kind.startsWith('transfer_in:')
    ? '人'
    : ADDITION_LABELS_ZH[kind as AdditionKind].unit;

/** 分年度实施 lines under the summary. */
export function phasingSummaryZh(plan: CertificationPlan, phasing: PhasingResult): string {
  const names = new Map(plan.schools.map((s) => [`${s.school_code}|${s.level}`, s.school_name]));
  const cap =
    phasing.yearly_budget_yuan === null ? '不设年度上限' : `每年不超过 ${yuan(phasing.yearly_budget_yuan)}`;
  const lines = [`分年度实施（创建年份 ${phasing.milestone.year} 年，${cap}）：`];
  for (const year of phasing.years) {
    lines.push(
      `  ${year.year} 年（${year.due} 前完成）：${year.items.length === 0 ? '无' : yuan(year.cost_yuan)}`,
    );
    for (const item of year.items)
      lines.push(
        `    ${names.get(`${item.school_code}|${item.level}`) ?? item.school_code}：${KIND_ZH(item.kind)} ${item.amount.toLocaleString('en-US')} ${unitZh(item.kind)} — ${yuan(item.cost_yuan)}`,
      );
  }
  if (!phasing.fits)
    lines.push(
      `  到创建年份仍缺资金：${yuan(phasing.unfunded.reduce((sum, i) => sum + i.cost_yuan, 0))}（${phasing.unfunded.length} 项），需提高年度预算或调整创建年份`,
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
    'certify:plan --data DIR [--county CODE] [--year YYYY] [--rules FILE] [--costs FILE] [--transfers none|allowed] ' +
    '[--phase (--milestone YYYY | --plan PLAN.yaml) [--from YYYY] [--budget YUAN]] [--json]',
  description: 'Cheapest additions per school for resource allocation to pass (达标测算; no database).',
  async run(args, ctx) {
    const { flags } = parseArgs(args);
    const usage = (problem: string) => {
      ctx.err(`${problem}\nusage: ${this.usage}`);
      return EXIT_USAGE;
    };
    const { json, transfers } = flags;
    const costsFlag = flags.costs;
    const phasing = phasingFlags(flags);
    if (typeof phasing === 'string') return usage(phasing);
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

    let planFile: PlanFile | null = null;
    if (phasing?.planFile) {
      try {
        planFile = await loadPlanFile(path.resolve(phasing.planFile));
      } catch (error) {
        ctx.err(
          `cannot read plan file ${phasing.planFile}: ${error instanceof Error ? error.message : String(error)}`,
        );
        return error instanceof PlanFileError ? EXIT_INVALID : EXIT_USAGE;
      }
    }

    const highs = await loadSolver();
    const results: (CertificationPlan & { phasing?: PhasingResult })[] = [];
    for (const data of loaded.counties) {
      const plan = planCertification(data, loaded.ruleSet, costs, highs, {
        transfers: transfers === 'allowed',
      });
      if (phasing === null || !plan.feasible) {
        results.push(plan);
        continue;
      }
      const milestone: PhasingResult['milestone'] | null =
        planFile === null
          ? { ref: null, title: null, due: `${phasing.milestoneYear}-12-31`, year: phasing.milestoneYear! }
          : certificationMilestone(planFile, data.county_code);
      if (milestone === null) {
        ctx.err(
          `${planFile!.key} has no certification milestone (CERT) led by county ${data.county_code}; give --milestone YYYY`,
        );
        return EXIT_INVALID;
      }
      const fromYear = phasing.fromYear ?? data.school_year + 1;
      if (milestone.year < fromYear) {
        ctx.err(
          `county ${data.county_code}'s milestone year ${milestone.year} is before the first year to spend in (${fromYear}); give --from YYYY or a later --milestone`,
        );
        return EXIT_INVALID;
      }
      const phased = phasePlan(plan, evaluateCounty(data, loaded.ruleSet), costs, {
        fromYear,
        milestoneYear: milestone.year,
        milestoneDue: milestone.due,
        yearlyBudgetYuan: phasing.budget,
      });
      results.push({
        ...plan,
        phasing: { milestone, yearly_budget_yuan: phasing.budget, ...phased },
      });
    }
    if (json === true) {
      ctx.out(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    } else {
      ctx.out(
        results
          .map((plan, i) => {
            const text = planSummaryZh(plan, loaded.counties[i].county_name);
            return plan.phasing ? `${text}\n${phasingSummaryZh(plan, plan.phasing)}` : text;
          })
          .join('\n\n'),
      );
    }
    return EXIT_OK;
  },
};
