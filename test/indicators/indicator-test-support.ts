import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import type { CliContext } from '../../src/cli/cli-command';
import { projectPath } from '../../src/config/paths';
import type { ImportFile } from '../../src/indicators/indicator-import.service';
import { QueueName, recomputeJobId } from '../../src/queue/queues';
import type { TestApp } from '../support/test-app';

export const EXAMPLE_DIR = projectPath('config', 'indicators', 'example');
export const EXAMPLE_2024_DIR = projectPath('config', 'indicators', 'example-2024');
export const COUNTY = '640181';

export function folderFiles(dir: string): ImportFile[] {
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, data: readFileSync(path.join(dir, name)) }));
}

/** A multipart/form-data body as a browser sends it (raw UTF-8 file names). */
export function multipart(
  files: readonly ImportFile[],
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----duban${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export const indicatorsQueue = (t: TestApp): Queue => t.app.get<Queue>(getQueueToken(QueueName.Indicators));

export function sql<T = Record<string, unknown>>(
  t: TestApp,
  query: string,
  params: unknown[] = [],
): Promise<T[]> {
  return t.app.get(DataSource).query(query, params);
}

/**
 * Waits until the county-year's recompute has run for its current import: the job is gone (completed jobs
 * are removed) and the evaluation of the current import is stored. Fails fast when the job failed.
 */
export async function recomputed(
  t: TestApp,
  countyCode: string,
  schoolYear: number,
  timeoutMs = 15_000,
): Promise<void> {
  const queue = indicatorsQueue(t);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const job = await queue.getJob(recomputeJobId(countyCode, schoolYear));
    if (job && (await job.isFailed())) throw new Error(`recompute ${job.id} failed: ${job.failedReason}`);
    if (!job) {
      const [row] = await sql<{ n: number }>(
        t,
        `SELECT count(*)::int AS n FROM evaluations e JOIN statistics_imports i ON i.id = e.import_id
          WHERE i.county_code = $1 AND i.school_year = $2 AND i.status = 'current'`,
        [countyCode, schoolYear],
      );
      if (row.n > 0) return;
    }
    if (performance.now() > deadline)
      throw new Error(`recompute of ${countyCode}/${schoolYear} not done after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A CLI context that captures output and hands out the test app. */
export function cliContext(t: TestApp | null): CliContext & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    runtime: () => Promise.reject(new Error('no runtime in this test')),
    app: () => (t ? Promise.resolve(t.app) : Promise.reject(new Error('no app in this test'))),
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
  };
}

/** Opens XLSX bytes (exceljs types its input as an ArrayBuffer-like `Buffer` of its own). */
export async function openWorkbook(data: Buffer): Promise<Workbook> {
  const wb = new Workbook();
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  await wb.xlsx.load(copy.buffer);
  return wb;
}
