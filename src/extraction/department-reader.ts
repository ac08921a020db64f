/**
 * Reads which departments an item gives work to, in every form the genre uses:
 * - notes: `（自治州教育局牵头负责）`, `（…、财政局按职责分工负责）`, `（X牵头，Y配合）`;
 * - lines: `责任单位：…；` / `配合单位：…` (also 牵头单位, 协办单位, and "县教育局（牵头）" in a list);
 * - sentences: "财政部门要…" and "由县政府统筹…" lead; "县(区、市)教育局要会同机构编制、财政等部门…",
 *   "相关部门应征得同级教育部门同意", "向…通报" cooperate. In a goal, only a body given a duty leads.
 * When an item has notes or lines, they say who leads; what sentences add is cooperation. Pure functions.
 */
import {
  type DepartmentMention,
  findMentions,
  MODAL,
  readDepartmentList,
  type ReaderContext,
  splitOutsideBrackets,
  type Role,
} from './department-mentions';

export interface DepartmentAssignment {
  mention: DepartmentMention;
  role: Role;
  /** how it was read, for provenance */
  rule: string;
  confidence: number;
  /** the words it was read from */
  evidence: string;
}

// ------------------------------------------------------------------------------------------ notes

const ROLE_LABEL =
  /(牵头单位|责任单位|主责单位|责任部门|牵头部门|负责单位|主办单位|配合单位|协办单位|参与单位|协助单位|配合部门|协同单位|责任主体)\s*[:：]\s*/g;
const COOPERATE_LABEL = /^(配合|协办|参与|协助|协同)/;

interface ExplicitSpan {
  start: number;
  end: number;
}

/**
 * The legend of a note whose units are only listed: "排名第一位为牵头单位", "排在第一位的为牵头单位",
 * "列第一位的单位为牵头单位", "第一个为牵头部门"; "下同" says it holds for the notes below too.
 */
const LEAD_LEGEND =
  /(?:排名|排在|排序|列|名列|位列)?(?:在)?第[一1](?:位|个|名)?(?:的)?(?:单位|部门)?(?:为|是)(?:牵头|主责|责任)(?:单位|部门)?/;
const SAME_BELOW = /^(?:下同|以下同|后同)$/;

/** Whether the document gives the first-listed-leads legend for its notes below ("…牵头单位，下同"). */
export function firstListedLeadsLegend(text: string): boolean {
  return new RegExp(`${LEAD_LEGEND.source}[，,；;]\\s*(?:下同|以下同|后同)`).test(text);
}

/** the clauses of a bare-list note that name units: the legend and "下同" left out */
function listedClauses(inner: string): { clause: string; at: number }[] {
  const out: { clause: string; at: number }[] = [];
  let position = 0;
  for (const clause of inner.split(/[,，;；]/)) {
    const at = inner.indexOf(clause, position);
    position = at + clause.length;
    const c = clause.trim();
    if (!c || LEAD_LEGEND.test(c) || SAME_BELOW.test(c)) continue;
    out.push({ clause, at });
  }
  return out;
}

/** the name of a body: a government, bureau, committee, office … ("市委农办", "各县（市、区）人民政府") */
const BODY_NAME = /(?:政府|局|委|办|厅|部|院|会|中心|队|所|站|馆|处|室|团|联|社|行)$/;

/** every element of the note names a body: "（市发展改革局，市教育局）", not "（以下简称《方案》）" */
function isBareList(inner: string, ctx: ReaderContext): boolean {
  const clauses = listedClauses(inner);
  return (
    clauses.length > 0 &&
    clauses.every(({ clause }) => {
      const elements = splitOutsideBrackets(clause).map((e) => e.trim());
      return (
        elements.every((e) => BODY_NAME.test(e) && e.length <= 20) &&
        readDepartmentList(clause, 0, ctx).length > 0
      );
    })
  );
}

/** `（…牵头负责）`, `（…按职责分工负责）`, `（X牵头，Y配合）` at the end of a paragraph or sentence. */
function findNotes(
  written: string,
  ctx: ReaderContext,
): { inner: string; innerStart: number; span: ExplicitSpan }[] {
  // 〔责任单位：…〕 and 【牵头单位：…】 are notes as much as （…）; "各县<市、区>" — brackets inside a note
  // written as angle brackets — too; one character for one, so offsets hold
  const text = written
    .replace(/[<＜〈]([^<>＜＞〈〉\n]{1,12})[>＞〉]/g, '($1)')
    .replace(/[〔【［]/g, '(')
    .replace(/[〕】］]/g, ')');
  const notes: { inner: string; innerStart: number; span: ExplicitSpan }[] = [];
  for (let close = text.indexOf(')'); close >= 0; close = text.indexOf(')', close + 1)) {
    let depth = 0;
    let open = -1;
    for (let i = close; i >= 0 && close - i <= 200; i--) {
      if (text[i] === ')') depth++;
      else if (text[i] === '(') {
        depth--;
        if (depth === 0) {
          open = i;
          break;
        }
      }
    }
    if (open < 0) continue;
    const inner = text.slice(open + 1, close);
    if (
      !/(负责|牵头|配合|参与|协助|责任单位|牵头单位|配合单位)(落实)?\s*$/.test(inner) &&
      !ROLE_LABEL.test(inner) &&
      !LEAD_LEGEND.test(inner) &&
      !(ctx.firstListedLeads && isBareList(inner, ctx))
    ) {
      ROLE_LABEL.lastIndex = 0;
      continue;
    }
    ROLE_LABEL.lastIndex = 0;
    if (inner.length < 3 || /。/.test(inner)) continue;
    notes.push({ inner, innerStart: open + 1, span: { start: open, end: close + 1 } });
  }
  return notes;
}

function readLabelled(
  text: string,
  offset: number,
  ctx: ReaderContext,
  rule: string,
  confidence: number,
): DepartmentAssignment[] {
  const out: DepartmentAssignment[] = [];
  const labels: { label: string; start: number; valueStart: number }[] = [];
  ROLE_LABEL.lastIndex = 0;
  for (let m = ROLE_LABEL.exec(text); m; m = ROLE_LABEL.exec(text)) {
    labels.push({ label: m[1], start: m.index, valueStart: m.index + m[0].length });
  }
  labels.forEach((l, i) => {
    let end = i + 1 < labels.length ? labels[i + 1].start : text.length;
    // the list ends at the sentence or line, or where another field of the note begins (完成时限：…)
    const stop = text.slice(l.valueStart, end).search(/[。\n]|[；;]\s*[\p{Script=Han}]{2,6}[:：]/u);
    if (stop >= 0) end = l.valueStart + stop;
    const value = text.slice(l.valueStart, end).replace(/[;；]\s*$/, '');
    const role: Role = COOPERATE_LABEL.test(l.label) ? 'cooperate' : 'lead';
    for (const mention of readDepartmentList(value, offset + l.valueStart, ctx)) {
      out.push({
        mention,
        role: mention.roleHint ?? role,
        rule,
        confidence,
        evidence: text.slice(l.start, end),
      });
    }
  });
  return out;
}

function readNoteClauses(inner: string, offset: number, ctx: ReaderContext): DepartmentAssignment[] {
  ROLE_LABEL.lastIndex = 0;
  if (ROLE_LABEL.test(inner)) return readLabelled(inner, offset, ctx, 'note', 0.95);
  const out: DepartmentAssignment[] = [];
  if (LEAD_LEGEND.test(inner) || (ctx.firstListedLeads && isBareList(inner, ctx))) {
    // "（市教育局，市委农办，各县<市、区>人民政府，排名第一位为牵头单位）": the first named leads
    for (const { clause, at } of listedClauses(inner))
      for (const mention of readDepartmentList(clause, offset + at, ctx))
        out.push({
          mention,
          role: out.length === 0 ? 'lead' : 'cooperate',
          rule: 'note',
          confidence: 0.9,
          evidence: `(${inner})`,
        });
    return out;
  }
  let position = 0;
  for (const clause of inner.split(/[,，;；]/)) {
    const at = inner.indexOf(clause, position);
    position = at + clause.length;
    const m =
      /^(.*?)(?:按职责分工|分别|共同)?(?:牵头负责|负责落实|牵头落实|牵头|负责|(配合|参与|协助|协同配合|协同)(?:落实)?)\s*$/.exec(
        clause,
      );
    if (!m || !m[1]) continue;
    const role: Role = m[2] ? 'cooperate' : 'lead';
    for (const mention of readDepartmentList(m[1], offset + at, ctx)) {
      out.push({ mention, role, rule: 'note', confidence: 0.95, evidence: `(${inner})` });
    }
  }
  return out;
}

// -------------------------------------------------------------------------------------- sentences

const COOPERATION_BEFORE =
  /(会同|协同|联合|征得|征求|商请|配合|报送|报告|报请|抄送|转交|移交|安排|提请|发挥|通报|汇报|向|报)/;
const COOPERATION_AFTER =
  /^(?:[^,，。；;]{0,4}?)(?:核定|确定|审核|审批|批准|同意|意见|参与|配合|协助|备案|联动)/;
const LEAD_AFTER = /^(?:具体|全面|统一|分别|共同)?(?:负责|牵头)/;
const LEAD_BEFORE = /(?:由|鼓励|要求|支持)[^,，。；;]{0,4}$/;
const DUTY_VERB_BEFORE = /(落实|履行|压实|明确|强化|承担)/;
/** clause ends; an opening quote starts a quoted requirement with its own subject */
const CLAUSE_BREAK = /[。；;，,：:！？!?\n“]/;
const CONNECTOR = /^(?:并由|并|同时|另外|其中|此外|而且|由|鼓励|要求|支持|请)/;

interface Clause {
  start: number;
  end: number;
  /** the clause before it ends with 包括: / 如下: (the clause lists content, it does not act) */
  listing: boolean;
}

function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || CLAUSE_BREAK.test(text[i])) {
      if (i > start) {
        const before = text.slice(Math.max(0, start - 8), start);
        out.push({ start, end: i, listing: /(包括|如下|为)[:：]$/.test(before) });
      }
      start = i + 1;
    }
  }
  return out;
}

export interface SentenceOptions {
  /** goal items describe states: only "X要/应/负责…" assigns there */
  goal?: boolean;
  /** the item's first sentence: "对县级人民政府…的评估" names who answers for the item */
  firstSentenceEnd?: number;
}

/** Duties read from sentences (`text` is comparable, names masked). */
export function readSentenceDuties(
  text: string,
  ctx: ReaderContext,
  options: SentenceOptions = {},
): DepartmentAssignment[] {
  const out: DepartmentAssignment[] = [];
  const mentions = findMentions(text, ctx);
  const push = (mention: DepartmentMention, role: Role, rule: string, confidence: number, clause: Clause) =>
    out.push({ mention, role, rule, confidence, evidence: text.slice(clause.start, clause.end) });

  for (const clause of clauses(text)) {
    const inClause = mentions.filter((m) => m.start >= clause.start && m.end <= clause.end);
    if (inClause.length === 0) {
      if (options.goal) continue;
      // 以县为单位 / 以县(区、市)组织: the county governments organise it
      const byUnit =
        /以(县\(区、市\)|县\(市\)区|县\(市、区\)|县\(市\)|县|区|乡镇|乡\(镇\))(?:为单位|为主|组织)/.exec(
          text.slice(clause.start, clause.end),
        );
      if (byUnit) {
        const found = findMentions(`${byUnit[1]}政府`, ctx);
        for (const f of found)
          push({ ...f, start: clause.start, end: clause.end }, 'lead', 'by-unit', 0.5, clause);
      }
      continue;
    }
    const clauseText = text.slice(clause.start, clause.end);
    // the subject chain: mentions at the start of the clause, joined by 和/及/与/、
    let cursor = clause.start;
    const lead = clauseText.replace(/^\s+/, '');
    cursor += clauseText.length - lead.length;
    const connector = CONNECTOR.exec(text.slice(cursor, clause.end));
    if (connector) cursor += connector[0].length;
    const subjects = new Set<DepartmentMention>();
    let chainStart = -1;
    for (const m of inClause) {
      // members of one list ("教育、编制、人社部门") share the list's span
      if (m.start === chainStart) {
        subjects.add(m);
        continue;
      }
      if (m.start !== cursor) break;
      subjects.add(m);
      chainStart = m.start;
      cursor = m.end;
      const join = /^(?:和|及|与|、|以及)/.exec(text.slice(cursor, clause.end));
      if (join) cursor += join[0].length;
    }
    const afterSubjects = text.slice(cursor, clause.end);
    const subjectHasModal = MODAL.test(afterSubjects);

    for (const m of inClause) {
      const before = text.slice(clause.start, m.start);
      const after = text.slice(m.end, clause.end);
      const leadBefore = LEAD_BEFORE.exec(before);
      if (m.roleHint && !options.goal) {
        push(m, m.roleHint, 'phrase', 0.6, clause);
      } else if (leadBefore) {
        push(m, 'lead', leadBefore[0].startsWith('由') ? 'by' : 'encouraged', 0.8, clause);
      } else if (LEAD_AFTER.test(after)) {
        push(m, 'lead', 'responsible', 0.85, clause);
      } else if (subjects.has(m) && !clause.listing) {
        if (options.goal && !subjectHasModal) continue;
        push(
          m,
          'lead',
          subjectHasModal ? 'subject' : 'subject-no-modal',
          subjectHasModal ? 0.8 : 0.6,
          clause,
        );
      } else if (COOPERATION_BEFORE.test(before) || COOPERATION_AFTER.test(after)) {
        push(m, 'cooperate', 'cooperation', 0.6, clause);
      } else if (DUTY_VERB_BEFORE.test(before) && /责任|职责/.test(after)) {
        push(m, 'lead', 'duty', 0.6, clause);
      } else if (
        options.firstSentenceEnd !== undefined &&
        m.end <= options.firstSentenceEnd &&
        m.kind === 'government' &&
        /对$/.test(before) &&
        /(评估|考核|督导)/.test(after)
      ) {
        push(m, 'lead', 'evaluated', 0.5, clause);
      }
    }
  }
  return out;
}

/**
 * Every duty an item's text gives: explicit notes and 责任单位 lines first; then sentences. When the item
 * has explicit assignments, what sentences add is `cooperate` (the note says who leads).
 */
export function readItemDepartments(
  text: string,
  ctx: ReaderContext,
  options: SentenceOptions = {},
): DepartmentAssignment[] {
  const explicit: DepartmentAssignment[] = [];
  let rest = text;
  for (const note of findNotes(text, ctx)) {
    explicit.push(...readNoteClauses(note.inner, note.innerStart, ctx));
    rest =
      rest.slice(0, note.span.start) +
      ' '.repeat(note.span.end - note.span.start) +
      rest.slice(note.span.end);
  }
  ROLE_LABEL.lastIndex = 0;
  const labelled = readLabelled(rest, 0, ctx, 'label', 0.95);
  if (labelled.length) {
    explicit.push(...labelled);
    // blank the labelled lines so sentences do not read them again
    rest = rest.replace(new RegExp(`${ROLE_LABEL.source}[^\\n。]*`, 'g'), (m) => ' '.repeat(m.length));
  }
  const sentences = readSentenceDuties(rest, ctx, options);
  if (explicit.length === 0) return sentences;
  const explicitKeys = new Set(explicit.map((a) => a.mention.key));
  return [
    ...explicit,
    ...sentences
      .filter((a) => !explicitKeys.has(a.mention.key))
      .map((a) => ({ ...a, role: 'cooperate' as const, confidence: Math.min(a.confidence, 0.6) })),
  ];
}
