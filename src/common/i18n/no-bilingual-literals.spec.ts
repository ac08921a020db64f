import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Modules whose texts for people come from the message catalogs only. A "中文 / English" literal there is a
 * message that escaped the catalog (the reader would see both languages, or the wrong one). Add a module's
 * directory here once its messages are converted.
 */
const CONVERTED = [
  'plans',
  'supervision',
  'access',
  'auth',
  'users',
  'departments',
  'regions',
  'calendar',
  'evidence',
  'web',
  'reminders',
  'notifications',
  'extraction',
];

const SRC = path.resolve(__dirname, '../..');

/** A one-line string literal ('…', "…" or `…`) with Chinese, then " / ", then a Latin letter. */
const BILINGUAL = [`'`, `"`, '`'].map(
  (q) => new RegExp(`${q}[^${q}\\n]*[\\u4e00-\\u9fff][^${q}\\n]*\\s\\/\\s[A-Za-z][^${q}\\n]*${q}`, 'g'),
);

function bilingualLiterals(source: string): string[] {
  return BILINGUAL.flatMap((re) => [...source.matchAll(re)].map((m) => m[0]));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe('bilingual literal detector', () => {
  it('finds "中文 / English" in any quoting and leaves single-language texts alone', () => {
    expect(bilingualLiterals(`throw new DomainError(code, '没有此方案 / No plan');`)).toEqual([
      `'没有此方案 / No plan'`,
    ]);
    expect(bilingualLiterals('x = `没有此任务 / No item ${id}`;')).toEqual(['`没有此任务 / No item ${id}`']);
    expect(bilingualLiterals(`problems.push("至少 10 个字符 / at least 10 characters");`)).toHaveLength(1);
    expect(bilingualLiterals(`msg('plans.plan_not_found', { id }); ctx.t('签收', 'Acknowledge');`)).toEqual(
      [],
    );
    // a path or a ratio is not an English half
    expect(bilingualLiterals(`'见 材料/附件' + '比例 3 / 4'`)).toEqual([]);
  });
});

describe.each(CONVERTED)('src/%s', (dir) => {
  it('has no "中文 / English" string literal (texts for people are catalog messages)', () => {
    const found = sourceFiles(path.join(SRC, dir)).flatMap((file) =>
      bilingualLiterals(readFileSync(file, 'utf8')).map(
        (literal) => `${path.relative(SRC, file)}: ${literal}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
