import { rawRows } from './dialect/index.js';
import type { Q } from './q.js';

export type { Q };

/** How many rows `table` holds. */
export async function rowCount(q: Q, table: string): Promise<number> {
  const [row] = (await q(table).count({ n: '*' })) as { n: number | string }[];
  return Number(row?.n ?? 0);
}

/** Splits `items` into lists of at most `size` (bound values per statement stay few). */
export const chunked = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

/** Pairs per lookup query: two bound values each, far below SQLite's limit on bound values. */
const PAIRS_PER_QUERY = 400;

/**
 * Rows of `sql` (which reads the pairs from a CTE `k(a, b)`) for every pair, in chunks. Only
 * table modules (main/db/tables) call it: the SQL is theirs.
 */
export async function selectForPairs<R>(
  q: Q,
  pairs: readonly (readonly [number, string])[],
  sql: string,
): Promise<R[]> {
  const out: R[] = [];
  for (const part of chunked(pairs, PAIRS_PER_QUERY)) {
    // Typed in the first row: PostgreSQL takes bound values as text unless told.
    const values = part.map((_, i) => (i === 0 ? '(CAST(? AS INTEGER), ?)' : '(?, ?)')).join(', ');
    out.push(...(await rawRows<R>(q, `WITH k(a, b) AS (VALUES ${values}) ${sql}`, part.flat())));
  }
  return out;
}
