import sqlcipherDriver from '@journeyapps/sqlcipher';
import knexFactory, { type Knex } from 'knex';
import SqliteClient from 'knex/lib/dialects/sqlite3/index.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Knex;

/** Lets a busy file wait this long for a lock before failing (other tools reading the file). */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Decrypted pages kept in memory per connection. SQLCipher decrypts and checks each page as it
 * is read from disk; a page found in this cache costs nothing more than in plain SQLite, so the
 * cache is what keeps a week's view and a save near plain SQLite's speed (bench/README.md).
 */
export const PAGE_CACHE_KIB = 128 * 1024;

/**
 * SQLCipher 4's defaults (AES-256-CBC per page, HMAC-SHA512 page authentication, 4 KiB pages):
 * measured against 16 KiB pages and HMAC-SHA256 in bench/README.md, they were as fast with a
 * warm page cache, and keeping the defaults lets the standard `sqlcipher` shell open a file for
 * a repair. The key is raw (256 random bits), so no passphrase KDF runs on open.
 */
export const CIPHER_PAGE_BYTES = 4096;

type RawConnection = {
  exec(sql: string, cb: (err: Error | null) => void): void;
  get(sql: string, cb: (err: Error | null, row: unknown) => void): void;
};

/** The file is not a database under this key: another key, another file, or damage. */
export class DatabaseKeyError extends Error {
  constructor(readonly filename: string) {
    super(
      `The database ${filename} cannot be read with this practice's key: it belongs to another practice, was damaged, or is not an Hourkeep database. Restore it from a backup.`,
    );
    this.name = 'DatabaseKeyError';
  }
}

/**
 * knex's sqlite3 dialect over @journeyapps/sqlcipher: node-sqlite3's API with SQLCipher compiled
 * in, so every query, migration and transaction of the sqlite3 dialect works unchanged.
 */
class SqlCipherClient extends SqliteClient {
  declare connectionSettings: { filename: string; readOnly?: boolean };
  declare driver: typeof sqlcipherDriver;

  _driver(): unknown {
    return sqlcipherDriver;
  }

  /** How to open the read-only twin (readerOf); set on a writable database only. */
  openTwin: (() => Db) | null = null;
  private reader: Db | null = null;
  private closed = false;

  twin(): Db | null {
    if (this.closed || !this.openTwin) return null;
    return (this.reader ??= this.openTwin());
  }

  /** knex's destroy, closing the twin first: the lock closes both, and a restore swaps both. */
  async destroy(callback?: (err?: unknown) => void): Promise<void> {
    this.closed = true;
    const reader = this.reader;
    this.reader = null;
    await reader?.destroy().catch(() => undefined);
    const knexDestroy = SqliteClient.prototype.destroy as (
      this: SqlCipherClient,
      cb?: (err?: unknown) => void,
    ) => Promise<void>;
    return knexDestroy.call(this, callback);
  }

  /** As knex's, but a read-only connection opens without OPEN_CREATE (they may not combine). */
  acquireRawConnection(): Promise<unknown> {
    const { filename, readOnly } = this.connectionSettings;
    const flags = readOnly
      ? this.driver.OPEN_READONLY
      : this.driver.OPEN_READWRITE | this.driver.OPEN_CREATE;
    return new Promise((ok, fail) => {
      const db = new this.driver.Database(filename, flags, (err) => (err ? fail(err) : ok(db)));
    });
  }
}

/** `PRAGMA key` for a raw 256-bit key; the statement never reaches a log or an error message. */
export function keyPragma(key: Buffer, schema = 'main'): string {
  if (key.length !== 32) throw new Error('A database key is 32 bytes');
  return `PRAGMA ${schema}.key = "x'${key.toString('hex')}'";`;
}

/**
 * Statements that carry a key: re-keying, and attaching a database under a key (conversion,
 * restore staging). knex puts a failed statement's SQL into its error message, which would put
 * the key into a log, so the error is replaced by one that names only what failed.
 */
export const keyedStatement = {
  rekey: (key: Buffer): string => `PRAGMA main.rekey = "x'${hexKey(key)}'";`,
  attach: (alias: string, key: Buffer): string =>
    `ATTACH DATABASE ? AS ${alias} KEY "x'${hexKey(key)}'"`,
};

function hexKey(key: Buffer): string {
  if (key.length !== 32) throw new Error('A database key is 32 bytes');
  return key.toString('hex');
}

export async function runKeyed(
  db: Knex,
  what: string,
  sql: string,
  bindings: readonly string[] = [],
): Promise<void> {
  try {
    await db.raw(sql, bindings);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(`Could not ${what} (${code})`);
  }
}

export interface OpenOptions {
  /** The SQLCipher key; null opens a plain SQLite file (the bench's baseline, old installs). */
  key: Buffer | null;
  /** Read-only checks of a copy (restore previews, conversion checks). */
  readOnly?: boolean;
}

/**
 * The settings every connection needs, in order. The key comes first: until it is given, the
 * file is unreadable. secure_delete overwrites deleted content (an erasure leaves nothing in
 * free pages); temp_store keeps sorts and temporary tables in memory, never in a temp file.
 */
export function connectionPragmas(): string {
  return [
    `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`,
    'PRAGMA secure_delete = ON;',
    'PRAGMA temp_store = MEMORY;',
    `PRAGMA cache_size = -${PAGE_CACHE_KIB};`,
  ].join(' ');
}

/**
 * Gives the key and proves it: the first read of page 1 fails with SQLITE_NOTADB under a wrong
 * key. The driver's error is replaced so nothing of the statement (the key) travels further.
 */
function unlockConnection(
  conn: RawConnection,
  filename: string,
  key: Buffer | null,
  writable: boolean,
  done: (err: Error | null) => void,
): void {
  const refused = (err: Error) => {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT'
      ? new DatabaseKeyError(filename)
      : new Error(`Could not open the database ${filename} (${code ?? 'error'})`);
  };
  const giveKey = (next: (err: Error | null) => void) =>
    key ? conn.exec(keyPragma(key), next) : next(null);
  giveKey((keyErr) => {
    if (keyErr) return done(new Error(`Could not give the key to the database ${filename}`));
    conn.get('SELECT count(*) AS n FROM sqlite_master', (readErr) => {
      if (readErr) return done(refused(readErr));
      conn.exec(connectionPragmas(), (err) => {
        if (err) return done(refused(err));
        if (!writable) return done(null);
        conn.exec(
          'PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;',
          (walErr) => done(walErr ? refused(walErr) : null),
        );
      });
    });
  });
}

/**
 * One connection for the whole process. SQLite serialises writes anyway, and a single
 * connection makes every PRAGMA stick; PRAGMAs are set in afterCreate because knex.raw may
 * run on a different pooled connection than the one it was meant for.
 */
export function openDatabase(filename: string, options: OpenOptions): Db {
  mkdirSync(dirname(filename), { recursive: true });
  const writable = !options.readOnly;
  // A copy so the caller may wipe its buffer once the first connection is made.
  const key = options.key ? Buffer.from(options.key) : null;
  const db = knexFactory({
    client: SqlCipherClient as unknown as typeof knexFactory.Client,
    connection: { filename, readOnly: !writable } as Knex.Sqlite3ConnectionConfig,
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      // A closed database (the lock) must not be reopened behind the person's back.
      idleTimeoutMillis: Number.MAX_SAFE_INTEGER,
      afterCreate: (conn: RawConnection, done: (err: Error | null, c: RawConnection) => void) => {
        unlockConnection(conn, filename, key, writable, (err) => done(err, conn));
      },
    },
  });
  if (writable)
    (db.client as SqlCipherClient).openTwin = () => openDatabase(filename, { key, readOnly: true });
  return db;
}

/**
 * The read-only twin of a writable database: a second connection on the same file under the
 * same key, opened on first use and closed with the writer. The writer is one connection, so a
 * read sent through it waits behind any transaction in progress: a week's view waited 11 s
 * behind a CSV import and 25 s behind a backup at 200k entries. In WAL mode this connection
 * reads the last committed state meanwhile. Reads that must see their own call's uncommitted
 * writes stay on the writer: a transaction is never given a twin (`readerOf(trx)` is `trx`).
 */
export function readerOf(db: Db): Db {
  if (db.isTransaction) return db;
  // PostgreSQL's pool already reads beside a writer (MVCC): only the SQLCipher client has a twin.
  return (db.client as Partial<SqlCipherClient>).twin?.() ?? db;
}

/**
 * Runs `read` on a read-only connection of its own, beside the writer and the twin, closed
 * when it ends: for one long read (a scan of the whole audit trail) that would hold the twin,
 * and every week's view behind it, for seconds. Null when `db` has no twin to copy (PostgreSQL,
 * a read-only or closed database).
 */
export async function withSpareReader<T>(
  db: Db,
  read: (reader: Db) => Promise<T>,
): Promise<T | null> {
  const client = db.client as Partial<SqlCipherClient>;
  if (db.isTransaction || !client.openTwin || !client.twin?.()) return null;
  const reader = client.openTwin();
  try {
    return await read(reader);
  } finally {
    await reader.destroy().catch(() => undefined);
  }
}

/** Opens and proves the key now, instead of at the first query. */
export async function openDatabaseChecked(filename: string, options: OpenOptions): Promise<Db> {
  const db = openDatabase(filename, options);
  try {
    await db.raw('SELECT 1');
    return db;
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err instanceof Error && 'filename' in err
      ? err
      : err instanceof Error && /cannot be read with this practice's key/.test(err.message)
        ? new DatabaseKeyError(filename)
        : err;
  }
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
