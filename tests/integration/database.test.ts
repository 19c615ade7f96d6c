import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertBatched, openDatabase, type Db } from '../../main/db/connection.js';
import { migrateToLatest, SCHEMA_VERSION } from '../../main/db/migration-source.js';
import { join } from 'node:path';
import { tempFolder } from '../support/temp-core.js';

describe('database factory and migrations (real file)', () => {
  let folder: ReturnType<typeof tempFolder>;
  let db: Db;

  beforeEach(async () => {
    folder = tempFolder();
    db = openDatabase(join(folder.path, 'nested', 'hk.sqlite'));
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
