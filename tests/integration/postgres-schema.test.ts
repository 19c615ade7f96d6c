import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/connection.js';
import { columnNames, rawRows, tableNames } from '../../main/db/dialect/index.js';
import {
  migrateToLatest,
  MIGRATION_NAMES,
  migrationNames,
  migrationSource,
} from '../../main/db/migration-source.js';
import { openPostgres, type PgLocation } from '../../main/db/postgres.js';

/**
 * Issue 21: every migration and trigger runs on PostgreSQL as on SQLite, and audit_log is
 * append-only there by privilege as well as by trigger. CI starts a server and exports
 * HOURKEEP_PG_*; without one (a developer's machine) the suite is skipped.
 *
 * The app connects as an ordinary role that owns its database, as a practice's server would
 * have it: a superuser passes every privilege check, so the GRANTs could not be seen as one.
 */
const env = process.env;
const NOW = '2026-11-20T15:00:00.000Z';

describe.skipIf(!env.HOURKEEP_PG_HOST)('the schema on PostgreSQL', () => {
  const suffix = randomBytes(6).toString('hex');
  const name = `hk_schema_${suffix}`;
  const password = randomBytes(16).toString('hex');
  const at = (database: string, user: string): PgLocation => ({
    host: env.HOURKEEP_PG_HOST as string,
    port: Number(env.HOURKEEP_PG_PORT ?? 5432),
    database,
    user,
    caFile: env.HOURKEEP_PG_CA ?? null,
  });
  const superPassword = env.HOURKEEP_PG_PASSWORD ?? '';
  const superUser = env.HOURKEEP_PG_USER ?? 'postgres';
  const folder = mkdtempSync(join(tmpdir(), 'hk-pg-schema-'));
  let admin: Db;
  /** The superuser on the test database: bypasses privileges, so it meets only the triggers. */
  let root: Db;
  let app: Db;
  let lite: Db;

  beforeAll(async () => {
    admin = openPostgres(at('postgres', superUser), superPassword);
    await admin.raw(`CREATE ROLE ${name} LOGIN PASSWORD '${password}'`);
    await admin.raw(`CREATE DATABASE ${name} OWNER ${name}`);
    root = openPostgres(at(name, superUser), superPassword);
    app = openPostgres(at(name, name), password);
    await migrateToLatest(app);
    lite = openDatabase(join(folder, 'practice.db'), { key: null });
    await migrateToLatest(lite);
  });

  afterAll(async () => {
    await Promise.all([app, root, lite].map((db) => db?.destroy()));
    if (admin) {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.raw(`DROP ROLE IF EXISTS ${name}`);
      await admin.destroy();
    }
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs every migration', async () => {
    expect(await migrationNames(app)).toEqual([...MIGRATION_NAMES]);
  });

  it('has the tables, columns, NOT NULLs and indexes SQLite has', async () => {
    const tables = (await tableNames(lite)).sort();
    expect((await tableNames(app)).sort()).toEqual(tables);
    for (const table of tables) {
      expect(await columnNames(app, table), table).toEqual(await columnNames(lite, table));
      const liteRequired = await rawRows<{ name: string }>(
        lite,
        'SELECT name FROM pragma_table_info(?) WHERE "notnull" = 1 OR pk > 0 ORDER BY name',
        [table],
      );
      const pgRequired = await rawRows<{ name: string }>(
        app,
        `SELECT column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = ? AND is_nullable = 'NO'
          ORDER BY column_name`,
        [table],
      );
      expect(pgRequired, table).toEqual(liteRequired);
    }
    // Named indexes; primary keys (SQLite's autoindexes, PostgreSQL's _pkey) are compared above.
    const liteIndexes = await rawRows<{ name: string }>(
      lite,
      `SELECT name FROM sqlite_master
        WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name`,
    );
    const pgIndexes = await rawRows<{ name: string }>(
      app,
      `SELECT indexname AS name FROM pg_indexes
        WHERE schemaname = current_schema() AND indexname NOT LIKE '%\\_pkey' ORDER BY indexname`,
    );
    expect(pgIndexes.map((r) => r.name).sort()).toEqual(liteIndexes.map((r) => r.name).sort());
  });

  describe('audit_log', () => {
    const row = (n: number) => ({
      at: NOW,
      actor_user_id: 1,
      actor: 'Owner',
      action: 'test',
      entity: 'worker',
      entity_id: 7,
      subject_type: 'worker',
      subject_id: 7,
      before_json: '{"a":1}',
      after_json: '{"a":2}',
      detail: `row ${n}`,
      prev_hmac: '0'.repeat(64),
      hmac: String(n).repeat(64).slice(0, 64),
    });
    let id: number;

    beforeAll(async () => {
      const [first] = (await app('audit_log').insert(row(1)).returning('id')) as { id: number }[];
      id = Number(first?.id);
      await app('audit_log').insert(row(2));
    });

    it('takes inserts', async () => {
      expect(await app('audit_log').count({ n: '*' })).toEqual([{ n: 2 }]);
    });

    it('refuses an update that is not a redaction, by trigger', async () => {
      // detail is one of the columns a redaction may write, so the privilege lets it through.
      await expect(app('audit_log').where({ id }).update({ detail: 'edited' })).rejects.toThrow(
        /audit_log is append-only; only a redaction may change a row/,
      );
      await expect(
        root('audit_log')
          .where({ id })
          .update({ at: NOW + 'x' }),
      ).rejects.toThrow(/audit_log is append-only; only a redaction may change a row/);
    });

    it('refuses DELETE and TRUNCATE, by trigger', async () => {
      await expect(root('audit_log').where({ id }).delete()).rejects.toThrow(
        /audit_log is append-only/,
      );
      await expect(root.raw('TRUNCATE audit_log')).rejects.toThrow(/audit_log is append-only/);
      await expect(root.raw('TRUNCATE audit_log CASCADE')).rejects.toThrow(
        /audit_log is append-only/,
      );
    });

    it('refuses UPDATE of other columns, DELETE and TRUNCATE by privilege, triggers off', async () => {
      await root.raw('ALTER TABLE audit_log DISABLE TRIGGER USER');
      try {
        const denied = /permission denied for table audit_log/;
        await expect(
          app('audit_log')
            .where({ id })
            .update({ at: NOW + 'x' }),
        ).rejects.toThrow(denied);
        await expect(app('audit_log').where({ id }).update({ hmac: 'f' })).rejects.toThrow(denied);
        await expect(app('audit_log').where({ id }).delete()).rejects.toThrow(denied);
        await expect(app.raw('TRUNCATE audit_log')).rejects.toThrow(denied);
      } finally {
        await root.raw('ALTER TABLE audit_log ENABLE TRIGGER USER');
      }
      expect(await app('audit_log').count({ n: '*' })).toEqual([{ n: 2 }]);
    });

    it('allows a redaction, once', async () => {
      const redaction = {
        actor_user_id: null,
        actor: '[erased person]',
        entity_id: null,
        subject_type: null,
        subject_id: null,
        before_json: null,
        after_json: null,
        detail: null,
        redacted_at: NOW,
        redaction_seal: 'a'.repeat(64),
      };
      expect(await app('audit_log').where({ id }).update(redaction)).toBe(1);
      const [stored] = (await app('audit_log').where({ id }).select('*')) as Record<
        string,
        unknown
      >[];
      expect(stored).toMatchObject({ ...redaction, ...{ at: NOW, action: 'test' } });
      // Its one sealed update is spent.
      await expect(
        app('audit_log')
          .where({ id })
          .update({ ...redaction, redaction_seal: 'b'.repeat(64) }),
      ).rejects.toThrow(/only a redaction may change a row/);
    });
  });

  /** Workers, supervisors and sites to hang entries on, the same on both databases. */
  async function seedPeople(db: Db): Promise<void> {
    const stamps = { created_at: NOW, updated_at: NOW };
    await db('sites').insert(['North', 'South'].map((n) => ({ name: n, ...stamps })));
    await db('supervisors').insert(
      [1, 2].map((n) => ({
        first_name: `Sue${n}`,
        last_name: 'Visor',
        email: `sue${n}@example.org`,
        license_type: 'LMFT',
        license_number: `L${n}`,
        license_state: 'CA',
        license_expires: '2030-01-01',
        ...stamps,
      })),
    );
    await db('workers').insert(
      [1, 2, 3].map((n) => ({
        first_name: `Wo${n}`,
        last_name: 'Rker',
        email: `w${n}@example.org`,
        start_date: '2026-01-01',
        ...stamps,
      })),
    );
  }

  type Bucket = Record<string, string | number>;
  const sortRows = (rows: Bucket[]) =>
    rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  const rollups = async (db: Db) =>
    sortRows(
      (await db('hour_rollups').select(
        'worker_id',
        'week_start',
        'month_start',
        'site_id',
        'supervisor_id',
        'category',
        'minutes',
        'entries',
      )) as Bucket[],
    );
  /** The GROUP BY the rollups must equal, computed here rather than in either database. */
  const groupBy = async (db: Db) => {
    const monday = (date: string) => {
      const d = new Date(`${date}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      return d.toISOString().slice(0, 10);
    };
    const buckets = new Map<string, Bucket>();
    type Entry = Record<'worker_id' | 'site_id' | 'supervisor_id' | 'minutes', number> &
      Record<'date' | 'category', string>;
    for (const e of (await db('hour_entries').select('*')) as Entry[]) {
      const key: Bucket = {
        worker_id: e.worker_id,
        week_start: monday(e.date),
        month_start: `${String(e.date).slice(0, 7)}-01`,
        site_id: e.site_id,
        supervisor_id: e.supervisor_id,
        category: e.category,
      };
      const k = JSON.stringify(key);
      const b: Bucket = buckets.get(k) ?? { ...key, minutes: 0, entries: 0 };
      buckets.set(k, {
        ...b,
        minutes: Number(b.minutes) + Number(e.minutes),
        entries: Number(b.entries) + 1,
      });
    }
    return sortRows([...buckets.values()]);
  };

  it('keeps hour_rollups equal to a GROUP BY over hour_entries, as on SQLite', async () => {
    const steps = async (db: Db) => {
      await seedPeople(db);
      const entry = (worker: number, date: string, category: string, minutes: number) => ({
        worker_id: worker,
        date,
        site_id: 1,
        supervisor_id: 1,
        category,
        minutes,
        created_at: NOW,
        updated_at: NOW,
      });
      // 2026-03-01 is a Sunday: its week began in February.
      await db('hour_entries').insert([
        entry(1, '2026-03-01', 'individual', 60),
        entry(1, '2026-02-26', 'individual', 30),
        entry(1, '2026-03-02', 'group', 90),
        entry(2, '2026-03-04', 'individual', 45),
        entry(2, '2026-03-04', 'individual', 15),
      ]);
      const seen: Bucket[][] = [];
      const check = async () => {
        const stored = await rollups(db);
        expect(stored).toEqual(await groupBy(db));
        seen.push(stored);
      };
      await check();
      await db('hour_entries').where({ id: 1 }).update({ worker_id: 2 });
      await db('hour_entries').where({ id: 2 }).update({ date: '2026-03-09', site_id: 2 });
      await db('hour_entries').where({ id: 3 }).update({ category: 'individual', minutes: 10 });
      await db('hour_entries').where({ id: 4 }).update({ note: 'not a bucket column' });
      await db('hour_entries').where({ id: 5 }).update({ supervisor_id: 2 });
      await check();
      await db('hour_entries').whereIn('id', [2, 4]).delete();
      await check();
      await db('hour_entries').delete();
      await check();
      return seen;
    };
    const pg = await steps(app);
    expect(pg.map((r) => r.length)).toEqual([4, 5, 3, 0]);
    expect(pg).toEqual(await steps(lite));
    // Across a year's end: Thursday and Friday, one week, two months.
    await app('hour_entries').insert([
      {
        worker_id: 3,
        date: '2026-12-31',
        site_id: 1,
        supervisor_id: 1,
        category: 'a',
        minutes: 5,
        created_at: NOW,
        updated_at: NOW,
      },
      {
        worker_id: 3,
        date: '2027-01-01',
        site_id: 1,
        supervisor_id: 1,
        category: 'a',
        minutes: 7,
        created_at: NOW,
        updated_at: NOW,
      },
    ]);
    expect(await rollups(app)).toEqual(await groupBy(app));
    expect((await rollups(app)).map((r) => r.week_start)).toEqual(['2026-12-28', '2026-12-28']);
  });

  it('drops progress_cache rows on the writes that make them stale, as on SQLite', async () => {
    const steps = async (db: Db) => {
      const fill = () =>
        db('progress_cache')
          .update({ computed_for: '2026-11-20', result_json: '{}' })
          .then(() => undefined);
      const snapshot = async () =>
        (await db('progress_cache')
          .orderBy('worker_id')
          .select('worker_id', 'result_json', 'data_version')) as Bucket[];
      await db('hour_entries').delete();
      await db('progress_cache').delete();
      await db('progress_cache').insert(
        [1, 2, 3].map((w) => ({ worker_id: w, code_version: 'v', data_version: 0 })),
      );
      const seen: Bucket[][] = [];
      const step = async (write: () => Promise<unknown>) => {
        await fill();
        await write();
        seen.push(await snapshot());
      };
      const stamps = { created_at: NOW, updated_at: NOW };
      await step(() =>
        db('hour_entries').insert({
          worker_id: 1,
          date: '2026-03-02',
          site_id: 1,
          supervisor_id: 1,
          category: 'x',
          minutes: 1,
          ...stamps,
        }),
      );
      await step(() => db('workers').where({ id: 2 }).update({ last_name: 'Renamed' }));
      await step(() => db('workers').where({ id: 2 }).update({ phone: '555' }));
      await step(() =>
        db('supervisors').where({ id: 1 }).update({ license_expires: '2031-01-01' }),
      );
      await step(() => db('sites').where({ id: 2 }).update({ name: 'West' }));
      await step(() => db('custom_packs').insert({ id: 'p1', pack_json: '{}', ...stamps }));
      await step(() => db('workers').where({ id: 3 }).update({ pack_id: 'p1' }));
      await step(() => db('custom_packs').where({ id: 'p1' }).update({ pack_json: '{"x":1}' }));
      await step(() => db('workers').where({ id: 3 }).delete());
      return seen;
    };
    const pg = await steps(app);
    const stale = (rows: Bucket[]) =>
      rows.filter((r) => r.result_json === null).map((r) => r.worker_id);
    expect(pg.map(stale)).toEqual([[1], [2], [], [1, 2, 3], [1, 2, 3], [], [3], [3], []]);
    expect(pg.at(-1)?.map((r) => r.worker_id)).toEqual([1, 2]);
    expect(pg).toEqual(await steps(lite));
  });

  it('migrates a second time as a no-op', async () => {
    const [, ran] = (await app.migrate.latest({ migrationSource })) as [number, string[]];
    expect(ran).toEqual([]);
    expect(await migrationNames(app)).toEqual([...MIGRATION_NAMES]);
  });

  it('rolls every migration back, and forward again', async () => {
    await app.migrate.rollback({ migrationSource }, true);
    expect((await tableNames(app)).sort()).toEqual(['knex_migrations', 'knex_migrations_lock']);
    const functions = await rawRows<{ n: number }>(
      app,
      `SELECT count(*) AS n FROM pg_proc WHERE pronamespace = current_schema()::regnamespace`,
    );
    expect(functions).toEqual([{ n: 0 }]);
    await migrateToLatest(app);
    expect(await migrationNames(app)).toEqual([...MIGRATION_NAMES]);
  });
});
