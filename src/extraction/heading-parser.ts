/**
 * Builds the outline of a plan from its numbered headings: 第一部分 / 一、 / (一)（一） / 1. 1、 / (1) / ①
 * / 项目N / —— bullets. Levels are not fixed: the first style met is the outer one, a style already open
 * closes what is inside it (the usual reading of Chinese official documents), a new style opens a level.
 * Web copies that lost part of a number (")实施…", or a section title without its "(七)") get the number
 * their place in the sequence gives, flagged as inferred. Unnumbered lines belong to the item above them;
 * a paragraph after a list of one-line clauses ("1.…；2.…；3.…。") belongs to the list's parent.
 */
import { type Message, msg } from '../common/i18n/catalog';
import { comparable, headingNumber, toChineseNumeral } from './source-text';

export type HeadingStyle = 'part' | 'cn' | 'paren_cn' | 'num' | 'paren_num' | 'circled' | 'project' | 'dash';

export interface OutlineNode {
  style: HeadingStyle | 'root';
  /** the number as the source writes it: "一", "（一）", "1.", "项目2", "——" */
  number: string;
  /** its value in the sequence (一 → 1); 0 for bullets */
  value: number;
  /** source line of the heading */
  line: number;
  /** the heading line after its number, as written */
  head: string;
  /** column where `head` starts in the source line */
  headColumn: number;
  /** source lines of the item's own text after the heading line */
  body: number[];
  children: OutlineNode[];
  /** why the number was inferred, when it was */
  inferred?: Message;
}

export interface OutlineWarning {
  line: number;
  /** what to check, for people */
  text: Message;
}

export interface Outline {
  root: OutlineNode;
  warnings: OutlineWarning[];
  /** number of headings found */
  headings: number;
}

const CN = '[一二三四五六七八九十]{1,3}';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

interface HeadingMatch {
  style: HeadingStyle;
  number: string;
  value: number;
  /** length of the number and its punctuation in the line */
  length: number;
}

const PATTERNS: { style: HeadingStyle; pattern: RegExp; value: (m: RegExpExecArray) => number }[] = [
  {
    style: 'part',
    pattern: new RegExp(`^第(${CN})(?:部分|章|篇)\\s*[、.:：]?\\s*`),
    value: (m) => headingNumber(m[1]),
  },
  { style: 'cn', pattern: new RegExp(`^(${CN})\\s*[、.．]\\s*`), value: (m) => headingNumber(m[1]) },
  {
    style: 'paren_cn',
    pattern: new RegExp(`^\\((${CN})\\)\\s*[、.]?\\s*`),
    value: (m) => headingNumber(m[1]),
  },
  // "五)" — a web copy that lost the opening bracket
  { style: 'paren_cn', pattern: new RegExp(`^(${CN})\\)\\s*`), value: (m) => headingNumber(m[1]) },
  {
    style: 'project',
    pattern: new RegExp(`^项目\\s*(\\d{1,2}|${CN})\\s*[:：、.]?\\s*`),
    value: (m) => headingNumber(m[1]),
  },
  { style: 'num', pattern: /^(\d{1,2})\s*[.、．](?!\d)\s*/, value: (m) => Number(m[1]) },
  { style: 'paren_num', pattern: /^\((\d{1,2})\)\s*[、.]?\s*/, value: (m) => Number(m[1]) },
  { style: 'circled', pattern: new RegExp(`^([${CIRCLED}])\\s*`), value: (m) => CIRCLED.indexOf(m[1]) + 1 },
  { style: 'dash', pattern: /^(?:——|—|－－|--)\s*(?=\S)/, value: () => 0 },
];

/** "一 指导思想": a Chinese numeral and a short title separated by a space. */
const SPACED_CN = new RegExp(`^(${CN})\\s+(?=[^\\s。，,；;]{2,20}$)`);
/** ")实施消除大班额计划": a bracketed number whose opening part was lost. */
const BROKEN_PAREN = /^\)\s*(?=[^。]{2,40}$)/;
/** a section title on its own line: short, no sentence punctuation */
const BARE_TITLE = /^[^\s。，,；;：:！？!?、()（）“”《》\d][^。，,；;：:！？!?]{3,29}$/;

function matchHeading(c: string): HeadingMatch | null {
  for (const { style, pattern, value } of PATTERNS) {
    const m = pattern.exec(c);
    if (!m) continue;
    // "1." followed by nothing but a year ("2017年") is a list of dates, still a heading; but a bare number
    // line ("1.") with nothing after it is a heading whose title is on the next line
    return { style, number: m[0].trim(), value: value(m), length: m[0].length };
  }
  const spaced = SPACED_CN.exec(c);
  if (spaced)
    return { style: 'cn', number: spaced[1], value: headingNumber(spaced[1]), length: spaced[0].length };
  return null;
}

/** The number as written, without the punctuation after it ("一、" → "一", "1、" → "1、", "（一）" → "（一）"). */
function writtenNumber(line: string, indent: number, match: HeadingMatch): string {
  const raw = line.slice(indent, indent + match.length).trim();
  if (match.style === 'cn') return raw.replace(/[、.．\s]+$/, '');
  if (match.style === 'part') return raw.replace(/[、.:：\s]+$/, '');
  if (match.style === 'project') return raw.replace(/[:：、.\s]+$/, '').replace(/\s+/g, '');
  if (match.style === 'dash') return raw.replace(/\s+$/, '');
  return raw.replace(/\s+$/, '');
}

const endsClause = (text: string) => /[；;]\s*$/.test(text);
const endsSentence = (text: string) => /[。；;]\s*$/.test(text);

/** a one-line list clause ("1.每百名学生…达到4.2人以上；") */
function isClause(node: OutlineNode): boolean {
  return node.body.length === 0 && endsSentence(node.head) && node.head.length <= 120;
}

function numberFor(style: HeadingStyle, value: number): string {
  switch (style) {
    case 'part':
      return `第${toChineseNumeral(value)}部分`;
    case 'cn':
      return toChineseNumeral(value);
    case 'paren_cn':
      return `(${toChineseNumeral(value)})`;
    case 'num':
      return `${value}.`;
    case 'paren_num':
      return `(${value})`;
    case 'circled':
      return CIRCLED[value - 1] ?? `(${value})`;
    case 'project':
      return `项目${value}`;
    case 'dash':
      return '——';
  }
}

/**
 * Outline of `lines[from..to)`. `lines` are the source lines (furniture already blanked).
 */
export function parseOutline(lines: string[], from = 0, to = lines.length): Outline {
  const root: OutlineNode = {
    style: 'root',
    number: '',
    value: 0,
    line: -1,
    head: '',
    headColumn: 0,
    body: [],
    children: [],
  };
  const stack: OutlineNode[] = [root];
  const warnings: OutlineWarning[] = [];
  let headings = 0;

  const top = () => stack[stack.length - 1];
  const lastSibling = (parent: OutlineNode, style: HeadingStyle) =>
    [...parent.children].reverse().find((c) => c.style === style);

  const place = (node: OutlineNode) => {
    if (node.style === 'dash') {
      if (top().style === 'dash') stack.pop();
    } else {
      const at = stack.findIndex((n) => n.style === node.style);
      if (at > 0) stack.length = at;
    }
    const parent = top();
    const previous = node.style === 'dash' ? undefined : lastSibling(parent, node.style as HeadingStyle);
    if (previous && !node.inferred && node.value !== previous.value + 1) {
      warnings.push({
        line: node.line,
        text: msg('extraction.warning.numbering_gap', { previous: previous.number, next: node.number }),
      });
    }
    parent.children.push(node);
    stack.push(node);
    headings++;
  };

  /** a "1." that restarts a list whose section heading was lost: the line before it is that heading */
  const inferSection = (match: HeadingMatch): boolean => {
    if (match.value !== 1) return false;
    const at = stack.findIndex((n) => n.style === match.style);
    if (at <= 1) return false;
    const previous = stack[at];
    if (previous.value <= 1) return false;
    const parent = stack[at - 1];
    if (parent.style === 'root' || parent.style === 'dash') return false;
    // the candidate: the last body line of the item being closed, short and without sentence punctuation
    const owner = top();
    const candidateLine = owner.body[owner.body.length - 1];
    if (candidateLine === undefined) return false;
    const candidate = comparable(lines[candidateLine]).trim();
    if (!BARE_TITLE.test(candidate)) return false;
    owner.body.pop();
    const siblingValue =
      lastSibling(stack[at - 2] ?? root, parent.style as HeadingStyle)?.value ?? parent.value;
    const value = siblingValue + 1;
    const number = numberFor(parent.style as HeadingStyle, value);
    const indent = lines[candidateLine].length - lines[candidateLine].trimStart().length;
    place({
      style: parent.style,
      number,
      value,
      line: candidateLine,
      head: lines[candidateLine].slice(indent).trim(),
      headColumn: indent,
      body: [],
      children: [],
      inferred: msg('extraction.inferred.missing', { number }),
    });
    warnings.push({
      line: candidateLine,
      text: msg('extraction.warning.number_missing', { number }),
    });
    return true;
  };

  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    const c = comparable(line).trim();

    const broken = BROKEN_PAREN.exec(c);
    if (broken) {
      const open = stack.find((n) => n.style === 'paren_cn');
      const parent = open ? stack[stack.indexOf(open) - 1] : top();
      const value = (lastSibling(parent, 'paren_cn')?.value ?? 0) + 1;
      const number = numberFor('paren_cn', value);
      place({
        style: 'paren_cn',
        number,
        value,
        line: i,
        head: line.slice(indent + broken[0].length).trim(),
        headColumn: indent + broken[0].length,
        body: [],
        children: [],
        inferred: msg('extraction.inferred.damaged', { number }),
      });
      warnings.push({
        line: i,
        text: msg('extraction.warning.number_damaged', { text: c.slice(0, 12), number }),
      });
      continue;
    }

    const match = matchHeading(c);
    if (match) {
      if (match.style !== 'dash') inferSection(match);
      let head = line.slice(indent + match.length).trim();
      let headColumn = indent + match.length;
      const node: OutlineNode = {
        style: match.style,
        number: writtenNumber(line, indent, match),
        value: match.value,
        line: i,
        head,
        headColumn,
        body: [],
        children: [],
      };
      if (head === '') {
        // the title is on the next line
        let j = i + 1;
        while (j < to && lines[j].trim() === '') j++;
        if (j < to && !matchHeading(comparable(lines[j]).trim())) {
          head = lines[j].trim();
          headColumn = lines[j].length - lines[j].trimStart().length;
          node.head = head;
          node.headColumn = headColumn;
          node.line = j;
          i = j;
        }
      }
      place(node);
      continue;
    }

    // an unnumbered line: the item above it, or the parent of a list of one-line clauses
    let owner = top();
    if (owner.style !== 'root' && isClause(owner) && stack.length >= 2) {
      const parent = stack[stack.length - 2];
      const siblings = parent.children.filter((n) => n.style === owner.style);
      const clauses = siblings.filter((n) => isClause(n) && endsClause(n.head));
      if (siblings.length >= 3 && clauses.length >= siblings.length - 1 && parent.style !== 'root') {
        stack.pop();
        owner = parent;
      }
    }
    owner.body.push(i);
  }
  return { root, warnings, headings };
}

/** Every node of the outline below `node`, parents first. */
export function walkOutline(node: OutlineNode): OutlineNode[] {
  return node.children.flatMap((c) => [c, ...walkOutline(c)]);
}
