import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliContext } from '../cli/cli-command';
import { parsePlanFile } from '../plans/plan-file.schema';
import { extractionCommands, loadRegions, plansExtractCommand } from './extraction.commands';

function context() {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    runtime: () => Promise.reject(new Error('plans:extract needs no runtime')),
    app: () => Promise.reject(new Error('plans:extract needs no application')),
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  };
  return { ctx, out, err };
}

const dir = mkdtempSync(path.join(tmpdir(), 'duban-extract-'));
const fixture = path.resolve(__dirname, '../../test/extraction/fixtures/county-plan.txt');

describe('plans:extract', () => {
  it('is exported for the CLI', () => {
    expect(extractionCommands.map((c) => c.name)).toEqual(['plans:extract']);
  });

  it('writes a draft plan file with a header listing the low-confidence fields', async () => {
    const out = path.join(dir, 'draft.yaml');
    const { ctx, out: printed } = context();
    expect(await plansExtractCommand.run([fixture, '--out', out, '--region', '350626'], ctx)).toBe(0);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toMatch(/^# DRAFT proposed by `plans:extract` from county-plan\.txt/);
    expect(yaml).toMatch(/# Low-confidence fields \(confidence < 0\.6\)/);
    const plan = parsePlanFile(yaml, 'draft.yaml');
    expect(plan).toMatchObject({ region: '350626', title: '东山县推进义务教育优质均衡发展实施方案' });
    expect(printed.join('\n')).toContain('written to');
  });

  it('prints the YAML when no --out is given', async () => {
    const { ctx, out, err } = context();
    expect(await plansExtractCommand.run([fixture], ctx)).toBe(0);
    expect(out.join('\n')).toContain('schema: duban.plan/v1');
    expect(err.join('\n')).toMatch(/items, \d+ departments/);
  });

  it('answers garbage with exit code 1 and a Chinese and English message', async () => {
    const image = path.join(dir, 'scan.png');
    writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const { ctx, err } = context();
    expect(await plansExtractCommand.run([image], ctx)).toBe(1);
    expect(err.join('\n')).toMatch(/这是图片文件，不是文本文档[\s\S]*BINARY_FILE: This is a PNG image/);
  });

  it('answers a wrong call with its usage', async () => {
    const { ctx, err } = context();
    expect(await plansExtractCommand.run([], ctx)).toBe(2);
    expect(err.join('\n')).toContain('usage: plans:extract FILE');
    expect(await plansExtractCommand.run([path.join(dir, 'missing.txt')], ctx)).toBe(2);
  });

  it('loads the region list of config/regions', () => {
    expect(loadRegions().find((r) => r.code === '653000')?.short_names).toContain('克州');
  });
});
