/**
 * Indicator engine benchmark: `npm run bench:indicators`.
 *
 * Writes a deterministic synthetic national dataset (seeded PRNG: ≈ 2,850 counties, 190,000 school-level
 * rows, 3.5 million classes) as CSV files, then measures with the real importer and engine:
 *   (a) reading and parsing the files, (b) evaluating every county,
 *   (c) the same for one province (≈ 20,000 schools) and (d) for one county (≈ 100 schools).
 * The target: national evaluation < 10 s on 2 cores, and evaluation no dearer than parsing.
 *
 * Options: --scale 0.1 (a smaller dataset, for a quick look), --keep (leave the CSV files in place).
 */
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { classSizeOffenders, evaluateCounty, type RuleSet } from '../src/indicators/engine';
import { importFolder, toCountyData, type ImportedCounty } from '../src/indicators/import/dataset-importer';
import { formatIssues } from '../src/indicators/import/import-issues';
import { loadRuleSet } from '../src/indicators/rule-set.loader';

const args = process.argv.slice(2);
const scaleArg = args.indexOf('--scale');
const SCALE = scaleArg >= 0 ? Number(args[scaleArg + 1]) : 1;
const KEEP = args.includes('--keep');

const COUNTIES = Math.round(2850 * SCALE);
const BIG_PROVINCE = '41';
const BIG_PROVINCE_COUNTIES = Math.round(300 * SCALE);
const PROVINCES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
];
/** The county measured alone: the first of the big province, with exactly this many school rows. */
const SINGLE_COUNTY_SCHOOLS = 100;

/** mulberry32: small, fast, and the same numbers on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20_170_006);
const between = (lo: number, hi: number) => lo + random() * (hi - lo);
const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Appends lines to a file through a 4 MiB buffer. */
class CsvOut {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(file: string, header: string) {
    this.fd = openSync(file, 'w');
    this.line(header);
  }
  line(text: string): void {
    this.parts.push(text);
    this.size += text.length + 1;
    if (this.size > 4 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, `${this.parts.join('\n')}\n`);
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const HEADERS = {
  schools:
    '学校标识码,学校名称,县区代码,县区名称,办学类型,学段,所属学校标识码,城乡类型,学生数,小学学生数,初中学生数,高中学生数,班级数,' +
    '高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,专任教师数,持证专任教师数,教学及辅助用房面积,体育运动场馆面积,' +
    '教学仪器设备值,网络多媒体教室数,音乐专用教室数,音乐专用教室最小面积,美术专用教室数,美术专用教室最小面积,年度公用经费预算,教师培训经费',
  classes: '学校标识码,学段,年级,班级,学生数',
  county:
    '县区代码,县区名称,学年,不足百人学校按百人核定公用经费,特殊教育学校生均公用经费,教师平均工资收入,公务员平均工资收入,五年360学时培训完成率,' +
    '符合交流条件教师数,交流轮岗教师数,交流轮岗骨干教师数,城镇小学就近划片入学比例,城镇初中就近划片入学比例,优质高中招生名额分配比例,' +
    '随迁子女公办及购买服务学位就读比例,初中三年巩固率,残疾儿童少年入学率',
  attestations: '县区代码,指标,结论,佐证材料,认定单位,认定日期',
  survey: '县区代码,调查对象,调查人数,满意人数',
  monitoring: '县区代码,学校标识码,学科,Ⅲ级以上比例,平均分',
} as const;
type Table = keyof typeof HEADERS;

/** The national folder, and the province and county subsets written alongside. */
class Folders {
  private readonly out: Record<'national' | 'province' | 'county', Record<Table, CsvOut>>;
  constructor(readonly root: string) {
    const open = (name: string) => {
      const dir = path.join(root, name);
      mkdirSync(dir, { recursive: true });
      const files = {} as Record<Table, CsvOut>;
      for (const table of Object.keys(HEADERS) as Table[])
        files[table] = new CsvOut(path.join(dir, `${table}.csv`), HEADERS[table]);
      return files;
    };
    this.out = { national: open('national'), province: open('province'), county: open('county') };
  }
  dir(scope: 'national' | 'province' | 'county'): string {
    return path.join(this.root, scope);
  }
  write(table: Table, line: string, province: boolean, county: boolean): void {
    this.out.national[table].line(line);
    if (province) this.out.province[table].line(line);
    if (county) this.out.county[table].line(line);
  }
  close(): void {
    for (const scope of Object.values(this.out)) for (const file of Object.values(scope)) file.close();
  }
}

interface Generated {
  schoolRows: number;
  classes: number;
}

const TYPE_ZH = {
  primary: '小学',
  junior: '初中',
  nine_year: '九年一贯制',
  twelve_year: '十二年一贯制',
  teaching_point: '教学点',
  special: '特殊教育学校',
} as const;

/** One county: schools (all levels and kinds), classes, county figures, attestations, survey, monitoring. */
function generateCounty(
  folders: Folders,
  code: string,
  schoolRows: number,
  inProvince: boolean,
  single: boolean,
): Generated {
  const write = (table: Table, line: string) => folders.write(table, line, inProvince, single);
  const name = `县${code}`;
  let classes = 0;
  let primaryCodes: string[] = [];
  const monitored: string[] = [];
  const row = (
    seq: number,
    type: keyof typeof TYPE_ZH,
    level: '小学' | '初中' | '合并',
    parts: { primary: number; junior: number; senior: number },
    parent: string,
  ): string => {
    const schoolCode = `${code}${pad(seq, 4)}`;
    const primaryClasses = parts.primary;
    const juniorClasses = parts.junior;
    const seniorClasses = parts.senior;
    let studentsPrimary = 0;
    let studentsJunior = 0;
    const classSize = (limit: number) => {
      // Mostly standard, some over, a few large or super-large: the ledgers have work to do.
      const r = random();
      return r < 0.9
        ? int(limit - 14, limit)
        : r < 0.97
          ? int(limit + 1, 55)
          : r < 0.995
            ? int(56, 65)
            : int(66, 72);
    };
    for (let k = 0; k < primaryClasses; k++) {
      const grade = (k % 6) + 1;
      const size = type === 'teaching_point' ? int(8, 20) : type === 'special' ? int(6, 12) : classSize(45);
      studentsPrimary += size;
      write('classes', `${schoolCode},小学,${grade},${grade}年级${Math.floor(k / 6) + 1}班,${size}`);
    }
    for (let k = 0; k < juniorClasses; k++) {
      const grade = (k % 3) + 7;
      const size = type === 'special' ? int(6, 12) : classSize(50);
      studentsJunior += size;
      write('classes', `${schoolCode},初中,${grade},${grade}年级${Math.floor(k / 3) + 1}班,${size}`);
    }
    classes += primaryClasses + juniorClasses;
    const studentsSenior = seniorClasses * int(40, 50);
    const students = studentsPrimary + studentsJunior + studentsSenior;
    const junior = level === '初中' || (level === '合并' && studentsPrimary === 0);
    const q = (threshold: number) => threshold * between(0.82, 1.7);
    const per100 = (threshold: number) => Math.round((q(threshold) * students) / 100);
    const fullTime = Math.round(students / 13) + 1;
    const publicFunds = students * 800;
    const fields = [
      schoolCode,
      `${name}${TYPE_ZH[type]}${seq}`,
      code,
      name,
      TYPE_ZH[type],
      level,
      parent,
      random() < 0.45 ? '乡村' : random() < 0.5 ? '镇区' : '城区',
      students,
      level === '合并' ? studentsPrimary : '',
      level === '合并' ? studentsJunior : '',
      level === '合并' ? studentsSenior : '',
      primaryClasses + juniorClasses + seniorClasses,
      per100(junior ? 5.3 : 4.2),
      per100(1),
      per100(0.9),
      fullTime,
      random() < 0.98 ? fullTime : fullTime - 1,
      Math.round(q(junior ? 5.8 : 4.5) * students),
      Math.round(q(junior ? 10.2 : 7.5) * students),
      Math.round(q(junior ? 2500 : 2000) * students),
      per100(junior ? 2.4 : 2.3),
      Math.max(1, Math.ceil((primaryClasses + juniorClasses) / 12)),
      int(92, 120),
      Math.max(1, Math.ceil((primaryClasses + juniorClasses) / 12)),
      int(88, 110),
      type === 'teaching_point' ? '' : publicFunds,
      type === 'teaching_point' ? '' : Math.round(publicFunds * between(0.045, 0.09)),
    ];
    write('schools', fields.join(','));
    return schoolCode;
  };

  for (let seq = 1; seq <= schoolRows; seq++) {
    const r = random();
    if (r < 0.6 || (primaryCodes.length === 0 && r < 0.8)) {
      const schoolCode = row(seq, 'primary', '小学', { primary: int(6, 35), junior: 0, senior: 0 }, '');
      primaryCodes.push(schoolCode);
      if (monitored.length < 12 && random() < 0.3) monitored.push(schoolCode);
    } else if (r < 0.85) {
      const schoolCode = row(seq, 'junior', '初中', { primary: 0, junior: int(6, 31), senior: 0 }, '');
      if (monitored.length < 12 && random() < 0.3) monitored.push(schoolCode);
    } else if (r < 0.9) {
      row(seq, 'nine_year', '合并', { primary: int(6, 24), junior: int(3, 15), senior: 0 }, '');
    } else if (r < 0.91) {
      row(seq, 'twelve_year', '合并', { primary: int(6, 18), junior: int(6, 15), senior: int(6, 15) }, '');
    } else if (r < 0.98 && primaryCodes.length > 0) {
      row(
        seq,
        'teaching_point',
        '小学',
        { primary: int(1, 4), junior: 0, senior: 0 },
        primaryCodes[int(0, primaryCodes.length - 1)],
      );
    } else {
      row(seq, 'special', '合并', { primary: int(3, 6), junior: int(1, 3), senior: 0 }, '');
    }
  }
  primaryCodes = [];

  const rate = (lo: number, hi: number) => `${(between(lo, hi) * 100).toFixed(1)}%`;
  write(
    'county',
    [
      code,
      name,
      2023,
      '是',
      int(5800, 9000),
      int(80_000, 120_000),
      int(85_000, 110_000),
      rate(0.97, 1),
      600,
      int(55, 90),
      int(11, 25),
      rate(0.98, 1),
      rate(0.93, 1),
      rate(0.45, 0.7),
      rate(0.82, 0.98),
      rate(0.93, 0.99),
      rate(0.93, 0.99),
    ].join(','),
  );
  for (const item of ['G1', 'G2', 'G10', 'G15a', 'Q3', 'Q5', 'Q6', 'Q7', 'Q8']) {
    write(
      'attestations',
      `${code},${item},${random() < 0.97 ? '是' : '否'},${name}${item}佐证材料,${name}教育局,2023-11-20`,
    );
  }
  for (const item of ['V1', 'V2', 'V3', 'V4', 'V5', 'V6']) {
    write(
      'attestations',
      `${code},${item},${random() < 0.005 ? '是' : '否'},${name}承诺书,${name}人民政府,2023-11-20`,
    );
  }
  for (const group of ['学生', '家长', '教师', '校长', '人大代表', '政协委员', '其他']) {
    const n = int(20, 1500);
    write('survey', `${code},${group},${n},${Math.round(n * between(0.8, 0.97))}`);
  }
  for (const subject of ['数学', '科学']) {
    for (const schoolCode of monitored) {
      write(
        'monitoring',
        `${code},${schoolCode},${subject},${(between(0.5, 0.85) * 100).toFixed(1)}%,${between(470, 540).toFixed(1)}`,
      );
    }
  }
  return { schoolRows, classes };
}

function generate(root: string): {
  national: Generated;
  province: Generated;
  county: Generated;
  counties: number;
} {
  const folders = new Folders(root);
  const totals = {
    national: { schoolRows: 0, classes: 0 },
    province: { schoolRows: 0, classes: 0 },
    county: { schoolRows: 0, classes: 0 },
  };
  const others = PROVINCES.filter((p) => p !== BIG_PROVINCE);
  const perOther = Math.floor((COUNTIES - BIG_PROVINCE_COUNTIES) / others.length);
  const plan: { province: string; count: number }[] = others.map((province, i) => ({
    province,
    count: perOther + (i < (COUNTIES - BIG_PROVINCE_COUNTIES) % others.length ? 1 : 0),
  }));
  plan.splice(others.indexOf('42'), 0, { province: BIG_PROVINCE, count: BIG_PROVINCE_COUNTIES });
  let counties = 0;
  for (const { province, count } of plan) {
    for (let i = 0; i < count; i++) {
      const code = `${province}${pad(Math.floor(i / 30) + 1, 2)}${pad((i % 30) + 1, 2)}`;
      const inProvince = province === BIG_PROVINCE;
      const single = inProvince && i === 0;
      const g = generateCounty(
        folders,
        code,
        single ? SINGLE_COUNTY_SCHOOLS : int(40, 93),
        inProvince,
        single,
      );
      counties++;
      for (const [scope, on] of [
        ['national', true],
        ['province', inProvince],
        ['county', single],
      ] as const) {
        if (!on) continue;
        totals[scope].schoolRows += g.schoolRows;
        totals[scope].classes += g.classes;
      }
    }
  }
  folders.close();
  return { ...totals, counties };
}

function folderMegabytes(dir: string): number {
  let bytes = 0;
  for (const table of Object.keys(HEADERS)) bytes += statSync(path.join(dir, `${table}.csv`)).size;
  return bytes / (1024 * 1024);
}

interface Measure {
  scope: string;
  counties: number;
  schoolRows: number;
  classes: number;
  megabytes: number;
  parseMs: number;
  evaluateMs: number;
  ledgerMs: number;
}

async function measure(scope: string, dir: string, rules: RuleSet, repeat: number): Promise<Measure> {
  let best: Measure | null = null;
  for (let run = 0; run < repeat; run++) {
    const t0 = performance.now();
    const result = await importFolder(dir, { maxFileBytes: 4 * 1024 * 1024 * 1024 });
    const t1 = performance.now();
    if (!result.ok)
      throw new Error(`${scope}: import failed\n${formatIssues('en', result).slice(0, 20).join('\n')}`);
    const counties: ImportedCounty[] = result.dataset.counties;
    let certifiable = 0;
    let failingSchools = 0;
    const t2 = performance.now();
    for (const county of counties) {
      const evaluation = evaluateCounty(toCountyData(county, 2023), rules);
      if (evaluation.certifiable) certifiable++;
      for (const s of evaluation.resource_allocation.schools) if (s.passed === false) failingSchools++;
    }
    const t3 = performance.now();
    let ledgerEntries = 0;
    for (const county of counties) ledgerEntries += classSizeOffenders(county, rules, 'large_class').length;
    const t4 = performance.now();
    const m: Measure = {
      scope,
      counties: counties.length,
      schoolRows: counties.reduce((n, c) => n + c.schools.length, 0),
      classes: counties.reduce((n, c) => n + c.classes.length, 0),
      megabytes: folderMegabytes(dir),
      parseMs: t1 - t0,
      evaluateMs: t3 - t2,
      ledgerMs: t4 - t3,
    };
    if (run === 0) {
      console.log(
        `  ${scope}: ${certifiable} certifiable, ${failingSchools} failing school parts, ${ledgerEntries} large-class ledger entries; ` +
          `heap ${(process.memoryUsage().heapUsed / 1e9).toFixed(2)} GB, rss ${(process.memoryUsage().rss / 1e9).toFixed(2)} GB`,
      );
    }
    if (!best || m.parseMs + m.evaluateMs < best.parseMs + best.evaluateMs) best = m;
  }
  return best as Measure;
}

function table(rows: Measure[]): string {
  const head = [
    'scope',
    'counties',
    'school rows',
    'classes',
    'CSV MB',
    '(a) parse ms',
    '(b) evaluate ms',
    'eval ÷ parse',
    'ledger ms',
  ];
  const body = rows.map((m) => [
    m.scope,
    m.counties.toLocaleString('en'),
    m.schoolRows.toLocaleString('en'),
    m.classes.toLocaleString('en'),
    m.megabytes.toFixed(1),
    m.parseMs.toFixed(1),
    m.evaluateMs.toFixed(1),
    (m.evaluateMs / m.parseMs).toFixed(2),
    m.ledgerMs.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const root = path.join(tmpdir(), `duban-indicators-bench-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  console.log(`generating a synthetic national dataset (scale ${SCALE}) in ${root} …`);
  const t0 = performance.now();
  const generated = generate(root);
  console.log(
    `  ${generated.counties.toLocaleString('en')} counties, ${generated.national.schoolRows.toLocaleString('en')} school rows, ` +
      `${generated.national.classes.toLocaleString('en')} classes, ${folderMegabytes(path.join(root, 'national')).toFixed(0)} MB of CSV ` +
      `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const rules = await loadRuleSet();
  try {
    console.log('measuring (best of runs; node', process.version, ') …');
    const results = [
      await measure('national', path.join(root, 'national'), rules, 1),
      await measure('province', path.join(root, 'province'), rules, 3),
      await measure('county', path.join(root, 'county'), rules, 20),
    ];
    console.log(`\n${table(results)}\n`);
    const national = results[0];
    const ok = national.evaluateMs < 10_000 && national.evaluateMs <= national.parseMs;
    console.log(
      `national evaluation ${(national.evaluateMs / 1000).toFixed(2)} s (target < 10 s), ` +
        `${(national.evaluateMs / national.parseMs).toFixed(2)} × parse time (target ≤ 1): ${ok ? 'OK' : 'MISSED'}`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (KEEP) console.log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
