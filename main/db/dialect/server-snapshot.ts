import type { Q } from '../q.js';
import { rawRows } from './index.js';

/**
 * What a backup of a practice on its PostgreSQL server asks of the server (issue 21): one
 * snapshot pg_dump can share, and where the practice's tables are.
 */

/** The snapshot pg_dump dumps (--snapshot), exported by `trx`, which must stay open meanwhile. */
export async function exportSnapshot(
  trx: Q,
): Promise<{ snapshot: string; schema: string; bytes: number }> {
  // Before any other statement of the transaction: every read after it sees this one snapshot.
  await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const [row] = await rawRows<{ snapshot: string; schema: string | null; bytes: number }>(
    trx,
    `SELECT pg_export_snapshot() AS snapshot, current_schema() AS schema,
            pg_database_size(current_database()) AS bytes`,
  );
  if (!row?.schema) throw new Error("The practice's schema on the server could not be found.");
  return { snapshot: row.snapshot, schema: row.schema, bytes: Number(row.bytes) };
}

/** The schema this connection's tables are in (the role's search_path). */
export async function currentSchema(q: Q): Promise<string> {
  const [row] = await rawRows<{ schema: string | null }>(q, 'SELECT current_schema() AS schema');
  return row?.schema ?? '';
}
