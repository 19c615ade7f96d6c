import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  DatabaseKeyError,
  insertBatched,
  openDatabase,
  openDatabaseChecked,
  type Db,
} from '../../main/db/connection.js';
import { migrateToLatest, SCHEMA_VERSION } from '../../main/db/migration-source.js';
import { join } from 'node:path';
import { tempFolder } from '../support/temp-core.js';

describe('database factory and migrations (real file)', () => {
  let folder: ReturnType<typeof tempFolder>;
  let db: Db;

  beforeEach(async () => {
    folder = tempFolder();
    db = openDatabase(join(folder.path, 'nested', 'hk.sqlite'), { key: randomBytes(32) });
    await migrateToLatest(db);
  });
  afterEach(async () => {
    await db.destroy();
    folder.remove();
  });

  const pragma = async (name: string) => {
    const rows = (await db.raw(`PRAGMA ${name}`)) as Record<string, unknown>[];
    return Object.values(rows[0] ?? {})[0];
  };

  it('sets WAL, foreign keys and a busy timeout on the connection', async () => {
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
    expect(await pragma('secure_delete')).toBe(1);
    // 2 = MEMORY: sorts and temporary tables never reach a temp file in clear.
    expect(await pragma('temp_store')).toBe(2);
    expect(await pragma('cipher_version')).toMatch(/^4\./);
  });

  it('creates every core table and the indexes the week and total queries use', async () => {
    for (const t of [
      'practice',
      'sites',
      'supervisors',
      'workers',
      'supervision_assignments',
      'hour_entries',
    ]) {
      expect(await db.schema.hasTable(t)).toBe(true);
    }
    const plan = (await db.raw(
      "EXPLAIN QUERY PLAN SELECT * FROM hour_entries WHERE worker_id = 1 AND date BETWEEN '2026-01-01' AND '2026-01-07'",
    )) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('hour_entries_worker_date_idx');
  });

  it('records its migrations and is idempotent', async () => {
    await migrateToLatest(db);
    const rows = await db('knex_migrations').select('name');
    expect(rows).toHaveLength(SCHEMA_VERSION);
  });

  it('enforces foreign keys', async () => {
    await expect(
      db('supervision_assignments').insert({
        worker_id: 99,
        supervisor_id: 99,
        site_id: 99,
        start_date: '2026-01-01',
        created_at: 'x',
        updated_at: 'x',
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('inserts more than 500 rows by batching, and a plain 501-row insert would fail', async () => {
    const rows = Array.from({ length: 1201 }, (_, i) => ({
      name: `Site ${i}`,
      created_at: 'x',
      updated_at: 'x',
    }));
    await expect(db('sites').insert(rows.slice(0, 501))).rejects.toThrow(/too many terms/);
    await db.transaction((trx) => insertBatched(trx, 'sites', rows));
    expect(Number((await db('sites').count({ n: '*' }))[0]?.n)).toBe(1201);
  });
});

describe('SQLCipher at rest (real files)', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    folder = tempFolder();
  });
  afterEach(() => folder.remove());

  const CANARY = 'Zephyrine Quillfeather';

  async function makeEncrypted(file: string, key: Buffer) {
    const db = openDatabase(file, { key });
    await migrateToLatest(db);
    const now = '2026-12-04T00:00:00.000Z';
    await db('workers').insert({
      first_name: CANARY.split(' ')[0],
      last_name: CANARY.split(' ')[1],
      email: 'zq@example.org',
      start_date: '2026-01-05',
      created_at: now,
      updated_at: now,
    });
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.destroy();
  }

  it('writes no plain text: no SQLite header and no canary anywhere in the file', async () => {
    const file = join(folder.path, 'hk.db');
    await makeEncrypted(file, randomBytes(32));
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('Zephyrine'))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false);
  });

  it('opens with its key, and is not a database without it or under another key', async () => {
    const file = join(folder.path, 'hk.db');
    const key = randomBytes(32);
    await makeEncrypted(file, key);

    const right = await openDatabaseChecked(file, { key });
    expect((await right('workers').first('first_name')) as unknown).toEqual({
      first_name: 'Zephyrine',
    });
    await right.destroy();

    const started = Date.now();
    await expect(openDatabaseChecked(file, { key: randomBytes(32) })).rejects.toBeInstanceOf(
      DatabaseKeyError,
    );
    await expect(openDatabaseChecked(file, { key: null })).rejects.toBeInstanceOf(DatabaseKeyError);
    // Refused at once, not after the pool's acquire timeout.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('the sqlite3 shell cannot read it', async () => {
    const file = join(folder.path, 'hk.db');
    await makeEncrypted(file, randomBytes(32));
    const shell = spawnSync('sqlite3', [file, 'SELECT first_name FROM workers'], {
      encoding: 'utf8',
    });
    expect(shell.error, 'the sqlite3 shell is installed').toBeUndefined();
    expect(shell.status).not.toBe(0);
    expect(shell.stderr).toMatch(/not a database/i);
    expect(shell.stdout).not.toContain('Zephyrine');
  });

  it('the error for a wrong key never carries the key', async () => {
    const file = join(folder.path, 'hk.db');
    const key = randomBytes(32);
    await makeEncrypted(file, key);
    const other = randomBytes(32);
    const err = (await openDatabaseChecked(file, { key: other }).catch((e: unknown) => e)) as Error;
    expect(String(err.message) + String(err.stack)).not.toContain(other.toString('hex'));
  });
});
