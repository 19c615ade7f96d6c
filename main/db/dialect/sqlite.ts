import type { Q } from '../q.js';

/**
 * SQLite-only statements (PRAGMAs, VACUUM INTO, SQLCipher's export, sqlite_master) in one
 * place, so the PostgreSQL support planned in issue 21 has one file to answer for.
 */

/**
 * Moves the WAL into the main file and empties it. `busy` is non-zero when another reader kept
 * part of the log from being copied.
 */
export async function checkpointWal(db: Q): Promise<{ busy: number }> {
  const [result] = (await db.raw('PRAGMA wal_checkpoint(TRUNCATE)')) as { busy: number }[];
  return { busy: Number(result?.busy ?? 0) };
}

/** `PRAGMA integrity_check`'s messages: exactly ['ok'] for a sound file. */
export async function integrityCheck(db: Q): Promise<string[]> {
  const rows = (await db.raw('PRAGMA integrity_check')) as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check);
}

/** A consistent copy of the database at `target`, under the connection's own key. */
export async function vacuumInto(db: Q, target: string): Promise<void> {
  await db.raw('VACUUM INTO ?', [target]);
}

/**
 * Copies every table into the database attached as `alias` (under that attachment's key: how
 * SQLCipher encrypts or re-keys a whole file), then detaches it.
 */
export async function exportToAttached(db: Q, alias: 'converted' | 'staged'): Promise<void> {
  await db.raw(`SELECT sqlcipher_export('${alias}')`);
  await db.raw(`DETACH DATABASE ${alias}`);
}

/** The names of the database's own tables (SQLite's internal ones left out). */
export async function tableNames(db: Q): Promise<string[]> {
  const rows = (await db('sqlite_master')
    .where({ type: 'table' })
    .whereNot('name', 'like', 'sqlite_%')
    .select('name')) as { name: string }[];
  return rows.map((t) => t.name);
}

/** Starts the read transaction a `BEGIN` defers: its snapshot is taken now. */
export async function beginRead(db: Q): Promise<void> {
  await db.raw('SELECT count(*) FROM sqlite_master');
}

/** Sets the connection's page cache to `kib` kibibytes. */
export async function setPageCache(db: Q, kib: number): Promise<void> {
  await db.raw(`PRAGMA cache_size = -${Math.floor(kib)}`);
}

/**
 * `PRAGMA quick_check`'s messages: exactly ['ok'] for a sound file. Every b-tree page is read
 * (under SQLCipher, decrypted and its HMAC checked) and its structure and records checked; what
 * it skips against integrity_check is whether each index holds exactly its table's rows.
 */
export async function quickCheck(db: Q): Promise<string[]> {
  const rows = (await db.raw('PRAGMA quick_check')) as { quick_check: string }[];
  return rows.map((r) => r.quick_check);
}
