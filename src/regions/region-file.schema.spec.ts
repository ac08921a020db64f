import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  levelOfCode,
  parseRegionCsv,
  parseRegionFile,
  RegionFileInvalidError,
  safeParseRegionCsv,
  safeParseRegionFile,
  splitCsv,
  type RegionFileIssue,
} from './region-file.schema';

const configDir = join(__dirname, '..', '..', 'config', 'regions');

function yamlIssues(text: string, existing?: Iterable<string>): RegionFileIssue[] {
  const result = safeParseRegionFile(text, { existing });
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.issues;
}

function csvIssues(text: string, existing?: Iterable<string>): RegionFileIssue[] {
  const result = safeParseRegionCsv(text, { existing });
  if (result.ok) throw new Error('expected the table to be rejected');
  return result.issues;
}

const yaml = (rows: string) => `schema: duban.regions/v1\nregions:\n${rows}`;

describe('levelOfCode', () => {
  it.each([
    ['140000', 'province'],
    ['140700', 'city'],
    ['140726', 'county'],
    ['120100', 'city'],
    ['653001', 'county'],
  ])('%s is %s', (code, level) => expect(levelOfCode(code)).toBe(level));
});

describe('config/regions/regions.yaml', () => {
  const regions = parseRegionFile(readFileSync(join(configDir, 'regions.yaml'), 'utf8'));
  const byCode = new Map(regions.map((r) => [r.code, r]));

  it('parses and holds the divisions the seed plans use', () => {
    for (const code of ['140726', '653001', '640181', '120119', '350524'])
      expect(byCode.has(code)).toBe(true);
  });

  it('has the 11 counties of 晋中市, 4 of 克州, 6 of 银川市 and 12 of 泉州市', () => {
    const counties = (parent: string) => regions.filter((r) => r.parent === parent).map((r) => r.code);
    expect(counties('140700')).toHaveLength(11);
    expect(counties('653000')).toEqual(['653001', '653022', '653023', '653024']);
    expect(counties('640100')).toEqual(['640104', '640105', '640106', '640121', '640122', '640181']);
    expect(counties('350500')).toHaveLength(12);
  });

  it('keeps 太谷县 under its 2017 code and records 太谷区 as its successor', () => {
    expect(byCode.get('140726')).toMatchObject({
      name: '太谷县',
      level: 'county',
      parent: '140700',
      successor: { code: '140703', name: '太谷区', since: 2019 },
    });
  });

  it('hangs 蓟州区 under 天津市 through the city-level node 120100', () => {
    expect(byCode.get('120119')).toMatchObject({ name: '蓟州区', level: 'county', parent: '120100' });
    expect(byCode.get('120100')).toMatchObject({ level: 'city', parent: '120000' });
    expect(byCode.get('120000')).toMatchObject({ name: '天津市', level: 'province', parent: null });
  });

  it('records the short names plans use', () => {
    expect(byCode.get('653000')?.short_names).toEqual(['克州']);
    expect(byCode.get('640100')?.short_names).toEqual(['银川']);
  });
});

describe('config/regions/sample-divisions.csv', () => {
  it('parses', () => {
    const regions = parseRegionCsv(readFileSync(join(configDir, 'sample-divisions.csv'), 'utf8'));
    expect(regions).toHaveLength(8);
    expect(regions[0]).toEqual({
      code: '640000',
      name: '宁夏回族自治区',
      level: 'province',
      parent: null,
      short_names: [],
    });
  });
});

describe('parseRegionFile', () => {
  it('accepts parents declared after their children and unquoted 6-digit codes', () => {
    const regions = parseRegionFile(
      yaml(
        [
          '  - { code: 640104, name: 兴庆区, level: county, parent: 640100 }',
          '  - { code: "640100", name: 银川市, level: city, parent: "640000" }',
          '  - { code: "640000", name: 宁夏回族自治区, level: province }',
        ].join('\n'),
      ),
    );
    expect(regions.map((r) => [r.code, r.parent])).toEqual([
      ['640104', '640100'],
      ['640100', '640000'],
      ['640000', null],
    ]);
  });

  it('accepts a parent that is only in the database', () => {
    const regions = parseRegionFile(
      yaml('  - { code: "640181", name: 灵武市, level: county, parent: "640100" }'),
      {
        existing: new Map([['640100', 'city']]),
      },
    );
    expect(regions).toHaveLength(1);
    expect(
      parseRegionFile(yaml('  - { code: "640181", name: 灵武市, level: county, parent: "640100" }'), {
        existing: ['640100'],
      }),
    ).toHaveLength(1);
  });

  it('reports every problem at once, each naming its row and field', () => {
    const issues = yamlIssues(
      yaml(
        [
          '  - { code: "14000", name: 山西省, level: province }', // 0: 5 digits
          '  - { code: "140700", name: "", level: town, parent: "140000" }', // 1: empty name, bad level
          '  - { code: "140702", name: 榆次区, level: county, parent: "149900" }', // 2: unknown parent
          '  - { code: "140702", name: 榆次区二, level: county, parent: "140700" }', // 3: duplicate code
          '  - { code: "140000", name: 山西省, level: province, colour: red }', // 4: unknown field
        ].join('\n'),
      ),
    );
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'regions[0] (14000 山西省).code',
        'regions[1] (140700).name',
        'regions[1] (140700).level',
        'regions[2] (140702 榆次区).parent',
        'regions[3] (140702 榆次区二).code',
        'regions[4] (140000 山西省)',
      ]),
    );
    expect(issues.find((i) => i.path.startsWith('regions[2]'))?.message).toMatch(
      /149900 is neither in this file/,
    );
    expect(issues.find((i) => i.path.startsWith('regions[3]'))?.message).toMatch(
      /duplicate code 140702 \(first at regions\[2\]/,
    );
    expect(issues.find((i) => i.path === 'regions[4] (140000 山西省)')?.message).toMatch(/colour/);
  });

  it('enforces province > city > county and codes nested in their parent', () => {
    const issues = yamlIssues(
      yaml(
        [
          '  - { code: "140000", name: 山西省, level: province, parent: "140700" }', // province with parent
          '  - { code: "140700", name: 晋中市, level: city, parent: "140702" }', // city under a county
          '  - { code: "140702", name: 榆次区, level: county, parent: "140702" }', // own parent
          '  - { code: "140726", name: 太谷县, level: county }', // no parent
          '  - { code: "140729", name: 灵石县, level: city, parent: "140000" }', // level vs shape
          '  - { code: "350524", name: 安溪县, level: county, parent: "140700" }', // outside parent
        ].join('\n'),
      ),
    );
    const messages = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(messages['regions[0] (140000 山西省).parent']).toMatch(/has no parent/);
    expect(messages['regions[1] (140700 晋中市).parent']).toMatch(
      /county-level; a city needs a parent above it/,
    );
    expect(messages['regions[2] (140702 榆次区).parent']).toMatch(
      /county-level; a county needs a parent above it/,
    );
    expect(messages['regions[3] (140726 太谷县).parent']).toMatch(/needs the code of its parent/);
    expect(messages['regions[4] (140729 灵石县).level']).toMatch(
      /shape of a county-level code, but level is city/,
    );
    expect(messages['regions[5] (350524 安溪县).parent']).toMatch(
      /not inside parent 140700 \(it should start with 1407\)/,
    );
  });

  it('rejects two divisions of one name under one parent', () => {
    const issues = yamlIssues(
      yaml(
        [
          '  - { code: "140700", name: 晋中市, level: city, parent: "140000" }',
          '  - { code: "140726", name: 太谷县, level: county, parent: "140700" }',
          '  - { code: "140799", name: 太谷县, level: county, parent: "140700" }',
        ].join('\n'),
      ),
      ['140000'],
    );
    expect(issues).toEqual([
      {
        path: 'regions[2] (140799 太谷县).name',
        message: '太谷县 already appears under the same parent at regions[1] (140726 太谷县)',
      },
    ]);
  });

  it('checks the successor', () => {
    const issues = yamlIssues(
      yaml(
        '  - { code: "140726", name: 太谷县, level: county, parent: "140700", successor: { code: "140726", name: 太谷区 } }',
      ),
      ['140700'],
    );
    expect(issues).toEqual([
      { path: 'regions[0] (140726 太谷县).successor.code', message: 'a successor needs a code of its own' },
    ]);
  });

  it('rejects a wrong schema tag, a missing list and broken YAML', () => {
    expect(yamlIssues('schema: duban.regions/v2\nregions: []')).toEqual([
      { path: 'schema', message: 'must be "duban.regions/v1"' },
    ]);
    expect(yamlIssues('schema: duban.regions/v1')).toEqual([
      { path: 'regions', message: 'a list of regions' },
    ]);
    const broken = yamlIssues('schema: [unclosed');
    expect(broken).toHaveLength(1);
    expect(broken[0].path).toBe('(file)');
    expect(broken[0].message).toMatch(/^not valid YAML/);
  });

  it('throws RegionFileInvalidError listing every issue', () => {
    const text = yaml('  - { code: "1", name: x, level: county }\n  - { code: "2", name: y, level: county }');
    expect(() => parseRegionFile(text)).toThrow(RegionFileInvalidError);
    try {
      parseRegionFile(text);
    } catch (e) {
      expect((e as RegionFileInvalidError).issues.length).toBeGreaterThanOrEqual(2);
      expect((e as Error).message).toMatch(/regions\[0\] \(1 x\)\.code/);
      expect((e as Error).message).toMatch(/regions\[1\] \(2 y\)\.code/);
    }
  });
});

describe('parseRegionCsv', () => {
  it('reads columns in any order, quoted fields, CRLF, a BOM and blank lines', () => {
    const text =
      '\ufeffname,code,parent_code,level\r\n' +
      '"新疆维吾尔自治区",650000,,province\r\n' +
      '\r\n' +
      '克孜勒苏柯尔克孜自治州,653000,650000,city\r\n' +
      '"阿图什市",653001,653000,county\r\n';
    expect(parseRegionCsv(text)).toEqual([
      { code: '650000', name: '新疆维吾尔自治区', level: 'province', parent: null, short_names: [] },
      { code: '653000', name: '克孜勒苏柯尔克孜自治州', level: 'city', parent: '650000', short_names: [] },
      { code: '653001', name: '阿图什市', level: 'county', parent: '653000', short_names: [] },
    ]);
  });

  it('hangs rows under regions already in the database', () => {
    const regions = parseRegionCsv('code,name,level,parent_code\n350524,安溪县,county,350500\n', {
      existing: ['350000', '350500'],
    });
    expect(regions).toEqual([
      { code: '350524', name: '安溪县', level: 'county', parent: '350500', short_names: [] },
    ]);
  });

  it('reports every problem with its line and column', () => {
    const issues = csvIssues(
      [
        'code,name,level,parent_code', // line 1
        '350000,福建省,province,', // line 2
        '35050,泉州市,city,350000', // line 3: 5 digits
        '350524,安溪县,county,350599', // line 4: unknown parent
        '350524,安溪县,county,350000', // line 5: duplicate code
        '350525,永春县,district,350500', // line 6: bad level
        '350526,德化县,county', // line 7: missing field
        '350581,,county,350000', // line 8: empty name
      ].join('\n'),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'line 3 (35050).code' }),
        expect.objectContaining({
          path: 'line 4 (350524).parent_code',
          message: expect.stringMatching(/350599/),
        }),
        expect.objectContaining({
          path: 'line 5 (350524).code',
          message: 'duplicate code 350524 (first at line 4 (350524))',
        }),
        expect.objectContaining({
          path: 'line 6 (350525).level',
          message: 'one of province | city | county',
        }),
        expect.objectContaining({ path: 'line 7 (350526)', message: 'has 3 fields, the header has 4' }),
        expect.objectContaining({ path: 'line 8 (350581).name' }),
      ]),
    );
  });

  it('rejects a header with missing or unknown columns', () => {
    expect(csvIssues('code,name,level,parent\n')).toEqual([
      { path: 'line 1', message: 'unknown column "parent" (expected code,name,level,parent_code)' },
      { path: 'line 1', message: 'missing column parent_code' },
    ]);
    expect(csvIssues('')).toEqual([
      { path: 'line 1', message: 'empty; expected the header code,name,level,parent_code' },
    ]);
  });

  it('rejects an unclosed quote', () => {
    expect(csvIssues('code,name,level,parent_code\n350000,"福建省,province,\n')).toEqual([
      { path: 'line 2', message: 'not valid CSV: a quoted field is not closed' },
    ]);
  });

  it('throws RegionFileInvalidError', () => {
    expect(() => parseRegionCsv('code,name,level,parent_code\n653001,阿图什市,county,653000\n')).toThrow(
      /line 2 \(653001\)\.parent_code: parent 653000 is neither in this file nor among the existing regions/,
    );
  });
});

describe('splitCsv', () => {
  it('keeps commas, quotes and line breaks inside quoted fields and numbers records by starting line', () => {
    expect(splitCsv('a,"b,""c""\nd",e\nf,g,h')).toEqual([
      { line: 1, fields: ['a', 'b,"c"\nd', 'e'] },
      { line: 3, fields: ['f', 'g', 'h'] },
    ]);
  });
});
