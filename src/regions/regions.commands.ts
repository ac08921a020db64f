import { resolve } from 'node:path';
import { type CliCommand, parseArgs } from '../cli/cli-command';
import { DataSource } from 'typeorm';
import { systemActor } from '../audit/audit.service';
import { DEFAULT_REGION_FILE, RegionsService } from './regions.service';

export const regionsImportCommand: CliCommand = {
  name: 'regions:import',
  usage: 'regions:import [FILE]',
  description:
    'Import divisions from a YAML region file (default config/regions/regions.yaml) or a CSV table; idempotent.',
  async run(args, ctx) {
    const { positional } = parseArgs(args);
    const file = positional[0] ? resolve(positional[0]) : DEFAULT_REGION_FILE;
    const app = await ctx.app();
    const regions = app.get(RegionsService);
    // One transaction: a file that fails half-way stores nothing.
    const report = await app
      .get(DataSource)
      .transaction((manager) =>
        regions.importFile(
          file,
          { actor: systemActor('regions:import'), source: `regions:import ${file}` },
          manager,
        ),
      );
    ctx.out(`${file}: ${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged`);
    return 0;
  },
};
