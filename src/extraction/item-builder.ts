/**
 * Turns the outline of a plan into plan-file items: number and ref, title (the heading up to its full stop),
 * kind (from the section: 指导思想/目标 → goal, 任务 → task, 措施/保障/要求 → measure; 项目N → project; one-line
 * clause lists → target), dates (the shared deadline rules), quantitative targets, county schedules (one
 * milestone per county) and dated target lists ("目标：2017年，…；2018年，…" → one target item per year).
 * Departments are read later, once the whole plan's departments are known. Pure.
 */
import { readDeadline, type DeadlineReading } from '../plans/deadline-reading.policy';
import type { ItemKind, PlanFileItem, PlanFileTarget, SourceScript } from '../plans/plan-file.schema';
import type { ReaderContext } from './department-mentions';
import { findMentions } from './department-mentions';
import type { DepartmentAssignment } from './department-reader';
import type { FieldProvenance } from './extraction.types';
import type { OutlineNode } from './heading-parser';
import { qualitativeIndicatorFor } from './indicator-matching';
import {
  type CountySchedule,
  readCountySchedule,
  readDatedSchedule,
  readRunningSchedules,
} from './schedule-reader';
import { blankWhere, comparable, displayText, maskNames } from './source-text';
import { readTargets } from './target-reader';

// ---------------------------------------------------------------------------------------------- kinds

const GOAL_SECTION =
  /指导思想|基本原则|工作原则|总体要求|总体目标|工作目标|发展目标|主要目标|目标任务|基本目标|目标要求|总体思路|^目标$/;
const TASK_SECTION = /任务|工作内容|重点工作|主要工作|工作重点|主要内容/;
const MEASURE_SECTION = /措施|保障|要求|组织|领导|实施|机制|督导|考核|宣传|责任|步骤|安排/;

function sectionKind(title: string): { kind: ItemKind; confidence: number } {
  const t = comparable(title);
  if (GOAL_SECTION.test(t)) return { kind: 'goal', confidence: 0.85 };
  if (TASK_SECTION.test(t)) return { kind: 'task', confidence: 0.85 };
  if (MEASURE_SECTION.test(t)) return { kind: 'measure', confidence: 0.8 };
  return { kind: 'task', confidence: 0.5 };
}

/** wording about the county evaluation itself: its passing is the CERT milestone */
const CERTIFICATION =
  /均衡发展[^。]{0,30}?(?:督导评估认定|评估认定|国家认定|督导认定|国家审核认定|评估验收|验收要求)|(?:通过|申请)[^。]{0,20}?均衡发展[^。]{0,12}?(?:认定|评估|验收)/;

// --------------------------------------------------------------------------------------------- titles

interface TitleSplit {
  /** as written */
  title: string;
  /** the heading line holds more than its title */
  inlineBody: boolean;
  confidence: number;
  /** where the title ends in the head */
  end: number;
}

/** "健全…机制。各县…" → "健全…机制"; a head without a full stop gives its first clause, flagged. */
function splitTitle(head: string): TitleSplit {
  const c = comparable(head);
  const stop = c.search(/[。；;：:!?！？]/);
  if (stop >= 0 && stop <= 60) {
    return {
      title: head.slice(0, stop).trim(),
      inlineBody: c.slice(stop + 1).trim() !== '',
      confidence: 0.9,
      end: stop,
    };
  }
  if (stop < 0 && c.length <= 40)
    return { title: head.trim(), inlineBody: false, confidence: 0.95, end: c.length };
  const comma = c.search(/[，,]/);
  if (comma > 0 && comma <= 40)
    return { title: head.slice(0, comma).trim(), inlineBody: true, confidence: 0.5, end: comma };
  return { title: head.slice(0, 30).trim(), inlineBody: true, confidence: 0.4, end: 30 };
}

// ---------------------------------------------------------------------------------------------- dates

/**
 * Deadline wording of an item: the shared rules (readDeadline), with two phrases of the genre that name
 * something other than the item's period masked: a five-year plan as a document ("“十三五”规划") and the
 * five-year teacher-training cycle ("5年内完成360学时").
 */
function readItemDates(text: string, issuedOn: string): DeadlineReading | null {
  const masked = blankWhere(
    blankWhere(
      text,
      /(?:[“"]?十[一二三四五六七八九]五[”"]?|[“"][三四五六七八九十]五[”"])(?=规划|计划|纲要)/g,
    ),
    /\d{1,2}年(?:内|一周期|为一周期)?[^，,。；;]{0,8}?\d{2,3}学时/g,
  );
  const reading: DeadlineReading = readDeadline(masked, { issuedOn }) ?? {};
  // a phase "（2022年3月—4月）", "2022年5月至2024年12月": the shared rules read each end; the range starts
  // at the first month
  const c = comparable(masked);
  MONTH_RANGE.lastIndex = 0;
  for (let m = MONTH_RANGE.exec(c); m; m = MONTH_RANGE.exec(c)) {
    const wording = masked.slice(m.index, m.index + m[0].length);
    const start = readDeadline(`从${m[1]}年${m[2]}月起`, { issuedOn })?.start?.date;
    const due = readDeadline(`${m[3] ?? m[1]}年${m[4]}月`, { issuedOn })?.due?.date;
    if (start && (!reading.start || start < reading.start.date))
      reading.start = { date: start, text: wording };
    if (due && (!reading.due || due >= reading.due.date)) reading.due = { date: due, text: wording };
  }
  return reading.start || reading.due || reading.recurrence ? reading : null;
}

/** a date wording the rules stop short of: "2019年第三个工作日前", "2019年5月第二周" */
const DATE_CUE = /(?:19|20)\d{2}\s*年|\d{1,2}月(?:底|末|份)|学期|开学|[上下]半年/;
const UNREAD_TAIL = /^(?:第|[\d一二三四五六七八九十]+个?(?:工作日|周|旬))/;

/** Clauses of `text` holding date wording the deadline rules cannot read (none read, or read only in part). */
export function unreadDateWording(text: string, issuedOn: string): string[] {
  const out: string[] = [];
  const masked = comparable(maskNames(comparable(text)));
  let at = 0;
  for (const clause of masked.split(/[，,。；;\n]/)) {
    const start = masked.indexOf(clause, at);
    at = start + clause.length;
    if (!DATE_CUE.test(clause)) continue;
    const reading = readDeadline(clause, { issuedOn });
    const words = [reading?.start?.text, reading?.due?.text].filter((w): w is string => Boolean(w));
    const partial = words.some((w) => UNREAD_TAIL.test(clause.slice(clause.indexOf(w) + w.length)));
    const none =
      !reading &&
      /(?:19|20)\d{2}\s*年/.test(clause) &&
      !/(?:19|20)\d{2}\s*年(?:以来|来|[,，]?(?:我|全|共|已|累计))/.test(clause);
    if (partial || none) out.push(text.slice(start, start + clause.length).trim());
  }
  return out;
}

const MONTH_RANGE =
  /((?:19|20)\d{2})年(\d{1,2})月份?\s*[—–\-~～至到]+\s*(?:((?:19|20)\d{2})年)?(\d{1,2})月(?:份|底)?/g;

// -------------------------------------------------------------------------------------------- items

/** An item being built, with what its departments and provenance are read from. */
export interface WorkItem {
  item: PlanFileItem;
  line: number;
  /** the item's own text as written (heading rest + body lines) */
  text: string;
  /** text read for departments (leadership member lines removed) */
  dutyText: string;
  assignments: DepartmentAssignment[];
  fields: Record<string, FieldProvenance>;
  children: WorkItem[];
  /** kind target items that restate part of their parent (clauses, dated targets) take the parent's leads */
  inheritsLead: boolean;
  titleEnd: number;
  goal: boolean;
  /** date wording of the item that could not be read (a warning on the draft) */
  unreadDates?: string[];
}

export interface BuildContext {
  lines: string[];
  issuedOn: string;
  script: SourceScript;
  reader: ReaderContext;
  leadershipLines: Set<number>;
  /** the plan's title (comparable) */
  title: string;
}

const refSegment = (node: OutlineNode, dashOrdinal: number): string => {
  const n = comparable(node.number).replace(/\s+/g, '');
  switch (node.style) {
    case 'cn':
    case 'part':
      return n.replace(/[、.．]$/, '');
    case 'num':
      return n.replace(/[.、．]$/, '');
    case 'dash':
      return `——${dashOrdinal}`;
    default:
      return n;
  }
};

function isClauseList(parent: OutlineNode): Set<OutlineNode> {
  const out = new Set<OutlineNode>();
  const byStyle = new Map<string, OutlineNode[]>();
  for (const c of parent.children) byStyle.set(c.style, [...(byStyle.get(c.style) ?? []), c]);
  for (const list of byStyle.values()) {
    if (list.length < 3) continue;
    const clauses = list.filter(
      (n) =>
        n.body.length === 0 && n.children.length === 0 && /[。；;]\s*$/.test(n.head) && n.head.length <= 120,
    );
    const semi = clauses.filter((n) => /[；;]\s*$/.test(n.head));
    if (clauses.length === list.length && semi.length >= list.length - 1) list.forEach((n) => out.add(n));
  }
  return out;
}

/**
 * One milestone per county of a schedule (a "——2023年灵武市" line, or a year and counties in running text):
 * certification when the plan is about it, led by the county's government.
 */
function countyMilestones(
  schedule: CountySchedule,
  excerpt: string,
  line: number,
  parentRef: string | null,
  contextText: string,
  parentTitle: string,
  ctx: BuildContext,
): WorkItem[] {
  const yearDue = readDeadline(schedule.yearText, { issuedOn: ctx.issuedOn })?.due;
  // what the counties are scheduled to do: certification, when the plan is about it; else the parent's task
  const context = comparable(contextText);
  const certification = /优质均衡/.test(context)
    ? '创建义务教育优质均衡发展县'
    : /基本均衡/.test(context)
      ? '创建义务教育基本均衡发展县'
      : null;
  const goalWords =
    certification ??
    `完成${displayText(parentTitle, ctx.script).replace(/^(?:推进|加快|实施|推动|开展|全面)/, '')}`;
  return schedule.counties.map((county) => {
    const name = displayText(county, ctx.script);
    const number = `——${schedule.year}年${name}`;
    const ref = parentRef ? `${parentRef}.${number}` : number;
    const mention = findMentions(maskNames(comparable(`${county}人民政府`)), ctx.reader).find(
      (m) => m.kind === 'government',
    );
    const governmentMention = mention ?? {
      surface: `${name}人民政府`,
      key: `gov:named:${name}`,
      kind: 'government' as const,
      level: 'county' as const,
      county: name,
      start: 0,
      end: 0,
    };
    const item: PlanFileItem = {
      ref,
      number,
      kind: 'milestone',
      title: `${name}${schedule.year}年${goalWords}`,
      excerpt,
      ...(yearDue ? { due: { ...yearDue } } : {}),
      ...(certification ? { indicator: 'CERT' } : {}),
      lead: [],
      cooperate: [],
      targets: [],
      children: [],
    };
    return {
      item,
      line,
      text: excerpt,
      dutyText: '',
      assignments: [
        {
          mention: governmentMention,
          role: 'lead',
          rule: 'county-schedule',
          confidence: 0.85,
          evidence: excerpt,
        },
      ],
      fields: {
        number: { excerpt, confidence: 0.9, rule: 'county-schedule' },
        title: { excerpt, confidence: 0.7, rule: 'county-schedule' },
        kind: { excerpt, confidence: 0.9, rule: 'county-schedule' },
        due: { excerpt, confidence: 0.9, rule: 'county-schedule' },
        indicator: { excerpt, confidence: 0.7, rule: 'county-schedule' },
      },
      children: [],
      inheritsLead: false,
      titleEnd: 0,
      goal: false,
    };
  });
}

function buildItem(
  node: OutlineNode,
  parent: { ref: string | null; title: string; text: string },
  inheritedKind: { kind: ItemKind; confidence: number } | null,
  clause: boolean,
  dashOrdinal: number,
  ctx: BuildContext,
): WorkItem[] {
  const { lines } = ctx;
  const parentRef = parent.ref;
  const parentTitle = parent.title;
  const parentText = parent.text;
  const bodyLines = node.body.map((l) => lines[l].trim()).filter(Boolean);
  const text = [node.head, ...bodyLines].join('\n');
  const dutyText = [
    node.head,
    ...node.body.map((l) => (ctx.leadershipLines.has(l) ? '' : lines[l].trim())),
  ].join('\n');

  // a county schedule line: one milestone per county
  if (node.style === 'dash') {
    const schedule = readCountySchedule(node.head);
    if (schedule) {
      return countyMilestones(
        schedule,
        lines[node.line].trim(),
        node.line,
        parentRef,
        `${parentText}\n${ctx.title}`,
        parentTitle,
        ctx,
      );
    }
  }

  const split = splitTitle(node.head);
  const number = node.style === 'dash' ? '——' : node.number.replace(/\s+/g, '');
  const segment = refSegment(node, dashOrdinal);
  const ref = parentRef ? `${parentRef}.${segment}` : segment;

  let kind: { kind: ItemKind; confidence: number };
  if (node.style === 'project') kind = { kind: 'project', confidence: 0.9 };
  else if (clause) kind = { kind: 'target', confidence: 0.7 };
  else if (inheritedKind) kind = inheritedKind;
  else kind = sectionKind(split.title);

  const excerpt = split.inlineBody || bodyLines.length === 0 ? text : bodyLines.join('\n');
  const fields: Record<string, FieldProvenance> = {
    number: {
      excerpt: lines[node.line].trim().slice(0, 40),
      confidence: node.inferred ? 0.4 : 0.95,
      rule: node.inferred ? 'inferred-from-sequence' : node.style,
    },
    title: {
      excerpt: node.head.slice(0, 80),
      confidence: split.confidence,
      rule: split.confidence >= 0.9 ? 'heading' : 'first-clause',
    },
    kind: {
      excerpt: node.head.slice(0, 40),
      confidence: kind.confidence,
      rule:
        node.style === 'project'
          ? 'project'
          : clause
            ? 'clause-list'
            : inheritedKind
              ? 'section'
              : 'heading-words',
    },
  };

  // dated targets listed in the text ("目标：2017年，…；2018年，…") become target items of their own
  const segments = readDatedSchedule(text, { goal: kind.kind === 'goal' });
  const scheduleChildren: WorkItem[] = segments.map((s) => {
    const segmentText = text.slice(s.start, s.end);
    const body = segmentText
      .slice(segmentText.indexOf(s.yearText) + s.yearText.length)
      .replace(/^(?:底|末)?\s*[,，:：]\s*/, '');
    const childRef = `${ref}.${comparable(s.yearText)}`;
    const due = readDeadline(s.yearText, { issuedOn: ctx.issuedOn })?.due;
    const targets = readTargets(segmentText, { issuedOn: ctx.issuedOn });
    const childTitle = splitTitle(body);
    return {
      item: {
        ref: childRef,
        number: s.yearText,
        kind: 'target',
        title:
          displayText(childTitle.title.replace(/[(（][^)）]*$/, ''), ctx.script) ||
          displayText(body, ctx.script),
        excerpt: segmentText,
        ...(due ? { due } : {}),
        lead: [],
        cooperate: [],
        targets: targets.map(stripReading),
        children: [],
      },
      line: node.line,
      text: segmentText,
      dutyText: segmentText,
      assignments: [],
      fields: {
        number: { excerpt: segmentText, confidence: 0.7, rule: 'dated-schedule' },
        title: { excerpt: segmentText, confidence: 0.6, rule: 'dated-schedule' },
        kind: { excerpt: segmentText, confidence: 0.7, rule: 'dated-schedule' },
        ...(due ? { due: { excerpt: s.yearText, confidence: 0.9, rule: 'deadline-rules' } } : {}),
        ...Object.fromEntries(
          targets.map((t, i) => [
            `targets[${i}]`,
            { excerpt: t.text, confidence: t.confidence, rule: t.rule },
          ]),
        ),
      },
      children: [],
      inheritsLead: true,
      titleEnd: 0,
      goal: false,
    };
  });

  const dates = readItemDates(text, ctx.issuedOn);
  const targets = readTargets(text, { issuedOn: ctx.issuedOn }, segments);
  const targetIndicators = [...new Set(targets.map((t) => t.indicator).filter(Boolean))];
  let indicator: string | null = targetIndicators.length === 1 ? (targetIndicators[0] as string) : null;
  if (!indicator && kind.kind === 'target') indicator = qualitativeIndicatorFor(comparable(split.title));
  // passing the county evaluation itself (督导评估认定 of 均衡发展)
  if (!indicator && CERTIFICATION.test(comparable(text))) indicator = 'CERT';

  const item: PlanFileItem = {
    ref,
    number,
    kind: kind.kind,
    title: displayText(split.title, ctx.script) || displayText(node.head.slice(0, 30), ctx.script) || number,
    excerpt: excerpt || split.title || number,
    ...(dates?.start ? { start: dates.start } : {}),
    ...(dates?.due ? { due: dates.due } : {}),
    ...(dates?.recurrence ? { recurrence: dates.recurrence } : {}),
    ...(indicator ? { indicator } : {}),
    lead: [],
    cooperate: [],
    targets: targets.map(stripReading),
    children: [],
  };
  if (dates?.start) fields.start = { excerpt: dates.start.text, confidence: 0.85, rule: 'deadline-rules' };
  if (dates?.due) {
    const relative = !/\d{4}/.test(dates.due.text);
    fields.due = {
      excerpt: dates.due.text,
      // "2030年前后": around, not by
      confidence: dates.approximate ? 0.5 : relative ? 0.6 : 0.85,
      rule: dates.approximate ? 'deadline-rules (approximate)' : 'deadline-rules',
    };
  }
  if (dates?.recurrence)
    fields.recurrence = { excerpt: text.slice(0, 60), confidence: 0.7, rule: 'deadline-rules' };
  if (indicator) fields.indicator = { excerpt: split.title, confidence: 0.6, rule: 'indicator-keywords' };
  targets.forEach(
    (t, i) => (fields[`targets[${i}]`] = { excerpt: t.text, confidence: t.confidence, rule: t.rule }),
  );

  const work: WorkItem = {
    item,
    line: node.line,
    text,
    dutyText,
    assignments: [],
    fields,
    children: scheduleChildren,
    inheritsLead: clause,
    titleEnd: split.end,
    goal: kind.kind === 'goal',
    unreadDates: unreadDateWording(text, ctx.issuedOn),
  };

  // county schedules in running text ("2025年A县、B县。……2028年D县，2029年E县"): a milestone per county
  if (node.style !== 'root') {
    const running = readRunningSchedules(
      text,
      ctx.reader.region.counties.flatMap((c) => c.names),
    );
    if (running.length >= 2 || running.some((r) => r.counties.length >= 2)) {
      for (const r of running)
        work.children.push(
          ...countyMilestones(
            r,
            text.slice(r.start, r.end),
            node.line,
            ref,
            `${text}\n${ctx.title}`,
            split.title,
            ctx,
          ),
        );
    }
  }

  const childKind =
    node.style === 'root'
      ? null
      : {
          kind: kind.kind === 'project' || kind.kind === 'target' ? ('task' as ItemKind) : kind.kind,
          confidence: Math.min(kind.confidence, 0.8),
        };
  const clauses = isClauseList(node);
  let dashes = 0;
  for (const child of node.children) {
    if (child.style === 'dash') dashes++;
    work.children.push(
      ...buildItem(child, { ref, title: split.title, text }, childKind, clauses.has(child), dashes, ctx),
    );
  }
  return [work];
}

function stripReading(t: ReturnType<typeof readTargets>[number]): PlanFileTarget {
  const { start: _start, end: _end, confidence: _confidence, rule: _rule, ...target } = t;
  return target;
}

/** Every item of the tree, parents first. */
export function walkItems(items: WorkItem[]): WorkItem[] {
  return items.flatMap((w) => [w, ...walkItems(w.children)]);
}

/** Makes item refs unique (a restarted or repeated number gets "~2", "~3"). */
function uniqueRefs(items: WorkItem[]): void {
  const seen = new Map<string, number>();
  const rename = (w: WorkItem, from: string, to: string) => {
    const fix = (x: WorkItem) => {
      if (x.item.ref === from || x.item.ref.startsWith(`${from}.`))
        x.item.ref = to + x.item.ref.slice(from.length);
      x.children.forEach(fix);
    };
    fix(w);
  };
  for (const w of walkItems(items)) {
    const n = (seen.get(w.item.ref) ?? 0) + 1;
    seen.set(w.item.ref, n);
    if (n > 1) rename(w, w.item.ref, `${w.item.ref}~${n}`);
  }
}

/** The items of an outline, refs made unique. */
export function buildItems(root: OutlineNode, planTitle: string, ctx: BuildContext): WorkItem[] {
  const items: WorkItem[] = [];
  let dashes = 0;
  for (const node of root.children) {
    if (node.style === 'dash') dashes++;
    items.push(...buildItem(node, { ref: null, title: planTitle, text: '' }, null, false, dashes, ctx));
  }
  uniqueRefs(items);
  return items;
}
