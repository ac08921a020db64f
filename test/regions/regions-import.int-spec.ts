/** regions:import against a real PostgreSQL: YAML and CSV, idempotent, audited, all-or-nothing. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, systemActor } from '../../src/audit/audit.service';
import type { CliContext } from '../../src/cli/cli-command';
import { projectPath } from '../../src/config/paths';
import { regionsImportCommand } from '../../src/regions/regions.commands';
import { RegionFileInvalidError } from '../../src/regions/region-file.schema';
import { DEFAULT_REGION_FILE, RegionsService } from '../../src/regions/regions.service';
import { startTestApp, type TestApp } from '../support/test-app';

const options = { actor: systemActor('test'), source: 'test' };

describe('regions:import', () => {
  let t: TestApp;
  let regions: RegionsService;
  const dir = mkdtempSync(join(tmpdir(), 'duban-regions-'));
  const count = async () => (await regions.list()).length;
  const yamlEntries = (readFileSync(DEFAULT_REGION_FILE, 'utf8').match(/^\s+- (\{ )?code:/gm) ?? []).length;

  beforeAll(async () => {
    t = await startTestApp();
    regions = t.app.get(RegionsService);
  });
  afterAll(() => t?.close());

  it('imports config/regions/regions.yaml through the CLI command, then again without changes', async () => {
    const out: string[] = [];
    const ctx: CliContext = {
      runtime: () => Promise.reject(new Error('not needed')),
      app: () => Promise.resolve(t.app as INestApplicationContext),
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    };
    expect(await regionsImportCommand.run([], ctx)).toBe(0);
    expect(out[0]).toMatch(new RegExp(`${yamlEntries} added, 0 updated, 0 unchanged$`));
    expect(await count()).toBe(yamlEntries);
    expect(await regionsImportCommand.run([], ctx)).toBe(0);
    expect(out[1]).toMatch(new RegExp(`0 added, 0 updated, ${yamlEntries} unchanged$`));

    const lingwu = (await regions.list()).find((r) => r.code === '640181');
    expect(lingwu).toMatchObject({ name: '灵武市', level: 'county', parentCode: '640100', shortNames: [] });
    const taigu = (await regions.list()).find((r) => r.code === '140726');
    expect(taigu).toMatchObject({ successorCode: '140703', successorName: '太谷区', successorSince: 2019 });
  });

  it('walks the tree up and down', async () => {
    expect((await regions.ancestorsAndSelf('640181')).sort()).toEqual(['640000', '640100', '640181']);
    expect((await regions.countiesUnder('640100')).map((r) => r.code)).toEqual([
      '640104',
      '640105',
      '640106',
      '640121',
      '640122',
      '640181',
    ]);
    expect((await regions.countiesUnder('120000')).map((r) => r.name)).toEqual(['蓟州区']); // through 市辖区
  });

  it('imports a CSV that repeats known divisions and hangs a new one under a stored city', async () => {
    const sample = await regions.importFile(
      projectPath('config', 'regions', 'sample-divisions.csv'),
      options,
    );
    expect(sample).toEqual({ added: 0, updated: 0, unchanged: 8 });
    // The CSV has no short names: the YAML's stay.
    expect((await regions.get('640100')).shortNames).toEqual(['银川']);
    const path = join(dir, 'more.csv');
    writeFileSync(path, 'code,name,level,parent_code\n640199,测试区,county,640100\n');
    expect(await regions.importFile(path, options)).toEqual({ added: 1, updated: 0, unchanged: 0 });
    const history = await t.app.get(AuditService).forEntity('region', '640199');
    expect(history).toEqual([expect.objectContaining({ action: 'created', source: 'test' })]);
  });

  it('updates a renamed division and audits before → after', async () => {
    const path = join(dir, 'renamed.csv');
    writeFileSync(path, 'code,name,level,parent_code\n640199,测试新区,county,640100\n');
    expect(await regions.importFile(path, options)).toEqual({ added: 0, updated: 1, unchanged: 0 });
    const history = await t.app.get(AuditService).forEntity('region', '640199');
    expect(history.at(-1)).toMatchObject({
      action: 'updated',
      changes: [{ field: 'name', before: '测试区', after: '测试新区' }],
    });
  });

  it('refuses an invalid file whole, listing every problem, and stores nothing', async () => {
    const before = await count();
    const path = join(dir, 'bad.csv');
    writeFileSync(
      path,
      'code,name,level,parent_code\n640198,好区,county,640100\n64019,坏区,county,640100\n640197,孤区,county,659900\n',
    );
    const error = await t.app
      .get(DataSource)
      .transaction((manager) => regions.importFile(path, options, manager))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegionFileInvalidError);
    expect((error as RegionFileInvalidError).issues.map((i) => i.path)).toEqual([
      'line 3 (64019).code',
      'line 4 (640197).parent_code',
    ]);
    expect(await count()).toBe(before);
  });
});
