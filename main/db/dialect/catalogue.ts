import type { Q } from '../q.js';
import { columnNames, isPostgres, rawRows, tableNames } from './index.js';

/**
 * What a move between the two databases asks of their catalogues (main/services/database-move):
 * foreign keys, primary keys, serial sequences, and emptying a server database again.
 */

/** The tables `table` references (SQLite's catalogue: the move reads from the file). */
export async function referencedTables(q: Q, table: string): Promise<string[]> {
  const rows = await rawRows<{ table: string }>(
    q,
    'SELECT "table" FROM pragma_foreign_key_list(?)',
    [table],
  );
  return rows.map((r) => r.table).filter((t) => t !== table);
}

/** The primary key's columns in key order (every column, for a table without one). */
export async function keyColumns(q: Q, table: string): Promise<string[]> {
  const rows = isPostgres(q)
    ? await rawRows<{ name: string }>(
        q,
        `SELECT a.attname AS name FROM pg_index i
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
          WHERE i.indrelid = CAST(? AS regclass) AND i.indisprimary
          ORDER BY array_position(i.indkey, a.attnum)`,
        [table],
      )
    : await rawRows<{ name: string }>(
        q,
        'SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk',
        [table],
      );
  return rows.length ? rows.map((r) => r.name) : columnNames(q, table);
}

/**
 * Sets the `id` sequence of `table` (PostgreSQL) past the ids copied in with their values, so
 * the next insert gets a new one. Tables without a serial id are left alone.
 */
export async function advanceIdSequence(q: Q, table: string): Promise<void> {
  const [row] = await rawRows<{ seq: string | null }>(
    q,
    `SELECT pg_get_serial_sequence(?, 'id') AS seq
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ? AND column_name = 'id'`,
    [table, table],
  );
  if (!row?.seq) return;
  await q.raw(
    `SELECT setval(?, GREATEST((SELECT COALESCE(MAX(id), 0) FROM "${table}"), 1), (SELECT COUNT(*) > 0 FROM "${table}"))`,
    [row.seq],
  );
}

/** Drops every table and function of the connection's schema (a server database made empty again). */
export async function dropSchemaObjects(q: Q): Promise<void> {
  for (const table of await tableNames(q)) await q.raw(`DROP TABLE IF EXISTS "${table}" CASCADE`);
  const functions = await rawRows<{ sig: string }>(
    q,
    `SELECT p.oid::regprocedure::text AS sig FROM pg_proc p
      WHERE p.pronamespace = CAST(current_schema() AS regnamespace)`,
  );
  for (const f of functions) await q.raw(`DROP FUNCTION IF EXISTS ${f.sig} CASCADE`);
}
