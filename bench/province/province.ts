/**
 * A synthetic but realistic province (pure: no I/O), the same from the same seed on every machine:
 * 湖南省's 14 prefecture-level divisions (real codes and names) with 120 synthetic counties, ≈ 3,000
 * departments, ≈ 6,200 users, the province's, every prefecture's and every county's implementation plan
 * (≈ 8,000 items, ≈ 25,000 assignments), five years of progress reports (≈ 200,000), extension requests and
 * the escalation notices of overdue items, and one school year of statistics per county (≈ 12,000 schools,
 * ≈ 230,000 classes) as the CSV files the statistics import reads.
 */
import { addDays, type CalendarDate } from '../../src/common/calendar-date';

/** mulberry32: the same numbers on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PROVINCE_CODE = '430000';
export const PROVINCE_NAME = '湖南省';
/** The day the data describes (TEST_NOW's day): reports up to it, statuses as of it. */
export const SEED_TODAY = '2026-11-25' as CalendarDate;
export const EMAIL_DOMAIN = 'province.duban.local';

const PREFECTURES: Array<[string, string]> = [
  ['430100', '长沙市'],
  ['430200', '株洲市'],
  ['430300', '湘潭市'],
  ['430400', '衡阳市'],
  ['430500', '邵阳市'],
  ['430600', '岳阳市'],
  ['430700', '常德市'],
  ['430800', '张家界市'],
  ['430900', '益阳市'],
  ['431000', '郴州市'],
  ['431100', '永州市'],
  ['431200', '怀化市'],
  ['431300', '娄底市'],
  ['433100', '湘西土家族苗族自治州'],
];
/** Counties per prefecture: 120 in all. */
const COUNTIES_PER_PREFECTURE = [9, 9, 5, 12, 12, 9, 9, 4, 6, 11, 11, 13, 5, 5];

const NAME_FIRST = '安宁平阳江山临清永丰新华东西南北云桃溪石龙凤武文兴长泰和嘉乐澧沅湘资涟浏醴攸茶炎祁耒';
const NAME_SECOND = '乡陵源化远田溪阳宁江水山城州安岗口陂浦冈林华丰泉塘';

/** Bureaus of every level, by the suffix the level uses (局 in a county or city, 厅 in the province). */
const BUREAUS = [
  '教育',
  '财政',
  '发展和改革',
  '人力资源和社会保障',
  '自然资源',
  '住房和城乡建设',
  '公安',
  '卫生健康',
  '民政',
  '农业农村',
  '交通运输',
  '市场监督管理',
  '审计',
  '统计',
  '科学技术',
  '工业和信息化',
  '司法',
  '生态环境',
  '水利',
  '应急管理',
  '退役军人事务',
  '医疗保障',
  '文化旅游广电',
  '体育',
  '林业',
  '商务',
  '乡村振兴',
  '国有资产监督管理',
  '地方金融监督管理',
  '广播电视',
  '文物',
  '粮食和物资储备',
  '人民防空',
];
const OTHERS = ['机构编制委员会办公室', '残疾人联合会', '妇女联合会', '共青团', '总工会', '科学技术协会'];

export interface RegionRow {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

export interface DepartmentRow {
  id: string;
  regionCode: string;
  name: string;
  kind: 'government' | 'bureau' | 'office' | 'collective' | 'other';
  isCountyGovernment: boolean;
  headUserId: string | null;
  /** role of the department in the seed: the government, the education bureau, the 督导 office */
  tag: 'government' | 'education' | 'office' | 'other';
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'leader' | 'office' | 'dept_head' | 'staff' | 'inspector';
  departmentId: string | null;
}

export interface PlanRow {
  id: string;
  key: string;
  title: string;
  docNumber: string;
  issuer: string;
  issuedOn: CalendarDate;
  regionCode: string;
  implements: string[];
  officeDepartmentId: string;
  groupId: string;
}

export interface ItemRow {
  id: string;
  planId: string;
  parentId: string | null;
  ref: string;
  position: number;
  depth: number;
  kind: 'goal' | 'task' | 'measure' | 'project' | 'milestone' | 'target';
  number: string;
  title: string;
  body: string | null;
  excerpt: string;
  startOn: CalendarDate | null;
  dueOn: CalendarDate | null;
  dueText: string | null;
  extendedDueOn: CalendarDate | null;
  recurrence: 'yearly' | 'semester' | 'quarterly' | 'monthly' | null;
  indicator: string | null;
  createdAt: Date;
  /** filled by the flow below */
  closedAt: Date | null;
  closedByUserId: string | null;
}

export interface AssignmentRow {
  id: string;
  itemId: string;
  departmentId: string;
  role: 'lead' | 'cooperate';
  acknowledgedAt: Date | null;
  acknowledgedByUserId: string | null;
  createdAt: Date;
}

export interface ReportRow {
  id: string;
  itemId: string;
  assignmentId: string;
  departmentId: string;
  period: string;
  text: string;
  percent: number;
  state: 'submitted' | 'approved' | 'returned';
  previousId: string | null;
  submittedByUserId: string;
  submittedAt: Date;
  reviewedByUserId: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
}

export interface ExtensionRow {
  id: string;
  itemId: string;
  departmentId: string;
  reason: string;
  currentDueOn: CalendarDate;
  requestedDueOn: CalendarDate;
  state: 'pending' | 'approved' | 'rejected';
  requestedByUserId: string;
  decidedByUserId: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface Province {
  regions: RegionRow[];
  departments: DepartmentRow[];
  users: UserRow[];
  plans: PlanRow[];
  items: ItemRow[];
  assignments: AssignmentRow[];
  reports: ReportRow[];
  extensions: ExtensionRow[];
  /** Users whose accounts the benchmarks sign in with. */
  accounts: {
    admin: UserRow;
    provinceOffice: UserRow;
    countyOffice: UserRow;
    provinceLeader: UserRow;
    countyDeptHead: UserRow;
  };
}

/** Deterministic RFC 4122-shaped ids from the PRNG. */
function uuidFrom(random: () => number): () => string {
  return () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(random() * 4)];
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红亮晓鹏波辉斌宇新春海燕';

const GOALS = [
  '优化教育资源配置',
  '加强教师队伍建设',
  '提升教育教学质量',
  '改善学校办学条件',
  '促进教育公平',
  '完善保障机制',
];
const TASKS = [
  '消除义务教育学校大班额',
  '推进城镇学校扩容增位',
  '改善乡村小规模学校和乡镇寄宿制学校办学条件',
  '实施县管校聘管理改革',
  '推进校长教师交流轮岗',
  '加强体育艺术专任教师配备',
  '提高教师培训经费保障水平',
  '完善随迁子女入学保障机制',
  '推进特殊教育融合发展',
  '实施学校标准化建设工程',
  '配齐音乐美术专用教室',
  '提升信息化教学水平',
  '落实教师平均工资收入不低于公务员',
  '规范义务教育招生入学',
  '推进集团化办学和学区化管理',
  '加强控辍保学工作',
  '完善家庭经济困难学生资助体系',
  '开展义务教育质量监测',
  '落实生均公用经费标准',
  '加强学校安全和校园周边治理',
  '推进优质高中招生名额分配',
  '建设智慧校园',
  '加强乡村教师队伍建设',
  '落实"双减"政策',
  '完善督导评估机制',
];
const MEASURES = [
  '制定年度实施计划并报领导小组备案',
  '建立问题台账，逐项销号',
  '每季度召开推进会通报进展',
  '将任务纳入部门年度绩效考核',
  '落实专项经费并按期拨付',
  '开展专项督导并通报结果',
  '建立部门协调联动机制',
  '组织第三方评估',
];
const INDICATORS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'G1', 'G2', 'G5', 'G10', 'Q3', 'Q5'];
const REPORT_TEXTS = [
  '已按计划推进，完成阶段性目标。',
  '已召开专题会议部署，相关经费已落实。',
  '已完成摸底调查，形成问题清单，正在逐项整改。',
  '项目已开工建设，工程进度符合预期。',
  '已完成年度任务，相关佐证材料已上传。',
  '受资金拨付进度影响，部分工作滞后，已制定整改措施。',
];
const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function kindOf(name: string): DepartmentRow['kind'] {
  if (/人民政府$/.test(name)) return 'government';
  if (/(办公室|督导室)$/.test(name)) return 'office';
  if (/(局|厅|委员会)$/.test(name)) return 'bureau';
  return 'other';
}

/** Shanghai wall-clock 09:00–18:00 on a day, as an instant. */
const instantOn = (day: CalendarDate, random: () => number): Date =>
  new Date(Date.parse(`${day}T01:00:00Z`) + Math.floor(random() * 9 * 3600_000));

const daysBetween = (a: CalendarDate, b: CalendarDate): number =>
  Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** Reporting periods of a recurrence that end on or before `until`, from `from`. */
function periods(recurrence: ItemRow['recurrence'], from: CalendarDate, until: CalendarDate): string[] {
  if (!recurrence) return [];
  const out: string[] = [];
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(until.slice(0, 4));
  for (let y = y0; y <= y1; y++) {
    const add = (key: string, end: string) => {
      if (end >= from && end <= until) out.push(key);
    };
    if (recurrence === 'yearly') add(String(y), `${y}-12-31`);
    if (recurrence === 'semester') {
      add(`${y}-H1`, `${y}-06-30`);
      add(`${y}-H2`, `${y}-12-31`);
    }
    if (recurrence === 'quarterly')
      for (let q = 1; q <= 4; q++) add(`${y}-Q${q}`, `${y}-${String(q * 3).padStart(2, '0')}-28`);
    if (recurrence === 'monthly')
      for (let m = 1; m <= 12; m++)
        add(`${y}-${String(m).padStart(2, '0')}`, `${y}-${String(m).padStart(2, '0')}-28`);
  }
  return out;
}

export function generateProvince(seed: number): Province {
  const random = prng(seed);
  const uuid = uuidFrom(prng(seed ^ 0x5eed));
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const person = () => `${pick([...SURNAMES])}${pick([...GIVEN])}${random() < 0.6 ? pick([...GIVEN]) : ''}`;

  // Regions: the province, its 14 prefectures, 120 counties with unique synthetic names.
  const regions: RegionRow[] = [
    { code: PROVINCE_CODE, name: PROVINCE_NAME, level: 'province', parentCode: null },
  ];
  const usedNames = new Set<string>();
  PREFECTURES.forEach(([code, name], p) => {
    regions.push({ code, name, level: 'city', parentCode: PROVINCE_CODE });
    const n = COUNTIES_PER_PREFECTURE[p];
    for (let k = 0; k < n; k++) {
      let base = '';
      do base = pick([...NAME_FIRST]) + pick([...NAME_SECOND]);
      while (usedNames.has(base));
      usedNames.add(base);
      // districts first (xx02…), then counties (xx21…), then county-level cities (xx81…)
      const [suffix, seq] = k < 2 ? ['区', 2 + k] : k < n - 1 ? ['县', 21 + k - 2] : ['市', 81];
      regions.push({
        code: `${code.slice(0, 4)}${String(seq).padStart(2, '0')}`,
        name: base + suffix,
        level: 'county',
        parentCode: code,
      });
    }
  });
  const counties = regions.filter((r) => r.level === 'county');
  if (counties.length !== 120) throw new Error(`expected 120 counties, made ${counties.length}`);

  // Departments and their people.
  const departments: DepartmentRow[] = [];
  const users: UserRow[] = [];
  const byRegion = new Map<string, DepartmentRow[]>();
  const contacts = new Map<string, { head: UserRow; staff: UserRow }>();
  const email = (local: string) => `${local}@${EMAIL_DOMAIN}`;
  for (const region of regions) {
    const level = region.level;
    const bureaus = level === 'province' ? 33 : level === 'city' ? 24 : 14;
    const suffix = level === 'province' ? '厅' : '局';
    const names = [
      `${region.name}人民政府`,
      level === 'county' ? `${region.name}人民政府教育督导室` : `${region.name}人民政府教育督导委员会办公室`,
      ...BUREAUS.slice(0, bureaus).map((b) => `${region.name}${b}${suffix}`),
      ...OTHERS.slice(0, level === 'county' ? 5 : 6).map((o) => `${region.name}${o}`),
    ];
    const list = names.map((name, n): DepartmentRow => ({
      id: uuid(),
      regionCode: region.code,
      name,
      kind: kindOf(name),
      isCountyGovernment: level === 'county' && n === 0,
      headUserId: null,
      tag: n === 0 ? 'government' : n === 1 ? 'office' : n === 2 ? 'education' : 'other',
    }));
    byRegion.set(region.code, list);
    list.forEach((d, n) => {
      const slug = `${region.code}.d${String(n).padStart(2, '0')}`;
      const head: UserRow = {
        id: uuid(),
        email: email(`head.${slug}`),
        name: person(),
        role: 'dept_head',
        departmentId: d.id,
      };
      const staff: UserRow = {
        id: uuid(),
        email: email(`staff.${slug}`),
        name: person(),
        role: 'staff',
        departmentId: d.id,
      };
      d.headUserId = head.id;
      users.push(head, staff);
      contacts.set(d.id, { head, staff });
      departments.push(d);
    });
    const office = list.find((d) => d.tag === 'office')!;
    const government = list.find((d) => d.tag === 'government')!;
    users.push(
      {
        id: uuid(),
        email: email(`office.${region.code}`),
        name: person(),
        role: 'office',
        departmentId: office.id,
      },
      {
        id: uuid(),
        email: email(`leader.${region.code}`),
        name: person(),
        role: 'leader',
        departmentId: government.id,
      },
    );
  }
  const admin: UserRow = {
    id: uuid(),
    email: email('admin'),
    name: '系统管理员',
    role: 'admin',
    departmentId: null,
  };
  users.push(admin);
  for (let k = 1; k <= 3; k++)
    users.push({
      id: uuid(),
      email: email(`inspector${k}`),
      name: person(),
      role: 'inspector',
      departmentId: null,
    });
  const userByEmail = new Map(users.map((u) => [u.email, u]));

  // Plans: the province's, each prefecture's, each county's.
  const plans: PlanRow[] = [];
  const items: ItemRow[] = [];
  const assignments: AssignmentRow[] = [];
  const itemAssignments = new Map<string, AssignmentRow[]>();
  for (const region of regions) {
    const level = region.level;
    const issuedOn = addDays('2022-01-10' as CalendarDate, int(0, 150));
    const abbreviation = level === 'province' ? '湘' : region.name.slice(0, 2);
    const list = byRegion.get(region.code)!;
    const office = list.find((d) => d.tag === 'office')!;
    const parent = region.parentCode ? plans.find((p) => p.regionCode === region.parentCode) : undefined;
    const plan: PlanRow = {
      id: uuid(),
      key: `province-${region.code}-2022`,
      title:
        level === 'county'
          ? `${region.name}创建全国义务教育优质均衡发展县实施方案（2022—2026年）`
          : `${region.name}推进县域义务教育优质均衡发展实施方案（2022—2026年）`,
      docNumber: `${abbreviation}政办发〔2022〕${int(3, 60)}号`,
      issuer: `${region.name}人民政府办公${level === 'province' ? '厅' : '室'}`,
      issuedOn,
      regionCode: region.code,
      implements: parent ? [parent.key] : [],
      officeDepartmentId: office.id,
      groupId: uuid(),
    };
    plans.push(plan);

    const createdAt = instantOn(addDays(issuedOn, int(3, 20)), random);
    let position = 0;
    const goals = level === 'province' ? 6 : level === 'city' ? 5 : 4;
    const tasksPerGoal = level === 'province' ? [5, 9] : level === 'city' ? [4, 7] : [3, 6];
    const measuresPerTask = level === 'province' ? [2, 4] : level === 'city' ? [1, 3] : [1, 2];
    const childCounties =
      level === 'county'
        ? [region]
        : counties.filter((c) => c.parentCode === region.code || level === 'province');
    const add = (
      fields: Pick<ItemRow, 'kind' | 'number' | 'title' | 'depth' | 'parentId' | 'ref'> &
        Partial<Pick<ItemRow, 'startOn' | 'dueOn' | 'dueText' | 'recurrence' | 'indicator'>>,
    ): ItemRow => {
      const item: ItemRow = {
        id: uuid(),
        planId: plan.id,
        position: position++,
        body: null,
        excerpt: `${fields.number}${fields.title}。`,
        startOn: null,
        dueOn: null,
        dueText: null,
        extendedDueOn: null,
        recurrence: null,
        indicator: null,
        createdAt,
        closedAt: null,
        closedByUserId: null,
        ...fields,
      };
      items.push(item);
      return item;
    };
    const assign = (item: ItemRow, lead: DepartmentRow, cooperating: DepartmentRow[]) => {
      const rows = [lead, ...cooperating.filter((d) => d.id !== lead.id)].map((d, n): AssignmentRow => ({
        id: uuid(),
        itemId: item.id,
        departmentId: d.id,
        role: n === 0 ? 'lead' : 'cooperate',
        acknowledgedAt: null,
        acknowledgedByUserId: null,
        createdAt,
      }));
      assignments.push(...rows);
      itemAssignments.set(item.id, rows);
    };
    const bureaus = list.filter((d) => d.tag === 'other' || d.tag === 'education');
    const education = list.find((d) => d.tag === 'education')!;
    const dueIn = () => {
      // due dates spread over the plan's five years, a few with a start date
      const due = addDays(issuedOn, int(150, 1800));
      const year = due.slice(0, 4);
      return { dueOn: due, dueText: random() < 0.5 ? `${year}年底前` : `${Number(due.slice(5, 7))}月底前` };
    };
    for (let g = 0; g < goals; g++) {
      const goal = add({
        kind: 'goal',
        number: `${CN_NUMBERS[g]}、`,
        title: GOALS[(g + int(0, 5)) % GOALS.length],
        depth: 0,
        parentId: null,
        ref: CN_NUMBERS[g],
      });
      const tasks = int(tasksPerGoal[0], tasksPerGoal[1]);
      for (let t = 0; t < tasks; t++) {
        const recurring = random() < 0.3;
        const task = add({
          kind: random() < 0.15 ? 'project' : 'task',
          number: `（${CN_NUMBERS[t % 10]}）`,
          title: pick(TASKS),
          depth: 1,
          parentId: goal.id,
          ref: `${CN_NUMBERS[g]}.(${t + 1})`,
          ...(recurring
            ? { recurrence: pick(['yearly', 'semester', 'quarterly', 'quarterly'] as const), dueOn: null }
            : dueIn()),
          startOn: random() < 0.3 ? addDays(issuedOn, int(10, 60)) : null,
          indicator: random() < 0.1 ? pick(INDICATORS) : null,
        });
        const lead = random() < 0.35 ? education : pick(bureaus);
        assign(
          task,
          lead,
          Array.from({ length: int(2, 4) }, () => pick(bureaus)).filter((d, n, a) => a.indexOf(d) === n),
        );
        const measures = int(measuresPerTask[0], measuresPerTask[1]);
        for (let m = 0; m < measures; m++) {
          const measure = add({
            kind: 'measure',
            number: `${m + 1}.`,
            title: `${task.title}：${pick(MEASURES)}`,
            depth: 2,
            parentId: task.id,
            ref: `${task.ref}.${m + 1}`,
            ...dueIn(),
          });
          assign(
            measure,
            lead,
            Array.from({ length: int(1, 4) }, () => pick(bureaus)).filter((d, n, a) => a.indexOf(d) === n),
          );
        }
      }
    }
    // Targets and the certification milestones (one per county in the plan's area; 2026 or 2027).
    for (let k = 0; k < (level === 'county' ? 3 : 2); k++) {
      const target = add({
        kind: 'target',
        number: `目标${k + 1}`,
        title: pick([
          '义务教育学校大班额全部消除',
          '校际差异系数小学不高于0.50、初中不高于0.45',
          '资源配置7项指标全部达标',
        ]),
        depth: 0,
        parentId: null,
        ref: `目标${k + 1}`,
        ...dueIn(),
        indicator: pick(INDICATORS),
      });
      assign(target, education, [list.find((d) => d.tag === 'government')!]);
    }
    for (const county of level === 'province' ? [] : childCounties) {
      const year = random() < 0.5 ? 2026 : 2027;
      const milestone = add({
        kind: 'milestone',
        number: `——${year}年${county.name}`,
        title: `${county.name}通过全国义务教育优质均衡发展县督导评估认定`,
        depth: 0,
        parentId: null,
        ref: `认定.${county.code}`,
        dueOn: `${year}-12-31` as CalendarDate,
        dueText: `${year}年`,
        indicator: 'CERT',
      });
      const countyList = byRegion.get(county.code)!;
      assign(
        milestone,
        countyList.find((d) => d.tag === 'government')!,
        [countyList.find((d) => d.tag === 'education')!],
      );
    }
  }

  // The flow over five years: 签收, reports (periodic for recurring items), reviews, extensions, 办结.
  const reports: ReportRow[] = [];
  const extensions: ExtensionRow[] = [];
  const officeOf = new Map(plans.map((p) => [p.id, userByEmail.get(email(`office.${p.regionCode}`))!]));
  const planOf = new Map(plans.map((p) => [p.id, p]));
  for (const item of items) {
    const rows = itemAssignments.get(item.id);
    if (!rows) continue;
    const plan = planOf.get(item.planId)!;
    const office = officeOf.get(plan.id)!;
    const created = item.createdAt.toISOString().slice(0, 10) as CalendarDate;
    let due = item.dueOn;
    // some deadlines were extended
    if (due && due < SEED_TODAY && random() < 0.06) {
      const lead = rows[0];
      const requested = addDays(due, int(30, 240));
      const decidedDay = addDays(due, -int(1, 10));
      const approved = random() < 0.8;
      extensions.push({
        id: uuid(),
        itemId: item.id,
        departmentId: lead.departmentId,
        reason: '受项目审批和资金拨付进度影响，需延期完成。',
        currentDueOn: due,
        requestedDueOn: requested,
        state: approved ? 'approved' : 'rejected',
        requestedByUserId: contacts.get(lead.departmentId)!.head.id,
        decidedByUserId: office.id,
        decidedAt: instantOn(decidedDay, random),
        createdAt: instantOn(addDays(decidedDay, -int(2, 8)), random),
      });
      if (approved) {
        item.extendedDueOn = requested;
        due = requested;
      }
    }
    const until = due && due < SEED_TODAY ? due : SEED_TODAY;
    const span = Math.max(1, daysBetween(created, until));
    const finished = due !== null && due < SEED_TODAY && random() < 0.72;
    const closedDay = finished ? addDays(due!, -int(0, Math.min(60, span))) : null;
    for (const a of rows) {
      const { head, staff } = contacts.get(a.departmentId)!;
      const ackDay = addDays(created, int(1, 12));
      const neverTouched = !finished && random() < 0.08;
      if (!neverTouched && ackDay <= SEED_TODAY) {
        a.acknowledgedAt = instantOn(ackDay, random);
        a.acknowledgedByUserId = head.id;
      }
      if (neverTouched || ackDay > SEED_TODAY) continue;
      // report days: each period for recurring items, else every two to four months, up to the end
      const keys = item.recurrence ? periods(item.recurrence, ackDay, closedDay ?? until) : [];
      const count = item.recurrence ? keys.length : Math.max(1, Math.floor(span / int(80, 150)));
      let percent = 0;
      let previous: ReportRow | null = null;
      for (let k = 0; k < count; k++) {
        const last = k === count - 1;
        const day = addDays(
          ackDay,
          Math.floor(((k + 1) * daysBetween(ackDay, closedDay ?? until)) / (count + 0.5)),
        );
        if (day > SEED_TODAY) break;
        percent = finished && last ? 100 : Math.min(95, percent + int(5, 30));
        const returned = !last && random() < 0.05;
        const pending = last && !finished && random() < 0.08;
        const submittedAt = instantOn(day, random);
        const report: ReportRow = {
          id: uuid(),
          itemId: item.id,
          assignmentId: a.id,
          departmentId: a.departmentId,
          period: item.recurrence ? keys[k] : 'once',
          text: pick(REPORT_TEXTS),
          percent,
          state: pending ? 'submitted' : returned ? 'returned' : 'approved',
          previousId: previous?.state === 'returned' ? previous.id : null,
          submittedByUserId: random() < 0.7 ? staff.id : head.id,
          submittedAt,
          reviewedByUserId: pending ? null : office.id,
          reviewedAt: pending ? null : new Date(submittedAt.getTime() + int(1, 72) * 3600_000),
          reviewComment: returned ? '佐证材料不完整，请补充后重新报送。' : null,
        };
        reports.push(report);
        previous = report;
      }
    }
    if (finished) {
      item.closedAt = instantOn(closedDay!, random);
      item.closedByUserId = office.id;
    }
  }

  const county = counties[Math.floor(counties.length / 3)];
  const countyList = byRegion.get(county.code)!;
  return {
    regions,
    departments,
    users,
    plans,
    items,
    assignments,
    reports,
    extensions,
    accounts: {
      admin,
      provinceOffice: userByEmail.get(email(`office.${PROVINCE_CODE}`))!,
      countyOffice: userByEmail.get(email(`office.${county.code}`))!,
      provinceLeader: userByEmail.get(email(`leader.${PROVINCE_CODE}`))!,
      countyDeptHead: contacts.get(countyList.find((d) => d.tag === 'education')!.id)!.head,
    },
  };
}

export type StatisticsTable = 'schools' | 'classes' | 'county' | 'attestations' | 'survey' | 'monitoring';
export type CountyStatistics = Record<StatisticsTable, string[]>;

/** The statistics template's tables as CSV files (名称 = table), the given counties' rows in each. */
export function statisticsFiles(
  counties: readonly CountyStatistics[],
): Array<{ name: string; data: Buffer }> {
  return (Object.keys(counties[0]) as StatisticsTable[]).map((table) => {
    const lines = counties.flatMap((c, n) => (n === 0 ? c[table] : c[table].slice(1)));
    return { name: `${table}.csv`, data: Buffer.from(`${lines.join('\n')}\n`) };
  });
}

/**
 * One school year of statistics for a county: the lines (header first) of each table of the statistics
 * template (schools, classes, county, attestations, survey, monitoring); ≈ 100 school rows, ≈ 1,900 classes.
 */
export function countyStatistics(code: string, name: string, year: number, seed: number): CountyStatistics {
  const random = prng(seed);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  const schools = [
    '学校标识码,学校名称,县区代码,县区名称,办学类型,学段,城乡类型,学生数,小学学生数,初中学生数,班级数,高于规定学历教师数,县级以上骨干教师数,体育艺术专任教师数,专任教师数,持证专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数,音乐专用教室数,音乐专用教室最小面积,美术专用教室数,美术专用教室最小面积,年度公用经费预算,教师培训经费',
  ];
  const classes = ['学校标识码,学段,年级,班级,学生数'];
  const monitoring = ['县区代码,学校标识码,学科,Ⅲ级以上比例,平均分'];
  const size = (limit: number) => {
    const r = random();
    return r < 0.9
      ? int(limit - 14, limit)
      : r < 0.97
        ? int(limit + 1, 55)
        : r < 0.995
          ? int(56, 65)
          : int(66, 72);
  };
  const count = int(80, 120);
  for (let seq = 1; seq <= count; seq++) {
    const schoolCode = `${code}${String(seq).padStart(4, '0')}`;
    const kind = seq % 10 === 0 ? 'nine_year' : seq % 4 === 0 ? 'junior' : 'primary';
    let primary = 0;
    let junior = 0;
    const primaryClasses = kind === 'junior' ? 0 : int(8, 30);
    const juniorClasses = kind === 'primary' ? 0 : int(8, 22);
    for (let k = 0; k < primaryClasses; k++) {
      const n = size(45);
      primary += n;
      classes.push(`${schoolCode},小学,${(k % 6) + 1},${(k % 6) + 1}年级${Math.floor(k / 6) + 1}班,${n}`);
    }
    for (let k = 0; k < juniorClasses; k++) {
      const n = size(50);
      junior += n;
      classes.push(`${schoolCode},初中,${(k % 3) + 7},${(k % 3) + 7}年级${Math.floor(k / 3) + 1}班,${n}`);
    }
    const students = primary + junior;
    const isJunior = kind === 'junior';
    const q = (threshold: number) => threshold * between(0.85, 1.6);
    const per100 = (threshold: number) => Math.round((q(threshold) * students) / 100);
    const fullTime = Math.round(students / 13) + 1;
    schools.push(
      [
        schoolCode,
        `${name}第${seq}${kind === 'junior' ? '中学' : kind === 'nine_year' ? '九年制学校' : '小学'}`,
        code,
        name,
        kind === 'nine_year' ? '九年一贯制' : isJunior ? '初中' : '小学',
        kind === 'nine_year' ? '合并' : isJunior ? '初中' : '小学',
        random() < 0.5 ? '城区' : '乡村',
        students,
        kind === 'nine_year' ? primary : '',
        kind === 'nine_year' ? junior : '',
        primaryClasses + juniorClasses,
        per100(isJunior ? 5.3 : 4.2),
        per100(1),
        per100(0.9),
        fullTime,
        fullTime,
        Math.round(q(isJunior ? 5.8 : 4.5) * students),
        Math.round(q(isJunior ? 10.2 : 7.5) * students),
        Math.round(q(isJunior ? 2500 : 2000) * students),
        per100(isJunior ? 2.4 : 2.3),
        Math.ceil((primaryClasses + juniorClasses) / 12),
        int(92, 120),
        Math.ceil((primaryClasses + juniorClasses) / 12),
        int(88, 110),
        students * 800,
        Math.round(students * 800 * between(0.045, 0.09)),
      ].join(','),
    );
    if (seq <= 12) {
      for (const subject of ['数学', '科学'])
        monitoring.push(
          `${code},${schoolCode},${subject},${(between(0.5, 0.85) * 100).toFixed(1)}%,${between(470, 540).toFixed(1)}`,
        );
    }
  }
  const rate = (lo: number, hi: number) => `${(between(lo, hi) * 100).toFixed(1)}%`;
  const county = [
    '县区代码,县区名称,学年,不足百人学校按百人核定公用经费,特殊教育学校生均公用经费,教师平均工资收入,公务员平均工资收入,五年360学时培训完成率,符合交流条件教师数,交流轮岗教师数,交流轮岗骨干教师数,城镇小学就近划片入学比例,城镇初中就近划片入学比例,优质高中招生名额分配比例,随迁子女公办及购买服务学位就读比例,初中三年巩固率,残疾儿童少年入学率',
    [
      code,
      name,
      year,
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
  ];
  const attestations = ['县区代码,指标,结论,佐证材料,认定单位,认定日期'];
  for (const item of ['G1', 'G2', 'G10', 'G15a', 'Q3', 'Q5', 'Q6', 'Q7', 'Q8'])
    attestations.push(
      `${code},${item},${random() < 0.97 ? '是' : '否'},${name}${item}佐证材料,${name}教育局,${year}-11-20`,
    );
  for (const item of ['V1', 'V2', 'V3', 'V4', 'V5', 'V6'])
    attestations.push(`${code},${item},否,${name}承诺书,${name}人民政府,${year}-11-20`);
  const survey = ['县区代码,调查对象,调查人数,满意人数'];
  for (const group of ['学生', '家长', '教师', '校长', '人大代表', '政协委员', '其他']) {
    const n = int(20, 1500);
    survey.push(`${code},${group},${n},${Math.round(n * between(0.8, 0.97))}`);
  }
  return { schools, classes, county, attestations, survey, monitoring };
}
