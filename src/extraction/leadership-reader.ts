/**
 * Reads a leadership group (领导小组) a plan sets up: its name ("成立…领导小组"), its members by role
 * (组长 / 副组长 / 成员, with name and post, one per line or several per line as "姓名（职务）"), where its
 * office sits ("办公室设在市教育局") and who directs the office ("由高小军同志兼任办公室主任"). Pure.
 */
import type { GroupRole } from '../plans/plan-file.schema';
import { comparable } from './source-text';

export interface LeadershipMember {
  /** as written (may be Traditional, spaces removed) */
  name: string;
  role: GroupRole;
  post: string;
  line: number;
}

export interface LeadershipReading {
  /** as written */
  name: string;
  nameLine: number;
  members: LeadershipMember[];
  /** the unit the office sits in, as written */
  office: string | null;
  officeLine: number;
  /** lines that belong to the member list (not to be read as sentences) */
  lines: number[];
}

const spaced = (word: string) => Array.from(word).join('\\s*');
const ROLE_LABELS: [RegExp, GroupRole][] = [
  [new RegExp(`^(?:常务)?${spaced('副组长')}`), 'deputy_leader'],
  [new RegExp(`^${spaced('组长')}`), 'leader'],
  [new RegExp(`^${spaced('办公室主任')}`), 'office_director'],
  [new RegExp(`^${spaced('成员')}(?:单位)?`), 'member'],
];
const LABEL_END = /^\s*[:：]?\s*/;
const POST_WORD = /(?:长|主任|书记|主席|委员|常委|秘书|局长|主管|负责人|干部|同志)$/;

function parseEntry(text: string): { name: string; post: string } | null {
  const t = text.trim();
  if (!t) return null;
  // 姓名（职务）
  const paren = /^([\p{Script=Han}\s]{2,8}?)\s*[(（]([^)）]+)[)）]$/u.exec(t);
  if (paren) return { name: paren[1].replace(/\s+/g, ''), post: paren[2].trim() };
  // 姓名  职务 — the name is the first two to four characters; a single character is joined with the next token
  const tokens = t.split(/\s+/);
  let name = tokens[0];
  let rest = tokens.slice(1);
  if (name.length === 1 && rest.length && rest[0].length <= 2) {
    name += rest[0];
    rest = rest.slice(1);
  }
  if (name.length >= 2 && name.length <= 4 && rest.length && !POST_WORD.test(name)) {
    return { name, post: rest.join('') };
  }
  // 职务  姓名
  const last = tokens[tokens.length - 1];
  if (
    tokens.length >= 2 &&
    last.length >= 2 &&
    last.length <= 4 &&
    POST_WORD.test(tokens.slice(0, -1).join(''))
  ) {
    return { name: last, post: tokens.slice(0, -1).join('') };
  }
  return null;
}

function splitEntries(value: string): string[] {
  // several entries on one line: "张三（县长）、李四（副县长）"
  if (/[)）]\s*[、，,；;]/.test(value)) return value.split(/(?<=[)）])\s*[、，,；;]\s*/);
  return [value];
}

/** Reads the leadership group in `lines[from..to)`, or null when the text sets none up with members. */
export function readLeadershipGroup(lines: string[], from = 0, to = lines.length): LeadershipReading | null {
  let name = '';
  let nameLine = -1;
  for (let i = from; i < to && !name; i++) {
    const c = comparable(lines[i]);
    const m =
      /成立(?:了)?(?:以[^，,。]{2,30}?为组长的)?([^，,。；;：:]{2,60}?(?:领导小组|工作小组|指挥部))/.exec(c);
    if (m) {
      const at = c.indexOf(m[1]);
      name = lines[i].slice(at, at + m[1].length).replace(/\s+/g, '');
      nameLine = i;
    }
  }
  if (nameLine < 0) return null;

  const members: LeadershipMember[] = [];
  const memberLines: number[] = [];
  let role: GroupRole | null = null;
  let office: string | null = null;
  let officeLine = -1;
  for (let i = nameLine; i < to && i <= nameLine + 80; i++) {
    const raw = lines[i];
    if (raw.trim() === '') continue;
    const c = comparable(raw).trim();
    const officeMatch = /办公室设在([^，,。；;]+?)(?:[，,。；;]|$)/.exec(c);
    if (officeMatch) {
      const at = comparable(raw).indexOf(officeMatch[1]);
      office = raw.slice(at, at + officeMatch[1].length).trim();
      officeLine = i;
      const director =
        /由([\p{Script=Han}\s]{2,8}?)(?:同志)?(?:兼任|担任)(?:办公室)?主任|办公室主任由([\p{Script=Han}\s]{2,8}?)(?:同志)?(?:兼任|担任)/u.exec(
          c,
        );
      const who = director?.[1] ?? director?.[2];
      // "办公室主任由县教育局局长兼任" names a post, not a person
      if (who && !/局|委|办|政府|部门|长$|主任$/.test(who.replace(/\s+/g, ''))) {
        const person = who.replace(/\s+/g, '');
        const earlier = members.find((m) => comparable(m.name) === person);
        members.push({
          name: earlier?.name ?? person,
          role: 'office_director',
          post: earlier?.post ?? '办公室主任',
          line: i,
        });
      }
      break;
    }
    if (i === nameLine) continue;
    const label = ROLE_LABELS.find(([pattern]) => pattern.test(c));
    let value = raw.trim();
    if (label) {
      role = label[1];
      const m = label[0].exec(c) as RegExpExecArray;
      const rest = c.slice(m[0].length);
      const sep = LABEL_END.exec(rest)?.[0].length ?? 0;
      value = raw.trim().slice(m[0].length + sep);
    } else if (role === null || /[。]/.test(c) || c.length > 60) {
      if (members.length) break;
      continue;
    }
    memberLines.push(i);
    for (const entry of splitEntries(value)) {
      const parsed = parseEntry(entry);
      if (parsed && role) members.push({ ...parsed, role, line: i });
    }
  }
  if (members.length === 0) return null;
  return { name, nameLine, members, office, officeLine, lines: memberLines };
}
