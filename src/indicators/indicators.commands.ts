/**
 * CLI commands of the indicator engine. Both run without a database:
 * `evaluate` imports a folder of statistics and prints the evaluation; `template` writes the blank XLSX.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { CLI_LOCALE, type CliCommand, type CliContext, parseArgs } from '../cli/cli-command';
import { msg, translate } from '../common/i18n/catalog';
import { projectPath } from '../config/paths';
import {
  evaluateCounty,
  INDICATOR_LABELS,
  LEVELS,
  RESOURCE_INDICATORS,
  RuleSetError,
  type CountyData,
  type CountyEvaluation,
  type Offender,
  type RuleSet,
  type Verdict,
} from './engine';
import { importFolder, toCountyData, type ImportedCounty } from './import/dataset-importer';
import { formatIssues } from './import/import-issues';
import { writeTemplate } from './import/template-writer';
import { formatNumber } from './engine/verdict';
import { DEFAULT_RULE_SET_PATH, loadRuleSet } from './rule-set.loader';

export const DEFAULT_TEMPLATE_PATH = projectPath('config', 'indicators', 'template.xlsx');

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

const VERDICT_ZH = (v: Verdict): string =>
  v === true ? '通过' : v === false ? '未通过' : '待定（数据不足）';
export const LEVEL_ZH = { primary: '小学', junior: '初中' } as const;

/** "灵武市第一小学 5年级7班（67/45）等 89 处": the first offenders, by name. */
function offendersZh(offenders: readonly Offender[] | undefined): string | null {
  if (!offenders || offenders.length === 0) return null;
  const shown = offenders.slice(0, 3).map((o) => {
    const where = `${o.school_name ?? o.school_code}${o.class_name ? ` ${o.class_name}` : ''}`;
    const value = o.value === null ? '' : `（${formatNumber(o.value)}/${formatNumber(o.limit)}）`;
    return `${where}${value}`;
  });
  return `${shown.join('、')}${offenders.length > 3 ? ` 等 ${offenders.length} 处` : ''}`;
}

/** A short Chinese summary of one evaluation, for a person at a terminal. */
export function summarizeZh(e: CountyEvaluation): string {
  const lines: string[] = [];
  lines.push(`${e.county_name ?? ''}（${e.county_code}）${e.school_year} 学年 · 规则 ${e.rule_set}`);

  const ra = e.resource_allocation;
  const passing = ra.schools.filter((s) => s.passed === true).length;
  const failing = ra.schools.filter((s) => s.passed === false);
  lines.push(
    `资源配置：${VERDICT_ZH(ra.passed)} — 学校（学段）${passing}/${ra.schools.length} 达标` +
      (failing.length
        ? `；未达标：${failing.map((s) => `${s.school_name}（${LEVEL_ZH[s.level]}）`).join('、')}`
        : ''),
  );
  for (const s of failing) for (const g of s.gaps) lines.push(`    ${s.school_name}：${g.message_zh}`);
  for (const level of LEVELS) {
    const entries = RESOURCE_INDICATORS.map((id) => {
      const b = ra.balance[level][id];
      return `${id} ${b.cv_display}${b.passed === false ? '✗' : ''}`;
    });
    lines.push(`  差异系数（${LEVEL_ZH[level]} ≤ ${ra.balance[level].R1.limit}）：${entries.join('  ')}`);
  }

  for (const [title, section] of [
    ['政府保障程度', e.government_guarantee],
    ['教育质量', e.education_quality],
  ] as const) {
    const failed = Object.entries(section.indicators).filter(([, r]) => r.passed === false);
    lines.push(`${title}：${VERDICT_ZH(section.passed)}`);
    for (const [id, r] of failed) {
      lines.push(
        `    ${id} ${INDICATOR_LABELS[id as keyof typeof INDICATOR_LABELS].zh}：${offendersZh(r.offenders) ?? r.detail}`,
      );
    }
  }
  const sr = e.social_recognition;
  lines.push(
    `社会认可度：${sr.rate === null ? '无调查数据' : `${(sr.rate * 100).toFixed(1)}%`}，${VERDICT_ZH(sr.passed)}`,
  );
  lines.push(
    `一票否决：${e.veto.triggered.length ? e.veto.triggered.map((id) => `${id} ${INDICATOR_LABELS[id].zh}`).join('；') : e.veto.passed === null ? '未全部声明' : '无'}`,
  );
  lines.push(`缺少数据：${e.missing.length ? e.missing.join('、') : '无'}`);
  for (const w of e.warnings) lines.push(`  注意：${w.message}`);
  lines.push(`结论：${e.certifiable ? '具备认定条件' : '暂不具备认定条件'}`);
  return lines.join('\n');
}

function yearOf(county: ImportedCounty, flag: number | undefined, ctx: CliContext): number | null {
  if (flag !== undefined && county.school_year !== null && county.school_year !== flag) {
    ctx.err(`county ${county.county_code}: the data is for school year ${county.school_year}, not ${flag}`);
    return null;
  }
  const year = flag ?? county.school_year;
  if (year === null)
    ctx.err(
      `county ${county.county_code}: school year unknown — fill 学年/school_year in the county table or pass --year`,
    );
  return year;
}

async function loadRules(file: string, ctx: CliContext): Promise<RuleSet | number> {
  try {
    return await loadRuleSet(file);
  } catch (error) {
    if (error instanceof RuleSetError) {
      ctx.err(error.message);
      return EXIT_INVALID;
    }
    ctx.err(`cannot read rule set ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_USAGE;
  }
}

/** The flags shared by commands that read a statistics folder: `--data DIR [--county CODE] [--year YYYY] [--rules FILE] [--max-mb N]`. */
export interface CountyFolderFlags {
  data: string | true | undefined;
  county: string | true | undefined;
  year: string | true | undefined;
  rules: string | true | undefined;
  maxMb: string | true | undefined;
}

export const folderFlags = (flags: Record<string, string | true | undefined>): CountyFolderFlags => ({
  data: flags.data,
  county: flags.county,
  year: flags.year,
  rules: flags.rules,
  maxMb: flags['max-mb'],
});

/**
 * Validates the folder flags, loads the rule set, imports the folder and selects the counties: what `evaluate`
 * and `certify:plan` share. Returns the exit code when something is wrong (every problem already printed).
 */
export async function loadCountyFolder(
  flags: CountyFolderFlags,
  usage: (problem: string) => number,
  ctx: CliContext,
): Promise<{ ruleSet: RuleSet; checksum: string; counties: CountyData[] } | number> {
  const { data, county, year, rules, maxMb } = flags;
  if (typeof data !== 'string') return usage('--data DIR is required');
  if (county !== undefined && (typeof county !== 'string' || !/^\d{6}$/.test(county)))
    return usage('--county must be a 6-digit code');
  if (year !== undefined && (typeof year !== 'string' || !/^\d{4}$/.test(year)))
    return usage('--year must be a 4-digit year');
  if (rules !== undefined && typeof rules !== 'string') return usage('--rules needs a file');
  if (maxMb !== undefined && (typeof maxMb !== 'string' || !(Number(maxMb) > 0)))
    return usage('--max-mb must be a positive number');
  const dir = path.resolve(data);
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) return usage(`--data ${data} is not a folder`);

  const ruleSet = await loadRules(rules === undefined ? DEFAULT_RULE_SET_PATH : path.resolve(rules), ctx);
  if (typeof ruleSet === 'number') return ruleSet;

  const result = await importFolder(
    dir,
    maxMb === undefined ? {} : { maxFileBytes: Number(maxMb) * 1024 * 1024 },
  );
  const notices = result.ok ? result.dataset.notices : result.notices;
  for (const notice of notices) ctx.err(translate(CLI_LOCALE, msg('statistics.notice', { text: notice })));
  if (!result.ok) {
    ctx.err(translate(CLI_LOCALE, msg('statistics.not_evaluated', { data, count: result.issueCount })));
    for (const line of formatIssues(CLI_LOCALE, result)) ctx.err(`  ${line}`);
    return EXIT_INVALID;
  }
  const { dataset } = result;
  const selected =
    county === undefined ? dataset.counties : dataset.counties.filter((c) => c.county_code === county);
  if (selected.length === 0) {
    return usage(
      `county ${county} is not in ${data} (it has ${dataset.counties.map((c) => c.county_code).join(', ')})`,
    );
  }
  const counties: CountyData[] = [];
  for (const c of selected) {
    const schoolYear = yearOf(c, year === undefined ? undefined : Number(year), ctx);
    if (schoolYear === null) return EXIT_USAGE;
    counties.push(toCountyData(c, schoolYear));
  }
  return { ruleSet, checksum: dataset.checksum, counties };
}

export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  usage: 'evaluate --data DIR [--county CODE] [--year YYYY] [--rules FILE] [--json] [--max-mb N]',
  description: 'Import a folder of county statistics and evaluate it (no database). Exit 1 on invalid data.',
  async run(args, ctx) {
    const { flags } = parseArgs(args);
    const usage = (problem: string) => {
      ctx.err(`${problem}\nusage: ${this.usage}`);
      return EXIT_USAGE;
    };
    const { json } = flags;
    if (json !== undefined && json !== true) return usage('--json takes no value');
    const loaded = await loadCountyFolder(folderFlags(flags), usage, ctx);
    if (typeof loaded === 'number') return loaded;

    const evaluations = loaded.counties.map((data) => ({
      ...evaluateCounty(data, loaded.ruleSet),
      dataset_checksum: loaded.checksum,
    }));
    if (json === true) {
      ctx.out(JSON.stringify(evaluations.length === 1 ? evaluations[0] : evaluations, null, 2));
    } else {
      ctx.out(evaluations.map(summarizeZh).join('\n\n'));
    }
    return EXIT_OK;
  },
};

export const templateCommand: CliCommand = {
  name: 'template',
  usage: 'template [--out FILE]',
  description: `Write the blank statistics template (XLSX; default ${path.relative(projectPath(), DEFAULT_TEMPLATE_PATH)}).`,
  async run(args, ctx) {
    const { flags } = parseArgs(args);
    const out = flags.out;
    if (out !== undefined && typeof out !== 'string') {
      ctx.err(`--out needs a file name\nusage: ${this.usage}`);
      return EXIT_USAGE;
    }
    const file = out === undefined ? DEFAULT_TEMPLATE_PATH : path.resolve(out);
    await writeTemplate(file);
    ctx.out(`wrote ${file}`);
    return EXIT_OK;
  },
};

export const indicatorCommands: CliCommand[] = [evaluateCommand, templateCommand];
