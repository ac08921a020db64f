/**
 * `indicators:import DIR|FILES... [--year YYYY] [--now] [--timeout SECONDS]`: statistics into the database
 * through the same IndicatorImportService as the API, then the recompute — run here with `--now`, otherwise
 * queued for the worker and waited for.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { CLI_LOCALE, type CliCommand, parseArgs } from '../cli/cli-command';
import { type Message, msg, translate } from '../common/i18n/catalog';
import { formatIssues } from './import/import-issues';
import { IndicatorImportService, type ImportFile } from './indicator-import.service';
import { IndicatorJobs } from './indicator-jobs.service';
import { RecomputeService, type RecomputeReport } from './recompute.service';

const EXIT_OK = 0;
const EXIT_INVALID = 1;
const EXIT_USAGE = 2;

/** Files of the arguments: a folder gives its files (not its subfolders), a file itself. */
async function collectFiles(args: readonly string[], notices: Message[]): Promise<ImportFile[] | string> {
  const files: ImportFile[] = [];
  for (const arg of args) {
    const full = path.resolve(arg);
    const info = await stat(full).catch(() => null);
    if (!info) return `${arg}: no such file or folder`;
    if (info.isDirectory()) {
      for (const entry of await readdir(full, { withFileTypes: true })) {
        if (entry.isFile())
          files.push({ name: entry.name, data: await readFile(path.join(full, entry.name)) });
        else notices.push(msg('statistics.notice.not_a_file', { name: path.join(arg, entry.name) }));
      }
    } else {
      files.push({ name: path.basename(full), data: await readFile(full) });
    }
  }
  return files;
}

const describeReport = (r: RecomputeReport): string =>
  `${r.countyCode}/${r.schoolYear}: evaluated (${r.certifiable ? '具备认定条件 certifiable' : '暂不具备认定条件 not certifiable'}), ` +
  `${r.evidence.inserted} evidence record(s) for ${r.evidence.items} item(s)` +
  (r.ledger
    ? `, ledgers +${r.ledger.opened} opened, ${r.ledger.closed} closed (销号), ${r.ledger.stillOpen} still open`
    : ', ledgers unchanged (not the latest school year)');

export const indicatorsImportCommand: CliCommand = {
  name: 'indicators:import',
  usage: 'indicators:import DIR|FILES... [--year YYYY] [--now] [--timeout SECONDS]',
  description: 'Import county statistics into the database (supersedes the previous version), then evaluate.',
  async run(args, ctx) {
    const { flags, positional } = parseArgs(args);
    const usage = (problem: string) => {
      ctx.err(`${problem}\nusage: npm run cli -- ${this.usage}`);
      return EXIT_USAGE;
    };
    const { year, now, timeout } = flags;
    if (positional.length === 0) return usage('give a folder or the files to import');
    if (year !== undefined && (typeof year !== 'string' || !/^\d{4}$/.test(year)))
      return usage('--year must be a 4-digit year');
    if (now !== undefined && now !== true) return usage('--now takes no value');
    if (timeout !== undefined && (typeof timeout !== 'string' || !(Number(timeout) > 0)))
      return usage('--timeout must be a positive number of seconds');

    const notices: Message[] = [];
    const files = await collectFiles(positional, notices);
    if (typeof files === 'string') return usage(files);

    const app = await ctx.app();
    const result = await app
      .get(IndicatorImportService)
      .import(
        files,
        { userId: null, label: 'cli' },
        { source: 'cli', enqueue: now !== true, ...(year === undefined ? {} : { year: Number(year) }) },
      );
    for (const notice of [...notices, ...result.notices])
      ctx.err(translate(CLI_LOCALE, msg('statistics.notice', { text: notice })));
    if (!result.ok) {
      ctx.err(translate(CLI_LOCALE, msg('indicators.import.problems', { count: result.issueCount })));
      for (const line of formatIssues(CLI_LOCALE, result)) ctx.err(`  ${line}`);
      return EXIT_INVALID;
    }
    for (const i of result.imports) {
      const counts = Object.entries(i.rowCounts)
        .map(([table, n]) => `${table} ${n}`)
        .join(', ');
      ctx.out(
        `${i.countyCode} ${i.countyName ?? ''} ${i.schoolYear}: version ${i.version}${i.supersededId ? ` (supersedes ${i.supersededId})` : ''} — ${counts}`,
      );
    }

    if (now === true) {
      const recompute = app.get(RecomputeService);
      for (const i of result.imports)
        ctx.out(describeReport(await recompute.run(i.countyCode, i.schoolYear)));
      return EXIT_OK;
    }
    if (result.queueError) {
      ctx.err(
        `the recompute could not be queued (${result.queueError}); run again with --now, or wait for the nightly run`,
      );
      return EXIT_OK;
    }
    const seconds = timeout === undefined ? 120 : Number(timeout);
    const waited = await app.get(IndicatorJobs).waitFor(result.queued, seconds * 1000);
    for (const f of waited.failed) ctx.err(`recompute ${f.id} failed: ${f.reason}`);
    if (waited.pending.length > 0) {
      ctx.err(
        `still queued after ${seconds} s: ${waited.pending.join(', ')} — is a worker running (DUBAN_ROLE=worker or all)? ` +
          'The import is stored; use --now to evaluate here.',
      );
    } else if (waited.failed.length === 0) {
      ctx.out(`evaluated: ${result.queued.join(', ')}`);
    }
    return waited.failed.length > 0 ? EXIT_INVALID : EXIT_OK;
  },
};
