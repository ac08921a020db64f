/** Problems found while importing: each names the file, sheet, row and column, and what was expected. */
import { type Message, msg, translate } from '../../common/i18n/catalog';
import type { Locale } from '../../common/locale';

export interface ImportIssue {
  /** The file the problem is in; absent when it concerns the upload as a whole (no schools table). */
  file?: string;
  sheet?: string;
  /** Spreadsheet row: 1 is the header. */
  row?: number;
  /** The column's name (`statistics.column.*`), in the reader's language when shown. */
  column?: Message;
  /** What is wrong (`statistics.*`): a message, rendered when shown, so each reader gets their language. */
  message: Message;
}

/** `学校.csv 工作表 学校` / `schools.xlsx sheet schools`: a file, or one sheet of a workbook. */
export function sourceName(file: string, sheet?: string): Message | string {
  return sheet === undefined ? file : msg('statistics.where.sheet', { file, sheet });
}

/** The whole line of an issue as one message (the API error's `text`, and formatIssue). */
export function issueMessage(issue: ImportIssue): Message {
  if (issue.file === undefined) return issue.message;
  let where: Message | string = sourceName(issue.file, issue.sheet);
  if (issue.row !== undefined) where = msg('statistics.where.row', { where, row: issue.row });
  return issue.column === undefined
    ? msg('statistics.issue', { where, problem: issue.message })
    : msg('statistics.issue.column', { where, column: issue.column, problem: issue.message });
}

/** `学校.csv 第14行，学生数：“12O”不是整数` / `schools.csv row 14, students: "12O" is not a whole number` */
export function formatIssue(locale: Locale, issue: ImportIssue): string {
  return translate(locale, issueMessage(issue));
}

/** Every issue as one line each, with "另有 N 处问题未列出" when only the first were kept. */
export function formatIssues(
  locale: Locale,
  result: { issues: readonly ImportIssue[]; issueCount: number },
): string[] {
  const lines = result.issues.map((issue) => formatIssue(locale, issue));
  if (result.issueCount > result.issues.length)
    lines.push(
      translate(locale, msg('statistics.more', { count: result.issueCount - result.issues.length })),
    );
  return lines;
}

/**
 * Collects every issue of an import. All are counted; the first `limit` are kept in detail, so a file
 * with a million bad rows still yields a readable report ("另有 999000 处问题未列出").
 */
export class IssueLog {
  readonly issues: ImportIssue[] = [];
  private total = 0;

  constructor(private readonly limit: number) {}

  add(issue: ImportIssue): void {
    this.total++;
    if (this.issues.length < this.limit) this.issues.push(issue);
  }

  get count(): number {
    return this.total;
  }
}
