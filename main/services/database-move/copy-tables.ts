import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { advanceIdSequence, keyColumns, referencedTables } from '../../db/dialect/catalogue.js';
import { columnNames, tableNames } from '../../db/dialect/index.js';
import type { Q } from '../../db/query.js';

/**
 * Tables a move does not copy: knex's own bookkeeping (the target's migrations write theirs),
 * hour_rollups (the target's triggers rebuild it from hour_entries as they arrive; checked
 * afterwards like every other table) and progress_cache (a cache, refilled on first use).
 */
const NOT_COPIED = new Set(['knex_migrations', 'knex_migrations_lock', 'progress_cache']);
const REBUILT_BY_TRIGGERS = new Set(['hour_rollups']);

/** Rows per read page and per insert statement (PostgreSQL binds at most 65,535 values). */
const PAGE_ROWS = 2000;
const INSERT_ROWS = 400;

export interface TableCopy {
  table: string;
  rows: number;
  /** Over the rows, each value as both databases return it (see checksumOf). */
  checksum: string;
}

export class MoveVerificationError extends Error {
  constructor(
    readonly table: string,
    what: string,
  ) {
    super(`The copy of ${table} on the server does not match this workstation's (${what}).`);
    this.name = 'MoveVerificationError';
  }
}

/** Tables in an order where every referenced table comes before those that reference it. */
async function copyOrder(source: Q, tables: readonly string[]): Promise<string[]> {
  const parents = new Map<string, string[]>();
  for (const t of tables) parents.set(t, await referencedTables(source, t));
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const p of parents.get(t) ?? []) if (parents.has(p)) visit(p, path);
    ordered.push(t);
  };
  for (const t of [...tables].sort()) visit(t, new Set());
  return ordered;
}

/** A value as a checksum sees it: the same on both dialects for the same stored value. */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return `x${value.toString('hex')}`;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * Reads `table` a page at a time (a million entries never sit in memory at once): after the
 * last id for an `id` key, which stays fast however deep, else by offset in key order.
 */
async function* pages(
  q: Q,
  table: string,
  columns: readonly string[],
  key: readonly string[],
): AsyncGenerator<Record<string, unknown>[]> {
  const byId = key.length === 1 && key[0] === 'id';
  let lastId = Number.NEGATIVE_INFINITY;
  for (let offset = 0; ; offset += PAGE_ROWS) {
    const query = q(table)
      .select(columns)
      .orderBy(key.map((column) => ({ column })))
      .limit(PAGE_ROWS);
    const rows = (await (byId
      ? lastId === Number.NEGATIVE_INFINITY
        ? query
        : query.where('id', '>', lastId)
      : query.offset(offset))) as Record<string, unknown>[];
    if (rows.length) yield rows;
    if (rows.length < PAGE_ROWS) return;
    if (byId) lastId = Number(rows[rows.length - 1]?.id);
  }
}

const MOD = 1n << 256n;

/**
 * Rows and a checksum that does not depend on the order rows come back in (the two databases
 * may sort text keys by different collations): the sum, modulo 2^256, of each row's SHA-256.
 */
async function checksumOf(q: Q, table: string, columns: readonly string[]): Promise<TableCopy> {
  const key = await keyColumns(q, table);
  let sum = 0n;
  let rows = 0;
  for await (const page of pages(q, table, columns, key)) {
    for (const row of page) {
      const digest = createHash('sha256')
        .update(JSON.stringify(columns.map((c) => canonical(row[c]))))
        .digest('hex');
      sum = (sum + BigInt(`0x${digest}`)) % MOD;
    }
    rows += page.length;
  }
  return { table, rows, checksum: sum.toString(16).padStart(64, '0') };
}

/**
 * Copies every table of the practice from `source` (the file, inside the caller's transaction,
 * so nothing changes under the copy) into `target` (a fresh, migrated server database, inside
 * its own transaction), then checks each table's row count and checksum on both sides.
 * Throws, leaving the target's transaction to roll back, at the first difference.
 */
export async function copyPractice(
  source: Q,
  target: Knex.Transaction,
  onProgress: (done: number, total: number, table: string) => void,
): Promise<TableCopy[]> {
  const all = (await tableNames(source)).filter((t) => !NOT_COPIED.has(t));
  const copied = (await copyOrder(source, all)).filter((t) => !REBUILT_BY_TRIGGERS.has(t));
  // What the target's migrations seeded (defaults a new practice starts with) gives way to the
  // practice's own rows; a child before its parent, against the foreign keys.
  for (const table of [...copied].reverse()) {
    if (table !== 'audit_log') await target(table).del();
  }
  const total = copied.length;
  for (const [i, table] of copied.entries()) {
    onProgress(i, total, table);
    const columns = await columnNames(source, table);
    const key = await keyColumns(source, table);
    for await (const page of pages(source, table, columns, key)) {
      for (let at = 0; at < page.length; at += INSERT_ROWS)
        await target(table).insert(page.slice(at, at + INSERT_ROWS));
    }
    await advanceIdSequence(target, table);
  }
  onProgress(total, total, '');
  const report: TableCopy[] = [];
  for (const table of [...copied, ...all.filter((t) => REBUILT_BY_TRIGGERS.has(t))]) {
    const columns = await columnNames(source, table);
    const mine = await checksumOf(source, table, columns);
    const theirs = await checksumOf(target, table, columns);
    if (mine.rows !== theirs.rows)
      throw new MoveVerificationError(table, `${mine.rows} rows here, ${theirs.rows} there`);
    if (mine.checksum !== theirs.checksum) throw new MoveVerificationError(table, 'checksum');
    report.push(mine);
  }
  return report;
}
