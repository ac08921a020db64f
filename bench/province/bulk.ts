import type { DataSource, EntityManager } from 'typeorm';

/** A column of a bulk insert: its name and the PostgreSQL type its text is cast to. */
export interface BulkColumn {
  name: string;
  type: string;
}

export type BulkValue = string | number | boolean | null | Date | object;

/** Rows per statement: one array parameter per column, so the bind-parameter limit never applies. */
const CHUNK = 5000;

const text = (value: BulkValue): string | null => {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/**
 * Multi-row INSERT through the app's data source: every column travels as one `text[]` parameter and is
 * cast in `SELECT … FROM unnest(…)`, so a chunk of 5,000 rows is one statement and one round trip (no
 * per-row parameters, no COPY stream dependency).
 * @returns rows inserted
 */
export async function bulkInsert(
  db: DataSource | EntityManager,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly BulkValue[][],
): Promise<number> {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const casts = columns.map((c, n) => `u.c${n}::${c.type}`).join(', ');
  const params = columns.map((_, n) => `$${n + 1}::text[]`).join(', ');
  const aliases = columns.map((_, n) => `c${n}`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT ${casts} FROM unnest(${params}) AS u(${aliases})`;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const arrays = columns.map((_, n) => chunk.map((row) => text(row[n])));
    await db.query(sql, arrays);
  }
  return rows.length;
}

/** Shorthand: `cols('id uuid', 'name text', …)`. */
export const cols = (...specs: string[]): BulkColumn[] =>
  specs.map((spec) => {
    const [name, ...type] = spec.split(' ');
    return { name, type: type.join(' ') };
  });
