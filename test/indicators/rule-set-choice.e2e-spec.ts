import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IndicatorImportService } from '../../src/indicators/indicator-import.service';
import { projectPath } from '../../src/config/paths';
import { Role } from '../../src/access/role.enum';
import { startTestApp, type TestApp } from '../support/test-app';
import { COUNTY, EXAMPLE_DIR, folderFiles, recomputed } from './indicator-test-support';

/**
 * A province with a stricter standard loads its own rule set by configuration, without a code change: the
 * evaluation names that rule set and applies its thresholds.
 */
describe('INDICATOR_RULE_SET', () => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-rules-'));

  beforeAll(async () => {
    const national = fs.readFileSync(projectPath('config', 'indicators', '2017.yaml'), 'utf8');
    const stricter = national
      .replace(/^version: "2017"/m, 'version: "2023-nx"')
      .replace('R1: { primary: 4.2, junior: 5.3 }', 'R1: { primary: 9.0, junior: 9.0 }');
    expect(stricter).not.toEqual(national);
    fs.writeFileSync(path.join(dir, 'stricter.yaml'), stricter);
    t = await startTestApp({ env: { INDICATOR_RULE_SET: path.join(dir, 'stricter.yaml') } });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('evaluates with the configured file: its version, its thresholds', async () => {
    const office = await t.createUser(Role.Office, { regionCode: '640100' });
    const result = await t.app
      .get(IndicatorImportService)
      .import(folderFiles(EXAMPLE_DIR), { userId: office.id, label: 'test' }, { source: 'api' });
    expect(result.ok).toBe(true);
    await recomputed(t, COUNTY, 2023);
    const token = await t.sessionFor(office);
    const res = await t.request({
      method: 'GET',
      url: `/api/counties/${COUNTY}/evaluations/2023`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const evaluation = res.json() as {
      rule_set: string;
      resource_allocation: { schools: Array<{ met: string[]; values: Record<string, number> }> };
    };
    expect(evaluation.rule_set).toBe('2023-nx');
    // Every school of the example has R1 between 5 and 9: met nationally, missed under the stricter file.
    const r1 = evaluation.resource_allocation.schools.map((s) => s.values.R1);
    expect(Math.max(...r1)).toBeLessThan(9);
    expect(evaluation.resource_allocation.schools.filter((s) => s.met.includes('R1'))).toEqual([]);
  });
});
