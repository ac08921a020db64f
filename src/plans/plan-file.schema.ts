/**
 * The plan-file format (`config/plans/*.yaml`, contract: config/plans/README.md).
 *
 * `parsePlanFile` is pure: YAML text in, a typed plan out, or a `PlanFileError` that lists every problem at
 * once, each as `<file>: <path in the file>: <what is wrong>`. Checks beyond the shape: real calendar dates,
 * unique item refs, department refs that exist (lead, cooperate, leadership group), department names in
 * Simplified script, 6-digit region codes. Department refs are matched after width/script normalisation and
 * returned exactly as declared in `departments`.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { isRealIsoDate, RECURRENCES, type DatedWording, type Recurrence } from './deadline-reading.policy';
import { normalizeDepartmentName, toSimplified } from '../common/text-normalization';

export const PLAN_FILE_SCHEMA = 'duban.plan/v1';

export const ITEM_KINDS = ['goal', 'task', 'measure', 'project', 'milestone', 'target'] as const;
export const COMPARATORS = ['>=', '>', '<=', '<', '='] as const;
export const TARGET_UNITS = [
  'ratio',
  'students',
  'teachers',
  'm2',
  'yuan',
  'classes',
  'schools',
  'rooms',
  'per_100_students',
  'hours',
  'years',
  'count',
] as const;
/**
 * What a target compares with when the text names no number: "高于上年" (the county's own value of the year
 * before), "不低于省定基准" / "达到国家和区定标准" (the province's or autonomous region's standard) or
 * "控制在规定的指标范围内" (a limit set elsewhere that the text does not quote). Such a target has no `value`.
 */
export const TARGET_REFERENCES = ['previous_year', 'provincial_standard', 'prescribed_limit'] as const;
/**
 * How strictly the text words the target: 全面/全部 (`fully`) or 基本 (`largely`: "基本消除大班额"). How
 * evidence judges `largely` is the rule set's business (docs/indicators.md §7).
 */
export const TARGET_QUALIFIERS = ['fully', 'largely'] as const;
export const GROUP_ROLES = ['leader', 'deputy_leader', 'member', 'office_director'] as const;
export const SOURCE_SCRIPTS = ['simplified', 'traditional'] as const;
export const DEPARTMENT_EXPANSIONS = ['county_governments'] as const;
/** Indicator ids of docs/indicators.md. */
export const INDICATOR_IDS = [
  ...['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7'],
  ...Array.from({ length: 15 }, (_, i) => `G${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `Q${i + 1}`),
  'S',
  'CERT',
] as const;

export type ItemKind = (typeof ITEM_KINDS)[number];
export type Comparator = (typeof COMPARATORS)[number];
export type TargetUnit = (typeof TARGET_UNITS)[number];
export type TargetReference = (typeof TARGET_REFERENCES)[number];
export type TargetQualifier = (typeof TARGET_QUALIFIERS)[number];
export type GroupRole = (typeof GROUP_ROLES)[number];
export type SourceScript = (typeof SOURCE_SCRIPTS)[number];
export type DepartmentExpansion = (typeof DEPARTMENT_EXPANSIONS)[number];
export type { DatedWording, Recurrence };

// --------------------------------------------------------------------------------------------- types

export interface PlanFileDepartment {
  /** how items refer to it (Simplified, as the text names it) */
  ref: string;
  /** full official name (Simplified); absent only for an `expand` entry */
  name?: string;
  /** 6-digit region code */
  region: string;
  /** one department per county government of `region`, created by the importer */
  expand?: DepartmentExpansion;
  aliases: string[];
}

export interface PlanFileGroupMember {
  name: string;
  group_role: GroupRole;
  post: string;
  department: string | null;
}

export interface PlanFileLeadershipGroup {
  name: string;
  office_department: string | null;
  members: PlanFileGroupMember[];
}

/** A bound on one unit: "a class of 56 or more pupils" is `{comparator: ">=", value: 56, unit: students}`. */
export interface PlanFileBound {
  comparator: Comparator;
  value: number;
  unit: TargetUnit;
}

export interface PlanFileTarget {
  metric: string;
  comparator: Comparator;
  /** the number compared with; null when `reference` names what is compared with instead */
  value: number | null;
  unit: TargetUnit;
  scope: string;
  due?: string | null;
  indicator?: string | null;
  /** compared with last year's value or the provincial benchmark instead of a number */
  reference?: TargetReference | null;
  /** 全面 (fully) or 基本 (largely), when the text says which */
  qualifier?: TargetQualifier | null;
  /** which units the metric counts, e.g. 大班额 = classes of ≥ 56 pupils (for counts of classes, schools …) */
  counted_if?: PlanFileBound | null;
  text: string;
}

/** An incentive the plan promises (a reward, not a target to track): "给予500万元奖励". */
export interface PlanFileIncentive {
  amount: number;
  unit: TargetUnit;
  /** who receives it, e.g. county */
  scope: string;
  text: string;
}

export interface PlanFileItem {
  ref: string;
  number: string;
  kind: ItemKind;
  title: string;
  body?: string | null;
  excerpt: string;
  start?: DatedWording | null;
  due?: DatedWording | null;
  recurrence?: Recurrence | null;
  indicator?: string | null;
  lead: string[];
  cooperate: string[];
  targets: PlanFileTarget[];
  /** rewards the item promises; not targets (nothing to meet), shown with the item */
  incentives?: PlanFileIncentive[];
  children: PlanFileItem[];
}

export interface PlanFile {
  schema: typeof PLAN_FILE_SCHEMA;
  key: string;
  title: string;
  doc_number: string | null;
  issuer: string;
  issued_on: string;
  region: string;
  implements: string[];
  source: { file: string; script: SourceScript };
  departments: PlanFileDepartment[];
  leadership_group?: PlanFileLeadershipGroup | null;
  items: PlanFileItem[];
}

export interface PlanFileIssue {
  /** path in the file, e.g. `items[3].children[0].due.date` (empty for the document itself) */
  path: string;
  message: string;
  /** 1-based line of the offending node, when known */
  line?: number;
}

export class PlanFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly issues: PlanFileIssue[],
  ) {
    super(
      `${fileName} is not a valid plan file (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  ${fileName}: ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n'),
    );
    this.name = 'PlanFileError';
  }
}

// -------------------------------------------------------------------------------------------- schema

const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

/** YAML 1.1 files may turn 2020-12-31 into a timestamp; keep the date as written. */
const dateAsText = (value: unknown) =>
  value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;

const isoDate = z.preprocess(
  dateAsText,
  z.string().superRefine((value, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: `${show(value)} is not a date in YYYY-MM-DD form` });
    } else if (!isRealIsoDate(value)) {
      ctx.addIssue({ code: 'custom', message: `${show(value)} is not a real date` });
    }
  }),
);

const text = z.string().trim().min(1, 'must not be empty');

const regionCode = z.string().superRefine((value, ctx) => {
  if (!/^\d{6}$/.test(value))
    ctx.addIssue({ code: 'custom', message: `${show(value)} is not a 6-digit region code` });
});

const snakeCase = z.string().superRefine((value, ctx) => {
  if (!/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(value)) {
    ctx.addIssue({ code: 'custom', message: `${show(value)} is not a snake_case name` });
  }
});

const indicatorId = z.enum(INDICATOR_IDS as unknown as [string, ...string[]]);

const datedWording = z.object({ date: isoDate, text }).strict();

const department = z
  .object({
    ref: text,
    name: text.optional(),
    region: regionCode,
    expand: z.enum(DEPARTMENT_EXPANSIONS).optional(),
    aliases: z.array(text).default([]),
  })
  .strict();

const groupMember = z
  .object({
    name: text,
    group_role: z.enum(GROUP_ROLES),
    post: text,
    department: text.nullable().default(null),
  })
  .strict();

const leadershipGroup = z
  .object({
    name: text,
    office_department: text.nullable().default(null),
    members: z.array(groupMember).default([]),
  })
  .strict();

const bound = z
  .object({ comparator: z.enum(COMPARATORS), value: z.number().finite(), unit: z.enum(TARGET_UNITS) })
  .strict();

const target = z
  .object({
    metric: snakeCase,
    comparator: z.enum(COMPARATORS),
    value: z.number().finite().nullable().default(null),
    unit: z.enum(TARGET_UNITS),
    scope: snakeCase,
    due: isoDate.nullable().optional(),
    indicator: indicatorId.nullable().optional(),
    reference: z.enum(TARGET_REFERENCES).nullable().optional(),
    qualifier: z.enum(TARGET_QUALIFIERS).nullable().optional(),
    counted_if: bound.nullable().optional(),
    text,
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.value === null && !t.reference) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: 'is required (or give `reference` when the target compares with last year or a benchmark)',
      });
    }
    if (t.value !== null && t.reference) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `must be left out when \`reference\` is ${show(t.reference)} (the target compares with that)`,
      });
    }
    if (t.unit === 'ratio' && t.value !== null && (t.value < 0 || t.value > 1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${t.value} is not a ratio between 0 and 1 (write 95% as 0.95)`,
      });
    }
  });

const incentive = z
  .object({ amount: z.number().finite().positive(), unit: z.enum(TARGET_UNITS), scope: snakeCase, text })
  .strict();

const item: z.ZodType<PlanFileItem, z.ZodTypeDef, unknown> = z.lazy(() =>
  z
    .object({
      ref: text,
      number: text,
      kind: z.enum(ITEM_KINDS),
      title: text,
      body: z.string().nullable().optional(),
      excerpt: text,
      start: datedWording.nullable().optional(),
      due: datedWording.nullable().optional(),
      recurrence: z.enum(RECURRENCES).nullable().optional(),
      indicator: indicatorId.nullable().optional(),
      lead: z.array(text).default([]),
      cooperate: z.array(text).default([]),
      targets: z.array(target).default([]),
      incentives: z.array(incentive).default([]),
      children: z.array(item).default([]),
    })
    .strict(),
);

const planFile = z
  .object({
    schema: z.literal(PLAN_FILE_SCHEMA),
    key: z.string().superRefine((value, ctx) => {
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: `${show(value)} is not lower-case words joined by "-"` });
      }
    }),
    title: text,
    doc_number: text.nullable(),
    issuer: text,
    issued_on: isoDate,
    region: regionCode,
    implements: z.array(text).default([]),
    source: z.object({ file: text, script: z.enum(SOURCE_SCRIPTS) }).strict(),
    departments: z.array(department).min(1, 'must list at least one department'),
    leadership_group: leadershipGroup.nullable().optional(),
    items: z.array(item).min(1, 'must list at least one item'),
  })
  .strict();

// ------------------------------------------------------------------------------------ zod → messages

type Path = (string | number)[];

function formatPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const p of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[p];
  }
  return node;
}

function describeZodIssue(issue: z.ZodIssue, root: unknown): PlanFileIssue[] {
  const at = (path: Path, message: string): PlanFileIssue => ({ path: formatPath(path), message });
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.received === 'undefined') return [at(issue.path, 'is required')];
      const value = valueAt(root, issue.path);
      const expected =
        issue.expected === 'object' ? 'a mapping' : issue.expected === 'array' ? 'a list' : issue.expected;
      const hint = issue.expected === 'string' && typeof value === 'number' ? ` (quote it: "${value}")` : '';
      return [at(issue.path, `expected ${expected}, got ${issue.received} ${show(value)}${hint}`)];
    }
    case 'invalid_enum_value':
      return [at(issue.path, `${show(issue.received)} is not one of ${issue.options.join(', ')}`)];
    case 'invalid_literal':
      return [at(issue.path, `expected ${show(issue.expected)}, got ${show(valueAt(root, issue.path))}`)];
    case 'unrecognized_keys':
      return issue.keys.map((key) => at([...issue.path, key], 'unknown key'));
    default:
      return [at(issue.path, issue.message)];
  }
}

// --------------------------------------------------------------------------- checks across the file

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

interface DepartmentIndex {
  /** normalised ref → ref as declared */
  refs: Map<string, string>;
  /** normalised alias → ref it belongs to */
  aliases: Map<string, string>;
}

function checkDepartments(root: Record<string, unknown>, issues: PlanFileIssue[]): DepartmentIndex {
  const refs = new Map<string, string>();
  const aliases = new Map<string, string>();
  const firstSeen = new Map<string, string>(); // normalised ref or alias → where it was first declared
  const requireSimplified = (value: unknown, path: string) => {
    if (typeof value === 'string' && toSimplified(value) !== value) {
      issues.push({
        path,
        message: `${show(value)} is not in Simplified script (expected ${show(toSimplified(value))})`,
      });
    }
  };
  const claim = (value: unknown, path: string) => {
    if (typeof value !== 'string') return false;
    const key = normalizeDepartmentName(value);
    const earlier = firstSeen.get(key);
    if (earlier) {
      issues.push({ path, message: `${show(value)} is already declared at ${earlier}` });
      return false;
    }
    firstSeen.set(key, path);
    return true;
  };

  asArray(root.departments).forEach((d, i) => {
    if (!isRecord(d)) return;
    const at = `departments[${i}]`;
    requireSimplified(d.ref, `${at}.ref`);
    requireSimplified(d.name, `${at}.name`);
    if (d.expand === undefined && d.name === undefined) {
      issues.push({ path: `${at}.name`, message: 'is required (only an `expand` entry may omit it)' });
    }
    if (claim(d.ref, `${at}.ref`)) refs.set(normalizeDepartmentName(d.ref as string), d.ref as string);
    asArray(d.aliases).forEach((alias, j) => {
      requireSimplified(alias, `${at}.aliases[${j}]`);
      if (claim(alias, `${at}.aliases[${j}]`) && typeof d.ref === 'string') {
        aliases.set(normalizeDepartmentName(alias as string), d.ref);
      }
    });
  });
  return { refs, aliases };
}

function checkDepartmentRef(value: unknown, path: string, index: DepartmentIndex, issues: PlanFileIssue[]) {
  if (typeof value !== 'string' || value.trim() === '') return; // the shape check reports it
  const key = normalizeDepartmentName(value);
  if (index.refs.has(key)) return;
  const aliasOf = index.aliases.get(key);
  issues.push({
    path,
    message: aliasOf
      ? `department ${show(value)} is an alias; refer to it by its ref ${show(aliasOf)}`
      : `unknown department ${show(value)} (not a ref in departments)`,
  });
}

function checkItems(
  items: unknown,
  at: string,
  index: DepartmentIndex,
  seen: Map<string, string>,
  issues: PlanFileIssue[],
) {
  asArray(items).forEach((it, i) => {
    if (!isRecord(it)) return;
    const path = `${at}[${i}]`;
    if (typeof it.ref === 'string') {
      const earlier = seen.get(it.ref);
      if (earlier)
        issues.push({
          path: `${path}.ref`,
          message: `duplicate item ref ${show(it.ref)} (also at ${earlier})`,
        });
      else seen.set(it.ref, path);
    }
    for (const field of ['lead', 'cooperate'] as const) {
      asArray(it[field]).forEach((ref, j) =>
        checkDepartmentRef(ref, `${path}.${field}[${j}]`, index, issues),
      );
    }
    const start = isRecord(it.start) ? dateAsText(it.start.date) : undefined;
    const due = isRecord(it.due) ? dateAsText(it.due.date) : undefined;
    if (
      typeof start === 'string' &&
      typeof due === 'string' &&
      isRealIsoDate(start) &&
      isRealIsoDate(due) &&
      start > due
    ) {
      issues.push({
        path: `${path}.start.date`,
        message: `${show(start)} is after the due date ${show(due)}`,
      });
    }
    checkItems(it.children, `${path}.children`, index, seen, issues);
  });
}

function checkAcrossFile(root: unknown): PlanFileIssue[] {
  const issues: PlanFileIssue[] = [];
  if (!isRecord(root)) return issues;
  const index = checkDepartments(root, issues);
  const group = root.leadership_group;
  if (isRecord(group)) {
    checkDepartmentRef(group.office_department, 'leadership_group.office_department', index, issues);
    asArray(group.members).forEach((m, i) => {
      if (!isRecord(m)) return;
      checkDepartmentRef(m.department, `leadership_group.members[${i}].department`, index, issues);
      if (typeof m.name === 'string' && (/\s/.test(m.name) || toSimplified(m.name) !== m.name)) {
        issues.push({
          path: `leadership_group.members[${i}].name`,
          message: `${show(m.name)} must be Simplified with no spaces (expected ${show(toSimplified(m.name).replace(/\s+/g, ''))})`,
        });
      }
    });
  }
  checkItems(root.items, 'items', index, new Map(), issues);
  return issues;
}

// ------------------------------------------------------------------------------------------- parsing

/** Rewrites department refs to the exact `ref` they match (after normalisation). */
function canonicalRefs(plan: PlanFile): PlanFile {
  const byKey = new Map(plan.departments.map((d) => [normalizeDepartmentName(d.ref), d.ref]));
  const canon = (ref: string) => byKey.get(normalizeDepartmentName(ref)) ?? ref;
  const walk = (items: PlanFileItem[]): PlanFileItem[] =>
    items.map((it) => ({
      ...it,
      lead: it.lead.map(canon),
      cooperate: it.cooperate.map(canon),
      children: walk(it.children),
    }));
  const group = plan.leadership_group;
  return {
    ...plan,
    leadership_group: group
      ? {
          ...group,
          office_department: group.office_department === null ? null : canon(group.office_department),
          members: group.members.map((m) => ({
            ...m,
            department: m.department === null ? null : canon(m.department),
          })),
        }
      : group,
    items: walk(plan.items),
  };
}

/**
 * Parses and validates one plan file. `fileName` is only used in messages.
 * @throws PlanFileError listing every problem found
 */
/** The plan's source document: `source.file` is a path relative to the plan file (`sources/anxi-2019.txt`). */
export function planSourcePath(planFilePath: string, plan: Pick<PlanFile, 'source'>): string {
  return resolve(dirname(planFilePath), plan.source.file);
}

export function parsePlanFile(yamlText: string, fileName: string): PlanFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PlanFileError(
      fileName,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return {
          path: '',
          line: pos.line,
          message: `line ${pos.line}, column ${pos.col}: ${e.message.split('\n')[0]}`,
        };
      }),
    );
  }
  const raw: unknown = doc.toJS();
  if (!isRecord(raw))
    throw new PlanFileError(fileName, [{ path: '', message: 'expected a mapping at the top level' }]);

  const result = planFile.safeParse(raw);
  const issues = [
    ...(result.success ? [] : result.error.issues.flatMap((issue) => describeZodIssue(issue, raw))),
    ...checkAcrossFile(raw),
  ];
  if (issues.length > 0 || !result.success) {
    const lineOf = (path: string): number | undefined => {
      const segments = path
        .split(/\.|(?=\[)/)
        .filter(Boolean)
        .map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s));
      for (let n = segments.length; n >= 0; n--) {
        const node = doc.getIn(segments.slice(0, n), true) as
          { range?: [number, number, number] } | undefined;
        if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    };
    const located = issues.map((issue, order) => ({ ...issue, line: lineOf(issue.path), order }));
    located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.order - b.order);
    throw new PlanFileError(
      fileName,
      located.map(({ order: _order, ...issue }) => issue),
    );
  }
  return canonicalRefs(result.data as PlanFile);
}

/** Reads and parses a plan file from disk. */
export async function loadPlanFile(path: string): Promise<PlanFile> {
  return parsePlanFile(await readFile(path, 'utf8'), basename(path));
}

// ------------------------------------------------------------------------------------------- helpers

export interface FlatPlanItem {
  item: PlanFileItem;
  /** ref of the parent item, null at the top level */
  parentRef: string | null;
  /** nesting depth, 0 at the top level */
  depth: number;
}

/** Every item of the tree, in document order (parents before their children). */
export function flattenPlanItems(
  items: PlanFileItem[],
  parentRef: string | null = null,
  depth = 0,
): FlatPlanItem[] {
  return items.flatMap((item) => [
    { item, parentRef, depth },
    ...flattenPlanItems(item.children, item.ref, depth + 1),
  ]);
}

/** Item count in total and per kind (every kind present, 0 when absent). */
export function countPlanItems(plan: Pick<PlanFile, 'items'>): {
  total: number;
  byKind: Record<ItemKind, number>;
} {
  const byKind = Object.fromEntries(ITEM_KINDS.map((k) => [k, 0])) as Record<ItemKind, number>;
  const all = flattenPlanItems(plan.items);
  for (const { item } of all) byKind[item.kind] += 1;
  return { total: all.length, byKind };
}
