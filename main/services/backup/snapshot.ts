import sqlite3 from 'sqlite3';
import type { Knex } from 'knex';
import type { DatabaseSummary } from '../../domain/backups.js';

/**
 * A consistent copy of the live database, made through the app's own (only) connection with
 * `VACUUM INTO`, so it sees every committed write and needs no second writer. Check it with
 * assertIntact before trusting it.
 */
export async function copyDatabase(db: Knex, target: string): Promise<void> {
  await db.raw('VACUUM INTO ?', [target]);
}

/** Throws when `file` fails `PRAGMA integrity_check`. */
export async function assertIntact(file: string): Promise<void> {
  const problem = await integrityProblem(file);
  if (problem) throw new Error(`The snapshot failed its integrity check: ${problem}`);
}

/** `PRAGMA integrity_check` on a file opened read-only; null when it reports "ok". */
export async function integrityProblem(file: string): Promise<string | null> {
  const rows = await withReadOnly(file, (conn) =>
    all<{ integrity_check: string }>(conn, 'PRAGMA integrity_check'),
  );
  const messages = rows.map((r) => r.integrity_check);
  return messages.length === 1 && messages[0] === 'ok' ? null : messages.slice(0, 3).join('; ');
}

/** What a database file holds, for the restore preview. Read-only; the file is not changed. */
export async function summarizeDatabase(file: string): Promise<DatabaseSummary> {
  return withReadOnly(file, async (conn) => {
    const migrations = (
      await all<{ name: string }>(conn, 'SELECT name FROM knex_migrations ORDER BY id')
    ).map((r) => r.name);
    const count = async (table: string) =>
      Number((await all<{ n: number }>(conn, `SELECT COUNT(*) AS n FROM ${table}`))[0]?.n ?? 0);
    const practice = await all<{ name: string }>(conn, 'SELECT name FROM practice LIMIT 1');
    return {
      schemaVersion: migrations.length,
      migrations,
      practiceName: practice[0]?.name ?? null,
      counts: {
        workers: await count('workers'),
        supervisors: await count('supervisors'),
        hourEntries: await count('hour_entries'),
      },
    };
  });
}

async function withReadOnly<T>(file: string, fn: (conn: sqlite3.Database) => Promise<T>) {
  const conn = await new Promise<sqlite3.Database>((ok, fail) => {
    const c = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? fail(err) : ok(c)));
  });
  try {
    return await fn(conn);
  } finally {
    await new Promise<void>((ok) => conn.close(() => ok()));
  }
}

function all<T>(conn: sqlite3.Database, sql: string): Promise<T[]> {
  return new Promise((ok, fail) =>
    conn.all(sql, (err: Error | null, rows: T[]) => (err ? fail(err) : ok(rows))),
  );
}
