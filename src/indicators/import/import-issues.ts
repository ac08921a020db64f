/** Problems found while importing: each names the file, sheet, row and column, and what was expected. */

export interface ImportIssue {
  file: string;
  sheet?: string;
  /** Spreadsheet row: 1 is the header. */
  row?: number;
  /** `学生数/students` */
  column?: string;
  message: string;
}

/** `schools.csv row 14, 学生数/students: "12O" is not a whole number` */
export function formatIssue(issue: ImportIssue): string {
  let where = issue.file;
  if (issue.sheet !== undefined) where += ` sheet ${issue.sheet}`;
  if (issue.row !== undefined) where += ` row ${issue.row}`;
  return issue.column === undefined
    ? `${where}: ${issue.message}`
    : `${where}, ${issue.column}: ${issue.message}`;
}

/**
 * Collects every issue of an import. All are counted; the first `limit` are kept in detail, so a file
 * with a million bad rows still yields a readable report ("… and 999,000 more").
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
