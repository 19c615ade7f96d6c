import { constants } from 'node:fs';
import { copyFile, stat } from 'node:fs/promises';
import type { Knex } from 'knex';
import type { DatabaseSummary } from '../../../shared/domain/backups.js';
import { openDatabaseChecked } from '../../db/connection.js';
import {
  beginRead,
  checkpointWal,
  integrityCheck,
  quickCheck,
  setPageCache,
  vacuumInto,
} from '../../db/dialect/sqlite.js';
import { migrationNames } from '../../db/migration-source.js';
import { rowCount } from '../../db/query.js';
import { practiceName } from '../../db/tables/practice.js';

/** The file a connection opened. */
export const databaseFileOf = (db: Knex): string =>
  (db.client.config.connection as { filename: string }).filename;

/** Bytes in a file; 0 when it does not exist. */
const sizeOf = (path: string) =>
  stat(path).then(
    (s) => s.size,
    () => 0,
  );

/**
 * Runs `fn` while the live database file alone holds every committed write and does not change,
 * though the app goes on reading and writing meanwhile:
 *  1. `wal_checkpoint(TRUNCATE)` on the app's connection moves the log into the file and empties it;
 *  2. a second, read-only connection on the same key opens a read transaction. A reader that
 *     starts while the log is empty reads the file alone, and SQLite writes no checkpoint into
 *     the file while such a reader is open (the checkpoint needs WAL read-lock 0 exclusively,
 *     which that reader holds shared). New writes go to the log only.
 * A write can land between 1 and 2; then the log is not empty once the read transaction has
 * started (nothing can empty it under a reader that uses it), and this answers null: the caller
 * falls back to VACUUM INTO.
 */
export async function withSettledFile<T>(
  db: Knex,
  key: Buffer | null,
  fn: (file: string) => Promise<T>,
): Promise<{ value: T } | null> {
  const live = databaseFileOf(db);
  if ((await checkpointWal(db)).busy !== 0) return null;
  const reader = await openDatabaseChecked(live, { key, readOnly: true });
  try {
    return await reader.transaction(async (trx) => {
      await beginRead(trx);
      if ((await sizeOf(`${live}-wal`)) > 0) return null;
      return { value: await fn(live) };
    });
  } finally {
    await reader.destroy();
  }
}

/**
 * A consistent copy of the live database at `target`, under the live file's own key (it is
 * never plain on disk): a file copy while the file is settled (withSettledFile, about ten times
 * faster than rewriting it), or `VACUUM INTO` through the app's connection when a write came in
 * between. Check it with assertIntact before trusting it.
 */
export async function copyDatabase(
  db: Knex,
  target: string,
  key: Buffer | null,
): Promise<'file-copy' | 'vacuum-into'> {
  const copied = await withSettledFile(db, key, (live) =>
    copyFile(live, target, constants.COPYFILE_EXCL),
  );
  if (copied) return 'file-copy';
  await vacuumInto(db, target);
  return 'vacuum-into';
}

/**
 * Throws when the snapshot `file` fails `PRAGMA quick_check`: every b-tree page decrypts and
 * authenticates under the key (SQLCipher checks each page's HMAC as it reads it) and every
 * b-tree, record and constraint is well formed, so the backup restores into a database SQLite
 * opens and reads whole. What quick_check leaves out (each index holds exactly its table's rows)
 * costs as much again as everything else together on a large practice, and an index that
 * disagreed would be repaired by REINDEX, not lost (README, "Backups").
 */
export async function assertIntact(file: string, key: Buffer | null): Promise<void> {
  const problem = await checkProblem(file, key, quickCheck);
  if (problem) throw new Error(`The snapshot failed its integrity check: ${problem}`);
}

/** Page cache for the check: the whole file, up to this much (each page is decrypted once). */
const CHECK_CACHE_MAX_KIB = 1024 * 1024;

/** `PRAGMA integrity_check` on a file opened read-only; null when it reports "ok". */
export const integrityProblem = (file: string, key: Buffer | null) =>
  checkProblem(file, key, integrityCheck);

/** `PRAGMA quick_check` on a file opened read-only; null when it reports "ok". */
export const quickCheckProblem = (file: string, key: Buffer | null) =>
  checkProblem(file, key, quickCheck);

/**
 * Runs `check` on a file opened read-only. With a page cache as large as the file, SQLCipher
 * decrypts and authenticates each page once, instead of again each time the check comes back
 * to it.
 */
async function checkProblem(
  file: string,
  key: Buffer | null,
  check: (db: Knex) => Promise<string[]>,
): Promise<string | null> {
  const kib = Math.min(CHECK_CACHE_MAX_KIB, Math.ceil((await sizeOf(file)) / 1024) + 1024);
  const messages = await withReadOnly(file, key, async (db) => {
    await setPageCache(db, kib);
    return check(db);
  });
  return messages.length === 1 && messages[0] === 'ok' ? null : messages.slice(0, 3).join('; ');
}

/** What a database file holds, for the restore preview. Read-only; the file is not changed. */
export async function summarizeDatabase(
  file: string,
  key: Buffer | null,
): Promise<DatabaseSummary> {
  return withReadOnly(file, key, summarizeOpen);
}

/** What an open database (or a transaction's snapshot of one) holds. */
export async function summarizeOpen(db: Knex): Promise<DatabaseSummary> {
  const migrations = await migrationNames(db);
  return {
    schemaVersion: migrations.length,
    migrations,
    practiceName: (await practiceName(db)) ?? null,
    counts: {
      workers: await rowCount(db, 'workers'),
      supervisors: await rowCount(db, 'supervisors'),
      hourEntries: await rowCount(db, 'hour_entries'),
    },
  };
}

async function withReadOnly<T>(
  file: string,
  key: Buffer | null,
  fn: (db: Knex) => Promise<T>,
): Promise<T> {
  const db = await openDatabaseChecked(file, { key, readOnly: true });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}
