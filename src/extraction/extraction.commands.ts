/**
 * `plans:extract FILE [--out FILE.yaml] [--region CODE|NAME] [--known PLAN.yaml]`: reads a plan document
 * (.txt, .docx, .html) and writes a draft plan file for a person to check. Needs no database.
 */
import { msg, translate } from '../common/i18n/catalog';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type CliCommand, parseArgs } from '../cli/cli-command';
import { loadPlanFile } from '../plans/plan-file.schema';
import { parseRegionCsv, parseRegionFile, type RegionEntry } from '../regions/region-file.schema';
import { renderDraftYaml } from './draft-yaml';
import { ExtractionError } from './extraction.error';
import { extractPlan, type KnownDepartment } from './plan-extractor';

const REGIONS_DIR = resolve(__dirname, '../../config/regions');

/** The divisions in config/regions (YAML first, then the CSV tables), or none when they cannot be read. */
export function loadRegions(dir = REGIONS_DIR): RegionEntry[] {
  if (!existsSync(dir)) return [];
  const regions: RegionEntry[] = [];
  const files = readdirSync(dir).sort();
  for (const file of files.filter((f) => /\.ya?ml$/.test(f))) {
    regions.push(
      ...parseRegionFile(readFileSync(join(dir, file), 'utf8'), { existing: regions.map((r) => r.code) }),
    );
  }
  for (const file of files.filter((f) => /\.csv$/.test(f))) {
    const known = new Set(regions.map((r) => r.code));
    const rows = parseRegionCsv(readFileSync(join(dir, file), 'utf8'), { existing: [...known] });
    regions.push(...rows.filter((r) => !known.has(r.code)));
  }
  return regions;
}

export const plansExtractCommand: CliCommand = {
  name: 'plans:extract',
  usage: 'plans:extract FILE [--out FILE.yaml] [--region CODE] [--known PLAN.yaml]',
  description:
    'Read a plan (.txt/.docx/.html, Simplified or Traditional) and write a draft plan file to check.',
  async run(args, ctx) {
    const { flags, positional } = parseArgs(args);
    if (positional.length !== 1) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    const file = resolve(positional[0]);
    if (!existsSync(file)) {
      ctx.err(translate('zh-CN', msg('extraction.cli.file_not_found', { file })));
      return 2;
    }
    let regions: RegionEntry[] = [];
    try {
      regions = loadRegions();
    } catch (error) {
      ctx.err(
        `warning: config/regions could not be read, regions are left unresolved (${(error as Error).message})`,
      );
    }
    let knownDepartments: KnownDepartment[] | undefined;
    if (typeof flags.known === 'string') {
      const plan = await loadPlanFile(resolve(flags.known));
      knownDepartments = plan.departments
        .filter((d) => d.name)
        .map((d) => ({ name: d.name as string, aliases: [d.ref, ...d.aliases] }));
    }
    try {
      const result = await extractPlan({
        buffer: readFileSync(file),
        fileName: basename(file),
        regions,
        knownDepartments,
        regionHint: typeof flags.region === 'string' ? flags.region : undefined,
      });
      const yaml = renderDraftYaml(result);
      const summary = `${basename(file)}: ${result.draft.title} — ${result.provenance.items.length} items, ${result.draft.departments.length} departments, ${result.provenance.lowConfidence.length} low-confidence fields, ${result.warnings.length} warnings`;
      if (typeof flags.out === 'string') {
        writeFileSync(resolve(flags.out), yaml);
        ctx.out(`${summary}\nwritten to ${resolve(flags.out)}`);
      } else {
        ctx.out(yaml);
        ctx.err(summary);
      }
      return 0;
    } catch (error) {
      if (error instanceof ExtractionError) {
        ctx.err(`${translate('zh-CN', error.text)}\n${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};

export const extractionCommands: CliCommand[] = [plansExtractCommand];
