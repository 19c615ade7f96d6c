import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/services/vault.js';
import { readBackupHeader } from '../../main/platform/backup-file.js';
import type { ServerForm } from '../../shared/domain/database.js';
import { newEmptyServerDatabase } from '../support/pg-test-server.js';
import { call, newWorker, seedTeamsWithAccounts, signInAs } from '../support/seed.js';
import {
  fakeClock,
  openTempCore,
  openTestCore,
  OWNER,
  type TempCore,
} from '../support/temp-core.js';

const WEEK = '2026-11-16';

/**
 * Admin → Database's move (issue 21), as an owner makes it: a practice in its SQLCipher file,
 * with people, hours, a signed week and its audit trail, moved into an empty database on the
 * real test server; every table checked; the app working there afterwards, and again after a
 * restart. Bad server details and a server that refuses part-way change nothing.
 */
describe.skipIf(!process.env.HOURKEEP_PG_HOST)('moving a practice to a PostgreSQL server', () => {
  const clock = fakeClock('2026-11-20T10:00:00');
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedTeamsWithAccounts>>;
  let server: Awaited<ReturnType<typeof newEmptyServerDatabase>>;
  let form: ServerForm;

  beforeEach(async () => {
    clock.set('2026-11-20T10:00:00');
    core = await openTempCore(clock, { onFile: true });
    ids = await seedTeamsWithAccounts(core);
    for (const [date, minutes] of [
      ['2026-11-16', 360],
      ['2026-11-17', 120],
    ] as const)
      await call(core, 'hours.add', {
        workerId: ids.worker.id,
        date,
        siteId: ids.site.id,
        supervisorId: ids.supervisor.id,
        category: 'direct_individual',
        minutes,
      });
    signInAs(core, ids.sam);
    await call(core, 'weeks.submit', { workerId: ids.worker.id, weekStart: WEEK });
    signInAs(core, ids.maria);
    await call(core, 'weeks.approve', {
      workerId: ids.worker.id,
      weekStart: WEEK,
      password: 'maria password 1',
    });
    signInAs(core, ids.owner);
    server = await newEmptyServerDatabase();
    form = { ...server.location, password: server.password };
  }, 60_000);

  afterEach(async () => {
    await core.dispose();
    await server.drop();
  });

  const fileOf = () => join(core.folder, DATABASE_FILE);

  it('copies every table, checks each, and works on the server afterwards', async () => {
    const week = await call(core, 'hours.week', { workerId: ids.worker.id, weekStart: WEEK });
    const tested = await call(core, 'database.test', form);
    expect(tested).toMatchObject({ tls: true, socket: false, empty: true, holdsPractice: false });
    expect(tested.serverVersion).toMatch(/^1[5-9]/);

    const report = await call(core, 'database.move', form);
    const byTable = Object.fromEntries(report.tables.map((r) => [r.table, r.rows]));
    expect(byTable).toMatchObject({ hour_entries: 2, week_signatures: 1, users: 4 });
    expect(byTable.audit_log).toBeGreaterThan(5);
    expect(byTable.hour_rollups).toBeGreaterThan(0);
    expect(report.keptFile).toBe(`${fileOf()}.before-server`);
    expect(existsSync(report.keptFile)).toBe(true);
    expect(existsSync(fileOf())).toBe(false);

    expect(await call(core, 'database.place', {})).toMatchObject({
      kind: 'postgres',
      database: form.database,
      user: form.user,
    });
    // The same week, read from the server; a new entry gets a new id (sequences advanced).
    expect(await call(core, 'hours.week', { workerId: ids.worker.id, weekStart: WEEK })).toEqual(
      week,
    );
    // In the week before: WEEK is approved and signed, which the hour rules refuse on the server
    // as in the file.
    const added = await call(core, 'hours.add', {
      workerId: ids.worker.id,
      date: '2026-11-12',
      siteId: ids.site.id,
      supervisorId: ids.supervisor.id,
      category: 'direct_individual',
      minutes: 60,
    });
    expect(added.id).toBeGreaterThan(Math.max(...week.entries.map((e) => e.id)));
    const verdict = await call(core, 'audit.verify', {});
    expect(verdict.intact).toBe(true);
    const moved = await call(core, 'audit.list', { action: 'moved_to_server', limit: 5 });
    expect(moved[0]?.detail).toContain(`${form.host}:${form.port}/${form.database}`);
    await expect(call(core, 'database.move', form)).rejects.toThrow(
      /already kept on a database server/,
    );
    // Backups follow the practice to its server: pg_dump's archive of the database it moved to
    // (its public schema), which restores there in one server transaction.
    const backup = await call(core, 'backups.create', {});
    expect(
      (await readBackupHeader(join(core.folder, 'backups', backup.fileName))).header,
    ).toMatchObject({
      format: 4,
      schema: 'public',
    });
    clock.advance(60_000);
    await call(core, 'workers.create', newWorker('After', 'Move', '2026-11-01'));
    const preview = await call(core, 'backups.previewRestore', {
      source: { fileName: backup.fileName },
    });
    await call(core, 'backups.restore', { token: preview.token, password: OWNER.password });
    expect((await call(core, 'workers.list', {})).map((w) => w.lastName)).not.toContain('Move');
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });

    // A restart on the same folder opens the practice on the server with the owner's password.
    await core.close();
    const again = await openTestCore(core.folder, clock);
    try {
      await call(again, 'auth.signIn', { username: OWNER.username, password: OWNER.password });
      expect((await call(again, 'database.place', {})).kind).toBe('postgres');
      const after = await call(again, 'hours.week', { workerId: ids.worker.id, weekStart: WEEK });
      expect(after.entries).toHaveLength(2);
      const before = await call(again, 'hours.week', {
        workerId: ids.worker.id,
        weekStart: '2026-11-09',
      });
      expect(before.entries.map((e) => e.id)).toEqual([added.id]);
    } finally {
      await again.close();
    }
  }, 90_000);

  it('a save sent while the move copies waits for the switch and lands on the server', async () => {
    // At the copy's first progress report the practice is still in its file; a write then
    // queued behind the copy's transaction once ran on the file after the copy and before the
    // switch, so it was only in the kept .before-server file.
    let during: Promise<unknown> | null = null;
    const off = core.onEvent((e) => {
      if (during || e.type !== 'progress' || e.task !== 'database-move') return;
      during = core.invoke('hours.add', {
        workerId: ids.worker.id,
        date: '2026-11-10',
        siteId: ids.site.id,
        supervisorId: ids.supervisor.id,
        category: 'direct_individual',
        minutes: 25,
        note: 'sent during the move',
      });
    });
    const report = await call(core, 'database.move', form);
    off();
    expect(report.keptFile).toBe(`${fileOf()}.before-server`);
    expect(await during).toMatchObject({ ok: true });
    expect(await call(core, 'database.place', {})).toMatchObject({ kind: 'postgres' });
    const week = await call(core, 'hours.week', {
      workerId: ids.worker.id,
      weekStart: '2026-11-09',
    });
    expect(week.entries.map((e) => e.note)).toEqual(['sent during the move']);
  });

  it('names the field to fix, and changes nothing', async () => {
    const refused = async (input: ServerForm, field: keyof ServerForm) => {
      const res = await core.invoke('database.move', input);
      expect(res.ok).toBe(false);
      if (res.ok) return;
      expect(res.error.code).toBe('validation');
      expect(Object.keys(res.error.fields ?? {})).toContain(field);
    };
    await refused({ ...form, password: 'not the password' }, 'password');
    await refused({ ...form, caFile: null }, 'caFile');
    await refused({ ...form, caFile: join(core.folder, 'no-such-ca.pem') }, 'caFile');
    await refused({ ...form, port: 1 }, 'host');
    await refused({ ...form, database: 'hk_no_such_database' }, 'database');
    expect((await call(core, 'database.place', {})).kind).toBe('file');
    expect(existsSync(fileOf())).toBe(true);
  }, 60_000);

  it('moves only into an empty database, and a refusal part-way leaves the server empty', async () => {
    // The role may connect but not create tables: the migrations fail on the server.
    const { openPostgres } = await import('../../main/db/postgres.js');
    const { superuserLocation, superuserPassword } = await import('../support/pg-test-server.js');
    const root = openPostgres(superuserLocation(form.database), superuserPassword());
    try {
      await root.raw(`ALTER DATABASE ${form.database} OWNER TO ${process.env.HOURKEEP_PG_USER}`);
      await root.raw(`ALTER SCHEMA public OWNER TO ${process.env.HOURKEEP_PG_USER}`);
      await root.raw(`REVOKE CREATE ON SCHEMA public FROM PUBLIC, ${form.user}`);
      const res = await core.invoke('database.move', form);
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('conflict');
        expect(res.error.message).toMatch(/refused to create the practice's tables/);
      }
      const left = (await root.raw(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
      )) as { rows: { n: number }[] };
      expect(left.rows[0]?.n).toBe(0);
      expect((await call(core, 'database.place', {})).kind).toBe('file');
      expect(existsSync(fileOf())).toBe(true);

      // A database that holds tables already is refused before anything is copied, even a
      // table of another role's that this role has no privilege on (information_schema would
      // not list it; the catalogue does).
      await root.raw(`GRANT CREATE ON SCHEMA public TO ${form.user}`);
      await root.raw(`CREATE TABLE public.someone_elses (id int)`);
      const full = await core.invoke('database.move', form);
      expect(full.ok).toBe(false);
      if (!full.ok) expect(full.error.message).toMatch(/already holds tables/);
    } finally {
      await root.destroy();
    }
    // The practice still works in its file.
    const week = await call(core, 'hours.week', { workerId: ids.worker.id, weekStart: WEEK });
    expect(week.entries).toHaveLength(2);
  }, 60_000);
});
