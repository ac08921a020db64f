import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { systemActor } from '../audit/audit.service';
import { type CliCommand, parseArgs } from '../cli/cli-command';
import { type PlanImportReport, PlanImportService, PLANS_DIR } from './plan-import.service';

/** The report as people read it: counts, then what is behind them. */
export function formatImportReport(file: string, r: PlanImportReport): string {
  const lines = [
    `${file}: plan ${r.key} ${r.plan}${r.planFields.length ? ` (${r.planFields.join(', ')})` : ''}`,
    `  items: ${r.items.added} added, ${r.items.updated} updated, ${r.items.cancelled} cancelled, ${r.items.unchanged} unchanged`,
    `  assignments: ${r.assignments.added} added, ${r.assignments.removed} removed, ${r.assignments.changed} role changed`,
    `  departments: ${r.departments.created} created`,
    `  leadership group: ${r.leadershipGroup}`,
  ];
  const list = (label: string, values: string[]) =>
    values.length && lines.push(`  ${label}: ${values.join('、')}`);
  list('added', r.details.itemsAdded);
  list('updated', r.details.itemsUpdated);
  list('cancelled', r.details.itemsCancelled);
  list('new departments', r.details.departmentsCreated);
  return lines.join('\n');
}

export const plansImportCommand: CliCommand = {
  name: 'plans:import',
  usage: 'plans:import FILE... | --all [--dir DIR]',
  description:
    'Import plan files (idempotent, one transaction per file); --all imports every file in config/plans.',
  async run(args, ctx) {
    const { flags, positional } = parseArgs(args);
    const dir = typeof flags.dir === 'string' ? resolve(flags.dir) : PLANS_DIR;
    const files =
      flags.all === true
        ? readdirSync(dir)
            .filter((f) => /\.ya?ml$/.test(f))
            .sort()
            .map((f) => join(dir, f))
        : positional.map((f) => resolve(f));
    if (files.length === 0) {
      ctx.err(`usage: ${this.usage}`);
      return 2;
    }
    const app = await ctx.app();
    const importer = app.get(PlanImportService);
    for (const file of files) {
      const report = await importer.importFile(file, { actor: systemActor('plans:import') });
      ctx.out(formatImportReport(file, report));
    }
    return 0;
  },
};
