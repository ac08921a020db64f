/**
 * Keyset pagination for item lists (pure). A cursor is opaque to clients: base64url of the sort it belongs to
 * and the sort-key values of the last row, as PostgreSQL printed them (text round-trips timestamps exactly,
 * where a JS Date would lose the microseconds and skip or repeat rows).
 */
import { DomainError, ErrorCode } from '../common/domain-error';
import { msg } from '../common/i18n/catalog';

export const ITEM_SORTS = ['due', '-due', 'number', 'updated'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

export interface SortKey {
  /** SQL expression over `i` (plan_items) and `p` (plans) */
  expr: string;
  /** SQL type the cursor value is cast back to */
  type: string;
}

export interface SortSpec {
  direction: 'ASC' | 'DESC';
  /** Ends with a unique key, so the order is total. */
  keys: SortKey[];
}

/** Every key of one sort runs in the same direction, so a row comparison `(k1, k2) > (v1, v2)` pages it. */
export const SORT_SPECS: Record<ItemSort, SortSpec> = {
  // Items without a due date come last either way.
  due: {
    direction: 'ASC',
    keys: [
      { expr: `COALESCE(i.due_on, DATE '9999-12-31')`, type: 'date' },
      { expr: 'i.id', type: 'uuid' },
    ],
  },
  '-due': {
    direction: 'DESC',
    keys: [
      { expr: `COALESCE(i.due_on, DATE '0001-01-01')`, type: 'date' },
      { expr: 'i.id', type: 'uuid' },
    ],
  },
  // Document order: plans oldest first, then the items as the plan lists them.
  number: {
    direction: 'ASC',
    keys: [
      { expr: 'p.issued_on', type: 'date' },
      { expr: 'i.plan_id', type: 'uuid' },
      { expr: 'i.position', type: 'int' },
    ],
  },
  // Most recently changed first.
  updated: {
    direction: 'DESC',
    keys: [
      { expr: 'i.updated_at', type: 'timestamptz' },
      { expr: 'i.id', type: 'uuid' },
    ],
  },
};

export function encodeCursor(sort: ItemSort, values: readonly string[]): string {
  return Buffer.from(JSON.stringify({ s: sort, k: values }), 'utf8').toString('base64url');
}

/** @throws DomainError VALIDATION_FAILED for a cursor that is malformed or belongs to another sort */
export function decodeCursor(sort: ItemSort, cursor: string): string[] {
  const invalid = () =>
    new DomainError(ErrorCode.VALIDATION_FAILED, msg('plans.cursor_invalid'), [
      { field: 'cursor', problems: [msg('plans.cursor_not_this_list')] },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { s, k } = (parsed ?? {}) as { s?: unknown; k?: unknown };
  const keys = SORT_SPECS[sort].keys;
  if (
    s !== sort ||
    !Array.isArray(k) ||
    k.length !== keys.length ||
    !k.every((v) => typeof v === 'string' && v.length <= 100)
  ) {
    throw invalid();
  }
  return k as string[];
}
