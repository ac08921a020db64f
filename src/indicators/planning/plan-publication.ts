/**
 * A phased certification plan as plan items (纳入方案): one item per resource type and year under one project
 * item, each with its deadline (the year's 31 August, never after the milestone), its indicator (R1–R7, G5 for
 * large classes) so that the next statistics import attaches evidence to it and it can be closed (销号) on that
 * evidence, and lead departments by resource taken from the plan's own department list:
 * 教育局 for teachers and equipment, 自然资源 and 住建 for land and buildings, 财政局 for the funds. Pure.
 */
import type { RowLevel } from '../engine/county-data';
import type { CertificationPlan } from './certification-planner';
import { ADDITION_LABELS_ZH, type AdditionKind } from './cost-table';
import type { PhaseItem, PhasedPlan } from './phasing';

export type DepartmentRole = 'education' | 'finance' | 'land' | 'construction';

export interface PlanDepartment {
  id: string;
  name: string;
  regionCode: string;
}

/** How a department's name shows its role (county bureaus first, see chooseDepartments). */
const ROLE_PATTERNS: Record<DepartmentRole, RegExp> = {
  education: /教育(和体育|体育)?局$|教体局$/u,
  finance: /财政局$/u,
  land: /自然资源(和规划)?局$/u,
  construction: /住房和城乡建设局$|住建局$/u,
};

export const DEPARTMENT_ROLE_ZH: Record<DepartmentRole, string> = {
  education: '教育局',
  finance: '财政局',
  land: '自然资源局',
  construction: '住房和城乡建设局',
};

/** The department of each role, the county's own before the plan's other ones; absent roles are missing. */
export function chooseDepartments(
  departments: readonly PlanDepartment[],
  countyCode: string,
): Partial<Record<DepartmentRole, PlanDepartment>> {
  const out: Partial<Record<DepartmentRole, PlanDepartment>> = {};
  const ordered = [...departments].sort(
    (a, b) => Number(b.regionCode === countyCode) - Number(a.regionCode === countyCode),
  );
  for (const role of Object.keys(ROLE_PATTERNS) as DepartmentRole[]) {
    const found = ordered.find((d) => ROLE_PATTERNS[role].test(d.name));
    if (found) out[role] = found;
  }
  return out;
}

/** A resource group: the phase kinds it gathers, its indicator and who leads and cooperates. */
interface Group {
  key: string;
  kinds: string[];
  indicator: string | null;
  name: string;
  unit: string;
  lead: DepartmentRole[];
  cooperate: DepartmentRole[];
}

const label = (kind: AdditionKind) => ADDITION_LABELS_ZH[kind];
const GROUPS: Group[] = [
  ...(
    [
      ['teachers_above_degree', 'R1', '补充'],
      ['key_teachers', 'R2', '培养'],
      ['pe_art_teachers', 'R3', '补充'],
    ] as const
  ).map(([kind, indicator, verb]): Group => ({
    key: kind,
    kinds: [kind, `transfer_in:${kind}`],
    indicator,
    name: `${verb}${label(kind).name}`,
    unit: label(kind).unit,
    lead: ['education'],
    cooperate: ['finance'],
  })),
  {
    key: 'teaching_area_m2',
    kinds: ['teaching_area_m2'],
    indicator: 'R4',
    name: `新建、改扩建${label('teaching_area_m2').name}`,
    unit: label('teaching_area_m2').unit,
    lead: ['land', 'construction'],
    cooperate: ['education', 'finance'],
  },
  {
    key: 'sports_area_m2',
    kinds: ['sports_area_m2'],
    indicator: 'R5',
    name: `新建、改扩建${label('sports_area_m2').name}`,
    unit: label('sports_area_m2').unit,
    lead: ['land', 'construction'],
    cooperate: ['education', 'finance'],
  },
  {
    key: 'equipment_value_yuan',
    kinds: ['equipment_value_yuan'],
    indicator: 'R6',
    name: `购置${label('equipment_value_yuan').name}`,
    unit: label('equipment_value_yuan').unit,
    lead: ['education'],
    cooperate: ['finance'],
  },
  {
    key: 'multimedia_rooms',
    kinds: ['multimedia_rooms'],
    indicator: 'R7',
    name: `建设${label('multimedia_rooms').name}`,
    unit: label('multimedia_rooms').unit,
    lead: ['education'],
    cooperate: ['finance'],
  },
  {
    key: 'large_class_teachers',
    kinds: ['large_class_teachers'],
    indicator: 'G5',
    name: '增设班级、配备教师，消除超标准班额',
    unit: '人',
    lead: ['education'],
    cooperate: ['finance'],
  },
];

export interface PublishedItem {
  ref: string;
  parentRef?: string;
  kind: 'project' | 'task';
  number: string;
  title: string;
  body: string;
  dueOn: string;
  indicator: string | null;
  assignments: { departmentId: string; role: 'lead' | 'cooperate' }[];
}

export interface Publication {
  items: PublishedItem[];
  /** Roles the plan's department list has no department for (those items carry no such lead). */
  missingDepartments: DepartmentRole[];
}

const yuan = (n: number) => `${Math.round(n).toLocaleString('en-US')} 元`;

export function publicationItems(input: {
  plan: CertificationPlan;
  phased: PhasedPlan;
  countyName: string;
  milestone: { year: number; due: string };
  departments: Partial<Record<DepartmentRole, PlanDepartment>>;
}): Publication {
  const { plan, phased, countyName, milestone, departments } = input;
  const missing = new Set<DepartmentRole>();
  const assign = (lead: DepartmentRole[], cooperate: DepartmentRole[]) => {
    const out: PublishedItem['assignments'] = [];
    for (const [roles, role] of [
      [lead, 'lead'],
      [cooperate, 'cooperate'],
    ] as const) {
      for (const r of roles) {
        const d = departments[r];
        if (!d) missing.add(r);
        else if (!out.some((a) => a.departmentId === d.id)) out.push({ departmentId: d.id, role });
      }
    }
    return out;
  };
  const names = new Map(plan.schools.map((s) => [`${s.school_code}|${s.level}`, s.school_name]));
  const schoolOf = (i: { school_code: string; level: RowLevel }) =>
    names.get(`${i.school_code}|${i.level}`) ?? i.school_code;

  const root = `达标测算.${plan.county_code}.${plan.school_year}`;
  const unfundedYuan = phased.unfunded.reduce((sum, i) => sum + i.cost_yuan, 0);
  const items: PublishedItem[] = [
    {
      ref: root,
      kind: 'project',
      number: '达标测算',
      title: `${countyName}义务教育优质均衡资源配置补短板（${milestone.year}年创建）`,
      body: [
        `依据 ${plan.school_year} 学年统计数据测算：资源配置达标最低总成本 ${yuan(plan.total_cost_yuan)}` +
          (plan.optimality_gap ? `（与最优解相差不超过 ${(plan.optimality_gap * 100).toFixed(2)}%）` : '') +
          `，成本表 ${plan.cost_table}。`,
        unfundedYuan > 0
          ? `按年度预算上限，到创建年份仍缺资金 ${yuan(unfundedYuan)}，需提高年度预算或调整创建年份。`
          : '分年度实施，创建年份前全部完成。',
      ].join(''),
      dueOn: phased.years.at(-1)?.due ?? milestone.due,
      indicator: null,
      assignments: assign(['education'], ['finance', 'land', 'construction']),
    },
  ];
  let n = 0;
  for (const year of phased.years) {
    if (year.items.length === 0) continue;
    for (const group of GROUPS) {
      const parts = year.items.filter((i) => group.kinds.includes(i.kind));
      if (parts.length === 0) continue;
      const amount = parts.reduce((sum, i) => sum + i.amount, 0);
      const cost = parts.reduce((sum, i) => sum + i.cost_yuan, 0);
      const bySchool = parts
        .map(
          (i: PhaseItem) =>
            `${schoolOf(i)}${i.kind.startsWith('transfer_in:') ? '（交流轮岗调入）' : ''} ${i.amount.toLocaleString('en-US')} ${group.unit}`,
        )
        .join('，');
      items.push({
        ref: `${root}.${year.year}.${group.key}`,
        parentRef: root,
        kind: 'task',
        number: `${++n}.`,
        title: `${year.year}年${group.name} ${amount.toLocaleString('en-US')} ${group.unit}`,
        body: `${bySchool}。预算 ${yuan(cost)}。`,
        dueOn: year.due,
        indicator: group.indicator,
        assignments: assign(group.lead, group.cooperate),
      });
    }
    items.push({
      ref: `${root}.${year.year}.funds`,
      parentRef: root,
      kind: 'task',
      number: `${++n}.`,
      title: `${year.year}年落实达标建设资金 ${yuan(year.cost_yuan)}`,
      body: `纳入 ${year.year} 年预算，保障当年补短板项目实施。`,
      dueOn: year.due,
      indicator: null,
      assignments: assign(['finance'], ['education']),
    });
  }
  return { items, missingDepartments: [...missing] };
}
