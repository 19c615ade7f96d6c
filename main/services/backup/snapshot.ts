import type { Knex } from 'knex';
import type { DatabaseSummary } from '../../../shared/domain/backups.js';
import { openDatabaseChecked } from '../../db/connection.js';
import { integrityCheck, vacuumInto } from '../../db/dialect/sqlite.js';
import { migrationNames } from '../../db/migration-source.js';
import { rowCount } from '../../db/query.js';
import { practiceName } from '../../db/tables/practice.js';

/**
 * A consistent copy of the live database, made through the app's own (only) connection with
 * `VACUUM INTO`, so it sees every committed write and needs no second writer. On a keyed
 * connection SQLCipher writes the copy under the same key: it is never plain on disk. Check it
 * with assertIntact before trusting it.
 */
export async function copyDatabase(db: Knex, target: string): Promise<void> {
  await vacuumInto(db, target);
}

/** Throws when `file` fails `PRAGMA integrity_check`. */
export async function assertIntact(file: string, key: Buffer | null): Promise<void> {
  const problem = await integrityProblem(file, key);
  if (problem) throw new Error(`The snapshot failed its integrity check: ${problem}`);
}

/** `PRAGMA integrity_check` on a file opened read-only; null when it reports "ok". */
export async function integrityProblem(file: string, key: Buffer | null): Promise<string | null> {
  const messages = await withReadOnly(file, key, integrityCheck);
  return messages.length === 1 && messages[0] === 'ok' ? null : messages.slice(0, 3).join('; ');
}

/** What a database file holds, for the restore preview. Read-only; the file is not changed. */
export async function summarizeDatabase(
  file: string,
  key: Buffer | null,
): Promise<DatabaseSummary> {
  return withReadOnly(file, key, async (db) => {
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
  });
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
