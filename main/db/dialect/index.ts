import type { Q } from '../query.js';
import * as sqlite from './sqlite.js';

/**
 * The two databases a practice can live in (issue 21): the SQLCipher file on one workstation,
 * or PostgreSQL on the practice's server. Services and table modules ask here instead of
 * writing either dialect's SQL themselves; each dialect's own statements live in its file.
 */
export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(q: Q): DialectName {
  const client = (q.client as { config?: { client?: unknown } }).config?.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql'
    ? 'postgres'
    : 'sqlite';
}

export const isPostgres = (q: Q): boolean => dialectOf(q) === 'postgres';

/**
 * The rows of a raw statement, whichever the dialect: the sqlite3 driver answers with the rows,
 * pg with a result whose `rows` they are. SQL written for both uses `?` bindings (knex turns
 * them into $1… for pg).
 */
export async function rawRows<R>(
  q: Q,
  sql: string,
  bindings: readonly unknown[] = [],
): Promise<R[]> {
  const result = (await q.raw(sql, bindings as never[])) as R[] | { rows: R[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Moves SQLite's write-ahead log into the file (after an erasure, before a copy). PostgreSQL's
 * WAL and files are the server's: nothing to do from a client.
 */
export async function checkpointWal(q: Q): Promise<{ busy: number }> {
  return isPostgres(q) ? { busy: 0 } : sqlite.checkpointWal(q);
}

/** The names of the practice's own tables (the database's internal ones and knex's left out). */
export async function tableNames(q: Q): Promise<string[]> {
  if (!isPostgres(q)) return sqlite.tableNames(q);
  const rows = await rawRows<{ name: string }>(
    q,
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

/** The columns of `table`, in their order. */
export async function columnNames(q: Q, table: string): Promise<string[]> {
  if (!isPostgres(q)) {
    const rows = await rawRows<{ name: string }>(q, `SELECT name FROM pragma_table_info(?)`, [
      table,
    ]);
    return rows.map((r) => r.name);
  }
  const rows = await rawRows<{ name: string }>(
    q,
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name);
}

/**
 * The database's own consistency check: exactly ['ok'] when sound. SQLite checks every page;
 * on PostgreSQL the server keeps its files (page checksums, WAL) and a client can only see that
 * the catalogue answers.
 */
export async function integrityCheck(q: Q): Promise<string[]> {
  if (!isPostgres(q)) return sqlite.integrityCheck(q);
  await q.raw('SELECT count(*) FROM pg_catalog.pg_class');
  return ['ok'];
}

/** The id of the row an `insert … returning('id')` just wrote, on either dialect. */
export function insertedId(rows: readonly (number | { id: number })[]): number {
  const first = rows[0];
  if (first === undefined) throw new Error('The insert returned no row');
  return typeof first === 'number' ? first : Number(first.id);
}
