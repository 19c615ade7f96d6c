import { rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Knex } from 'knex';
import { checkpointWal } from '../../db/dialect/sqlite.js';
import { fsyncPath } from '../../platform/backup-file.js';

/**
 * Puts `replacement` in place of the live database file `live`, whose connection is `db`.
 *
 * Crash safety, step by step (a SIGKILL can land anywhere):
 *  1. Checkpoint the WAL into the main file and close the connection: the live file alone now
 *     holds everything. A crash here leaves the live database whole.
 *  2. Remove the (now empty) -wal and -shm files, so SQLite can never replay the old log over
 *     the new file. A crash here: the live file is still whole and opens without them.
 *  3. rename(replacement → live): atomic on one file system (both are in the data folder). A
 *     crash before it leaves the old database; after it, the new one. Never a mix.
 */
export async function swapDatabaseFile(db: Knex, live: string, replacement: string): Promise<void> {
  const result = await checkpointWal(db);
  if (result.busy !== 0) {
    throw new Error('The database is busy; the restore did not start. Try again in a moment.');
  }
  await db.destroy();
  const wal = `${live}-wal`;
  const walBytes = await stat(wal).then(
    (s) => s.size,
    () => 0,
  );
  if (walBytes > 0) {
    // Something wrote after the checkpoint; dropping the log would lose it, so stop here.
    throw new Error('The database log could not be emptied; the restore did not start.');
  }
  await rm(wal, { force: true });
  await rm(`${live}-shm`, { force: true });
  await fsyncPath(replacement);
  await rename(replacement, live);
  await fsyncPath(dirname(live)).catch(() => undefined); // directories cannot be synced on Windows
}
