import type { Q } from '../q.js';
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
  // The catalogue, not information_schema: that lists only tables this role has a privilege
  // on, so another role's table would pass for an empty schema before a move.
  const rows = await rawRows<{ name: string }>(
    q,
    `SELECT c.relname AS name FROM pg_catalog.pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
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

/**
 * SQL pieces that differ between the dialects, for statements written once for both. Bound
 * values stay `?`; each piece that binds one says so.
 */
export interface SqlPieces {
  /**
   * A FROM item named `alias`: the elements of a JSON array bound as one `?`, a row each, in a
   * `value` column. For an array of arrays, `alias.value ->> i` is element i: its SQL value on
   * SQLite, text on PostgreSQL (so cast numbers: `CAST(alias.value ->> 0 AS INTEGER)`).
   */
  jsonRows(alias: string): string;
  /** A subquery (for `x IN (…)`): the integers of a JSON array bound as one `?`, column `value`. */
  jsonIntegers: string;
  /** JSON text of an array of the expressions' values. */
  jsonArray(exprs: readonly string[]): string;
  /** Aggregate: JSON text of an array with one `jsonArray(exprs)` per row; '[]' for no rows. */
  jsonArrayAgg(exprs: readonly string[]): string;
  /**
   * Aggregate: `expr`'s text values joined by newlines. PostgreSQL sorts them by `orderBy`;
   * SQLite takes them in the order of the (ordered) subquery that feeds it.
   */
  linesAgg(expr: string, orderBy?: string): string;
  /** 1-based position of `needle` in `haystack`, 0 when absent. */
  position(haystack: string, needle: string): string;
  /**
   * A join that keeps the left side as the outer loop: on SQLite CROSS JOIN (a planner hint
   * there, with ON allowed), on PostgreSQL a plain JOIN (its planner chooses).
   */
  outerJoinFirst: string;
  /** The Monday ('YYYY-MM-DD') of the week of an ISO date text. */
  mondayOf(isoDate: string): string;
  /**
   * `column` contains the bound `?` (a LIKE pattern escaped with '\'), ASCII case folded as on
   * SQLite's LIKE (PostgreSQL's ILIKE also folds other letters).
   */
  likeAnyCase(column: string): string;
}

const SQLITE_PIECES: SqlPieces = {
  jsonRows: (alias) => `json_each(?) AS ${alias}`,
  jsonIntegers: 'SELECT value FROM json_each(?)',
  jsonArray: (exprs) => `json_array(${exprs.join(', ')})`,
  jsonArrayAgg: (exprs) => `json_group_array(json_array(${exprs.join(', ')}))`,
  linesAgg: (expr) => `group_concat(${expr}, char(10))`,
  position: (haystack, needle) => `instr(${haystack}, ${needle})`,
  outerJoinFirst: 'CROSS JOIN',
  mondayOf: (d) => `date(${d}, 'weekday 0', '-6 days')`,
  likeAnyCase: (column) => `${column} LIKE ? ESCAPE '\\'`,
};

const POSTGRES_PIECES: SqlPieces = {
  jsonRows: (alias) => `json_array_elements(CAST(? AS json)) AS ${alias}`,
  jsonIntegers:
    'SELECT CAST(value AS INTEGER) AS value FROM json_array_elements_text(CAST(? AS json)) AS j',
  jsonArray: (exprs) => `CAST(json_build_array(${exprs.join(', ')}) AS TEXT)`,
  jsonArrayAgg: (exprs) =>
    `CAST(COALESCE(json_agg(json_build_array(${exprs.join(', ')})), '[]') AS TEXT)`,
  linesAgg: (expr, orderBy) =>
    `string_agg(CAST(${expr} AS TEXT), chr(10)${orderBy ? ` ORDER BY ${orderBy}` : ''})`,
  position: (haystack, needle) => `strpos(${haystack}, ${needle})`,
  outerJoinFirst: 'JOIN',
  // As the hour_rollups triggers compute it (migrations/postgres-dialect.ts, pgWeekStartSql).
  mondayOf: (d) =>
    `to_char(CAST(${d} AS date) - (EXTRACT(ISODOW FROM CAST(${d} AS date))::int - 1), 'YYYY-MM-DD')`,
  likeAnyCase: (column) => `${column} ILIKE ? ESCAPE '\\'`,
};

export const sqlPieces = (q: Q): SqlPieces => (isPostgres(q) ? POSTGRES_PIECES : SQLITE_PIECES);

/**
 * Advisory locks are the database's, not a schema's: several practices may share one database,
 * a schema each (as every test practice does), so each key carries the practice's schema. A
 * constant key made one practice's appends wait for another's whole transaction.
 */
const practiceLock = (what: string) => `hashtext(current_schema() || '${what}')`;

/**
 * Holds the audit chain for the rest of the transaction `q`: appends from other connections
 * (other workstations on one server) wait until it commits, so two never compute the same next
 * id and hmac. SQLite needs nothing: it has one writer at a time.
 */
export async function lockAuditChain(q: Q): Promise<void> {
  if (isPostgres(q)) await q.raw(`SELECT pg_advisory_xact_lock(${practiceLock(':audit')}, 0)`);
}

/**
 * Holds these workers' hours and weeks for the rest of the transaction `q`, on PostgreSQL: an
 * hour write checks the day's 24 hours and the week's status, then writes, and a week's
 * transition reads its hours, then changes the week; on a shared server another workstation's
 * write between the two would slip past the check (two saves making a 30-hour day, an entry
 * landing in a week just submitted). Taken in ascending id order, so two transactions never
 * wait on each other in a circle. SQLite's single writer serialises them already.
 */
export async function lockWorkerHours(q: Q, workerIds: readonly number[]): Promise<void> {
  if (!isPostgres(q)) return;
  for (const id of [...new Set(workerIds)].sort((a, b) => a - b))
    await q.raw(`SELECT pg_advisory_xact_lock(${practiceLock(':hours')}, ?)`, [id]);
}
