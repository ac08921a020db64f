/**
 * The office's 督办件 numbers: one series per office (the plan's region) and year, shared by the 督办通知 the
 * office issues by hand and the 督办单 the escalation ladder issues, so 〔2026〕第12号 names one paper only.
 */

/** Runs one statement in the caller's transaction (an EntityManager's or a QueryRunner's `query`). */
type Query = (sql: string, params: unknown[]) => Promise<unknown>;

/** 〔2026〕第12号 — how a 督办件 number is written. */
export function noticeNumberText(year: number, number: number): string {
  return `〔${year}〕第${number}号`;
}

/**
 * Takes the next number of the office's year. The counter row stays locked until the caller's transaction
 * ends, so numbers are unique and gap-free however many notices are issued at once; a rollback gives the
 * number back.
 */
export async function takeOfficeNumber(query: Query, officeKey: string, year: number): Promise<number> {
  const [{ number }] = (await query(
    `INSERT INTO supervision_counters (office_key, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (office_key, year) DO UPDATE SET last_number = supervision_counters.last_number + 1
     RETURNING last_number AS number`,
    [officeKey, year],
  )) as Array<{ number: number }>;
  return number;
}
