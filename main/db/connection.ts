import knexFactory, { type Knex } from 'knex';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Knex;

/** Lets a busy file wait this long for a lock before failing (other tools reading the file). */
const BUSY_TIMEOUT_MS = 5000;

type RawConnection = {
  exec(sql: string, cb: (err: Error | null) => void): void;
};

/**
 * One connection for the whole process. SQLite serialises writes anyway, and a single
 * connection makes every PRAGMA stick; PRAGMAs are set in afterCreate because knex.raw may
 * run on a different pooled connection than the one it was meant for.
 */
export function openDatabase(filename: string): Db {
  mkdirSync(dirname(filename), { recursive: true });
  return knexFactory({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (
        conn: RawConnection,
        done: (err: Error | null, conn: RawConnection) => void,
      ) => {
        conn.exec(
          `PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL;`,
          (err) => done(err, conn),
        );
      },
    },
  });
}

/** SQLite rejects compound inserts above 500 rows ("too many terms in compound SELECT"). */
export const MAX_ROWS_PER_INSERT = 500;

export async function insertBatched<T extends object>(
  trx: Knex.Transaction,
  table: string,
  rows: readonly T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += MAX_ROWS_PER_INSERT) {
    await trx(table).insert(rows.slice(i, i + MAX_ROWS_PER_INSERT));
  }
}
