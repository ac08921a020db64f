/**
 * The module graph rules of .dependency-cruiser.cjs (run by `npm run lint`): the real tree obeys them, and a
 * fixture with an upward import, an import cycle and a folder on no layer makes the same command fail.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules/.bin/depcruise');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

const depcruise = (cwd: string, outputType: 'json' | 'err') =>
  spawnSync(DEPCRUISE, ['src', '--config', CONFIG, '--output-type', outputType], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });

function violations(cwd: string): string[] {
  const run = depcruise(cwd, 'json');
  if (!run.stdout) throw new Error(`depcruise printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return [...new Set(result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`))].sort();
}

describe('module graph', () => {
  it('src/ has no import cycle and no module importing a higher layer', () => {
    expect(violations(ROOT)).toEqual([]);
  });

  it('fails on a deliberate upward import, cycle and unlayered folder', () => {
    const fixture = path.join(__dirname, 'fixture');
    // What `npm run lint` runs: it must exit non-zero …
    expect(depcruise(fixture, 'err').status).not.toBe(0);
    // … for exactly these reasons.
    expect(violations(fixture).filter((v) => !v.startsWith('no-circular: src/supervision'))).toEqual(
      [
        'layer-0-imports-above: src/common/clock.ts → src/plans/plan.ts',
        'layer-4-imports-above: src/plans/plan.ts → src/supervision/flow.ts',
        'no-circular: src/plans/plan.ts → src/supervision/flow.ts',
        'no-circular-folders: src/plans → src/supervision',
        'no-circular-folders: src/supervision → src/plans',
        'unlayered-folder: src/stray/orphan.ts → src/common/clock.ts',
      ].sort(),
    );
  });
});
