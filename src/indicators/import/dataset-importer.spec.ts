import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Workbook } from 'exceljs';
import { translate } from '../../common/i18n/catalog';
import type { Locale } from '../../common/locale';
import { importFolder, importSources, type ImportResult } from './dataset-importer';
import { formatIssue, formatIssues } from './import-issues';
import { templateHeader, writeTemplate } from './template-writer';

const EXAMPLE = path.resolve(__dirname, '../../../config/indicators/example');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'duban-import-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function folder(files: Record<string, string | Buffer>): Promise<ImportResult> {
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return importFolder(dir);
}

/** The problems as the reader sees them: Simplified Chinese unless asked for English. */
function problems(result: ImportResult, locale: Locale = 'zh-CN'): string[] {
  if (result.ok) throw new Error('expected the import to fail');
  return result.issues.map((issue) => formatIssue(locale, issue));
}

function notices(result: ImportResult, locale: Locale = 'zh-CN'): string[] {
  return (result.ok ? result.dataset.notices : result.notices).map((n) => translate(locale, n));
}

function dataset(result: ImportResult) {
  if (!result.ok) throw new Error(`import failed:\n${formatIssues('en', result).join('\n')}`);
  return result.dataset;
}

const SCHOOLS_ZH = [
  '学校标识码,学校名称,县区代码,县区名称,办学类型,学段,学生数,班级数,体育运动场馆面积,城乡类型,寄宿制',
  '2164018001,灵武市第一小学,640181,灵武市,小学,小学,812,18,6090.5,城区,否',
  '2164018101,灵武市第二中学,640181,灵武市,初中,初中,600,12,6120,城区,是',
].join('\n');

const CLASSES_ZH = [
  '学校标识码,学段,年级,班级,学生数',
  '2164018001,小学,1,1年级1班,46',
  '2164018101,初中,7,7年级1班,50',
].join('\n');

describe('importFolder', () => {
  it('imports the shipped example county', async () => {
    const data = dataset(await importFolder(EXAMPLE));
    expect(data.counties).toHaveLength(1);
    const [county] = data.counties;
    expect(county).toMatchObject({ county_code: '640181', county_name: '灵武市', school_year: 2023 });
    expect(county.schools).toHaveLength(14);
    expect(county.classes.length).toBeGreaterThan(250);
    expect(county.attestations).toHaveLength(15);
    expect(county.survey).toHaveLength(7);
    expect(data.tables).toEqual(['schools', 'classes', 'county', 'attestations', 'survey', 'monitoring']);
    expect(data.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(data.notices).toEqual([]);
    // Same bytes, same checksum.
    expect(dataset(await importFolder(EXAMPLE)).checksum).toBe(data.checksum);
  });

  it('reads Chinese headers into typed rows', async () => {
    const data = dataset(await folder({ '学校.csv': SCHOOLS_ZH, '班级.csv': CLASSES_ZH }));
    const [school] = data.counties[0].schools;
    expect(school).toMatchObject({
      school_code: '2164018001',
      school_type: 'primary',
      level: 'primary',
      students: 812,
      sports_area_m2: 6090.5,
      location: 'urban',
      boarding: false,
      key_teachers: null,
    });
    expect(data.counties[0].classes[1]).toEqual({
      school_code: '2164018101',
      level: 'junior',
      grade: 7,
      class_name: '7年级1班',
      students: 50,
    });
    expect(data.counties[0].school_year).toBeNull();
  });

  it('reads English headers in any order, any case, with spaces, and English enum keys', async () => {
    const english = [
      ' Students ,COUNTY_CODE,school_name,level,School_Type,school_code,classes,sports_area_m2,location,boarding',
      '812,640181,灵武市第一小学,primary,PRIMARY,2164018001,18,6090.5,urban,no',
      '600,640181,灵武市第二中学,Junior,junior,2164018101,12,6120,urban,yes',
    ].join('\n');
    const fromEnglish = dataset(await folder({ 'schools.csv': english })).counties[0].schools;
    await rm(path.join(dir, 'schools.csv'));
    const fromChinese = dataset(await folder({ '学校.csv': SCHOOLS_ZH })).counties[0].schools;
    expect(fromEnglish).toEqual(fromChinese.map((s) => ({ ...s, county_name: null })));
  });

  it('reads a file with a byte-order mark like one without', async () => {
    const withBom = dataset(await folder({ 'schools.csv': `\uFEFF${SCHOOLS_ZH}` })).counties[0].schools;
    const plain = dataset(await importSources([{ name: 'schools.csv', data: Buffer.from(SCHOOLS_ZH) }]))
      .counties[0].schools;
    expect(withBom).toEqual(plain);
    expect(withBom[0].school_code).toBe('2164018001');
  });

  it('reads rates as 0.953, 95.3% or 95.3 and yes/no as 是/否', async () => {
    const county = [
      '县区代码,初中三年巩固率,残疾儿童少年入学率,五年360学时培训完成率,不足百人学校按百人核定公用经费',
      '640181,95.3%,95.3,0.953,是',
    ].join('\n');
    const data = dataset(await folder({ '学校.csv': SCHOOLS_ZH, '县级指标.csv': county }));
    expect(data.counties[0].county).toMatchObject({
      junior_retention_rate: 0.953,
      disabled_enrolment_rate: 0.953,
      training_360h_rate: 0.953,
      small_schools_funded_as_100: true,
    });
  });

  it('names file, row, column and value for a bad number', async () => {
    const bad = SCHOOLS_ZH.replace(',812,', ',12O,');
    const result = await folder({ 'schools.csv': bad });
    expect(problems(result, 'en')).toEqual(['schools.csv row 2, students: "12O" is not a whole number']);
    expect(problems(result)).toEqual(['schools.csv 第2行，学生数：“12O”不是整数']);
  });

  it('names the accepted values for an unknown enumeration', async () => {
    const bad = SCHOOLS_ZH.replace(',小学,小学,', ',大学,小学,');
    expect(problems(await folder({ '学校.csv': bad }))).toEqual([
      '学校.csv 第2行，办学类型：“大学”不是可填的值，应为：小学、初中、九年一贯制、十二年一贯制、完全中学、教学点、特殊教育学校',
    ]);
  });

  it('reports a missing required column once, on the header row', async () => {
    const noStudents = SCHOOLS_ZH.split('\n')
      .map((line) =>
        line
          .split(',')
          .filter((_, i) => i !== 6)
          .join(','),
      )
      .join('\n');
    expect(problems(await folder({ '学校.csv': noStudents }))).toEqual([
      '学校.csv 第1行，学生数：缺少此必填列',
    ]);
  });

  it('reports every problem of every file at once', async () => {
    const schools = [
      SCHOOLS_ZH,
      '2164018002,灵武市第二小学,64018,灵武市,小学,小学,-4,10,1,城区,否',
      '2164018003,灵武市第三小学,640181,灵武市,小学,小学,,10,1,城区,也许',
      '2164018001,重复,640181,灵武市,小学,小学,100,3,1,城区,否',
    ].join('\n');
    const classes = [CLASSES_ZH, '2164018999,小学,1,1班,40', '2164018001,初中,10,x,40'].join('\n');
    const found = problems(
      await folder({
        '学校.csv': schools,
        '班级.csv': classes,
        'survey.csv': '县区代码,调查对象,调查人数,满意人数\n640181,家长,10,12\n',
      }),
    );
    expect(found).toEqual([
      '学校.csv 第4行，县区代码：“64018”不是六位数字的县区代码',
      '学校.csv 第4行，学生数：“-4”不能为负数',
      '学校.csv 第5行，寄宿制：“也许”不是可填的值，应为：是、否',
      '学校.csv 第5行，学生数：必须填写',
      '学校.csv 第6行，学校标识码：“2164018001”（学段：小学）已在第2行填报',
      '班级.csv 第4行，学校标识码：“2164018999”不在学校表中',
      '班级.csv 第5行，年级：“10”不是 1 至 9 之间的年级',
      'survey.csv 第2行，满意人数：12 人，多于调查人数 10 人',
    ]);
  });

  it('checks references: class level, teaching-point parent, combined rows, county rows', async () => {
    const schools = [
      '学校标识码,学校名称,县区代码,办学类型,学段,所属学校标识码,学生数,小学学生数,初中学生数',
      '2164018001,第一小学,640181,小学,小学,,500,,',
      '2164018009,某教学点,640181,教学点,小学,2164018777,30,,',
      '2164018201,九年制学校,640181,九年一贯制,合并,,700,420,262',
      '2164018005,第五小学,640181,小学,初中,,300,,',
    ].join('\n');
    const found = problems(
      await folder({
        '学校.csv': schools,
        '班级.csv': '学校标识码,学段,年级,班级,学生数\n2164018001,初中,7,7年级1班,40\n',
        '县级指标.csv': '县区代码,学年\n640182,2023\n',
      }),
    );
    expect(found).toEqual([
      '学校.csv 第4行，学生数：700 不等于各学段学生数之和 682（小学 420 + 初中 262 + 高中 0）',
      '学校.csv 第5行，学段：学段“初中”与办学类型“小学”不符',
      '学校.csv 第3行，所属学校标识码：“2164018777”不在学校表中',
      '班级.csv 第2行，学段：学校 2164018001 在学校表中没有初中学段的行',
      '县级指标.csv 第2行，县区代码：县区“640182”在学校表中没有学校',
    ]);
  });

  it('groups several counties and takes the school year from the county table', async () => {
    const schools = `${SCHOOLS_ZH}\n2164020001,兴庆区第一小学,640104,兴庆区,小学,小学,900,20,7000,城区,否`;
    const data = dataset(
      await folder({ '学校.csv': schools, '县级指标.csv': '县区代码,学年\n640181,2023\n640104,2023\n' }),
    );
    expect(data.counties.map((c) => [c.county_code, c.schools.length, c.school_year])).toEqual([
      ['640104', 1, 2023],
      ['640181', 2, 2023],
    ]);
  });

  it('ignores other files with a notice and requires a schools table', async () => {
    const result = await folder({ 'README.txt': 'hello', '备注.csv': 'a\n1\n', '班级.csv': CLASSES_ZH });
    expect(problems(result)).toEqual([
      '缺少学校表：请提供“学校.csv”，或在 XLSX 工作簿中提供名为“学校”的工作表',
    ]);
    expect(notices(result)).toEqual([
      'README.txt：不是统计表文件（应为以表名命名的 CSV 或 XLSX 文件：学校、班级、县级指标、佐证、满意度调查、质量监测），已忽略',
      '备注.csv：没有名为“备注”的表（可用的表名：学校、班级、县级指标、佐证、满意度调查、质量监测），已忽略',
    ]);
    expect(notices(result, 'en')[1]).toBe(
      '备注.csv: no table is called "备注" (schools, classes, county, attestations, survey, monitoring); ignored',
    );
  });

  it('rejects a table given twice', async () => {
    expect(problems(await folder({ '学校.csv': SCHOOLS_ZH, 'schools.csv': SCHOOLS_ZH }))).toEqual([
      '学校.csv：又提供了一张学校表（schools.csv已提供），每张表只能提供一次',
    ]);
  });

  it('rejects a file over the size limit before reading it', async () => {
    await writeFile(path.join(dir, '学校.csv'), SCHOOLS_ZH);
    const result = await importFolder(dir, { maxFileBytes: 100 });
    expect(problems(result)).toEqual(['学校.csv：文件大小 0.0 MB，超过单个文件 0.0 MB 的上限']);
  });

  it('keeps the first problems in detail and counts the rest', async () => {
    const rows = Array.from(
      { length: 50 },
      (_, i) => `21640180${String(i).padStart(2, '0')},校${i},640181,小学,小学,many`,
    );
    const result = await importSources(
      [
        {
          name: 'schools.csv',
          data: Buffer.from(['学校标识码,学校名称,县区代码,办学类型,学段,学生数', ...rows].join('\n')),
        },
      ],
      { maxIssues: 10 },
    );
    if (result.ok) throw new Error('expected failure');
    expect(result.issueCount).toBe(50);
    expect(result.issues).toHaveLength(10);
    expect(formatIssues('zh-CN', result).at(-1)).toBe('另有 40 处问题未列出');
    expect(formatIssues('en', result).at(-1)).toBe('… and 40 more problems');
  });

  it('refuses a CSV that is not UTF-8', async () => {
    const gbk = Buffer.concat([
      Buffer.from('学校标识码,学校名称\n'),
      Buffer.from([0xc1, 0xe9, 0xce, 0xe4, 0x0a]),
    ]);
    expect(problems(await folder({ 'schools.csv': gbk }))[0]).toMatch(/^schools\.csv：不是 UTF-8 编码的文本/);
  });
});

describe('XLSX', () => {
  it('round-trips the blank template: sheets, headers, then filled rows import', async () => {
    const file = path.join(dir, 'template.xlsx');
    await writeTemplate(file);
    const workbook = new Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '说明',
      '学校',
      '班级',
      '县级指标',
      '佐证',
      '满意度调查',
      '质量监测',
    ]);
    const schools = workbook.getWorksheet('学校');
    if (!schools) throw new Error('no 学校 sheet');
    expect(schools.getRow(1).getCell(1).value).toBe(templateHeader({ zh: '学校标识码', key: 'school_code' }));

    // Fill it as a statistician would: headers stay, typed cells (numbers, a percent number), enum labels.
    const headers = (schools.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (key: string) => headers.findIndex((h) => h.endsWith(`\n${key}`)) + 1;
    const fill = (row: number, values: Record<string, string | number>) => {
      for (const [key, value] of Object.entries(values)) schools.getRow(row).getCell(col(key)).value = value;
    };
    fill(2, {
      school_code: '2164018001',
      school_name: '灵武市第一小学',
      county_code: 640181,
      school_type: '小学',
      level: '小学',
      students: 812,
      sports_area_m2: 6090.5,
    });
    fill(3, {
      school_code: '2164018201',
      school_name: '九年制学校',
      county_code: '640181',
      school_type: '九年一贯制',
      level: '合并',
      students: 682,
      students_primary: 420,
      students_junior: 262,
    });
    const county = workbook.getWorksheet('县级指标');
    if (!county) throw new Error('no 县级指标 sheet');
    county.getRow(2).getCell(1).value = '640181';
    county.getRow(2).getCell(3).value = 2023;
    const retention =
      (county.getRow(1).values as unknown[])
        .slice(1)
        .map(String)
        .findIndex((h) => h.endsWith('junior_retention_rate')) + 1;
    county.getRow(2).getCell(retention).value = 0.962;
    await workbook.xlsx.writeFile(file);

    const result = await importFolder(dir);
    const data = dataset(result);
    expect(data.counties[0].school_year).toBe(2023);
    expect(
      data.counties[0].schools.map((s) => [s.school_code, s.level, s.students, s.students_primary]),
    ).toEqual([
      ['2164018001', 'primary', 812, null],
      ['2164018201', 'combined', 682, 420],
    ]);
    expect(data.counties[0].schools[0].sports_area_m2).toBe(6090.5);
    expect(data.counties[0].county?.junior_retention_rate).toBe(0.962);
    expect(data.files[0].tables.map((t) => [t.table, t.sheet, t.rows])).toEqual([
      ['schools', '学校', 2],
      ['classes', '班级', 0],
      ['county', '县级指标', 1],
      ['attestations', '佐证', 0],
      ['survey', '满意度调查', 0],
      ['monitoring', '质量监测', 0],
    ]);
  });

  it('names the sheet in problems', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('schools');
    sheet.addRow(['school_code', 'school_name', 'county_code', 'school_type', 'level', 'students']);
    sheet.addRow(['2164018001', '第一小学', '640181', '小学', '小学', '12O']);
    workbook.addWorksheet('草稿');
    await workbook.xlsx.writeFile(path.join(dir, 'data.xlsx'));
    const result = await importFolder(dir);
    expect(problems(result)).toEqual(['data.xlsx 工作表 schools 第2行，学生数：“12O”不是整数']);
    expect(problems(result, 'en')).toEqual([
      'data.xlsx sheet schools row 2, students: "12O" is not a whole number',
    ]);
    expect(notices(result)).toEqual([expect.stringMatching(/^data\.xlsx 工作表 草稿：不是表名/)]);
  });
});
