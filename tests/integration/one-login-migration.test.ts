import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { openDatabase, type Db } from '../../main/db/connection.js';
import { MIGRATION_NAMES, migrationSource } from '../../main/db/migration-source.js';
import { call } from '../support/seed.js';
import { OWNER, fakeClock, openTempCore, tempFolder } from '../support/temp-core.js';

/**
 * Issue 16: one login per worker or supervisor record, held by unique indexes. A database from
 * before may link two logins to one record; the migration keeps the most recently used one
 * linked, unlinks and disables the others (nothing is deleted), and the change reaches the audit
 * trail when the practice next opens.
 */
const MIGRATION = '20261208000000_one_login_per_record';

describe('migration: one login per record (real SQLCipher file)', () => {
  let folder: ReturnType<typeof tempFolder>;
  let db: Db;
  beforeEach(() => {
    folder = tempFolder();
    db = openDatabase(join(folder.path, 'old.db'), { key: randomBytes(32) });
  });
  afterEach(async () => {
    await db.destroy();
    folder.remove();
  });

  const before: Knex.MigrationSource<string> = {
    ...migrationSource,
    getMigrations: async () => MIGRATION_NAMES.slice(0, MIGRATION_NAMES.indexOf(MIGRATION)),
  };
  const stamp = { created_at: '2025-01-01', updated_at: '2025-01-01' };
  const user = async (
    username: string,
    link: { worker_id?: number; supervisor_id?: number },
    disabled = false,
  ) => {
    const [id] = await db('users').insert({
      username,
      display_name: username,
      role: link.worker_id ? 'worker' : link.supervisor_id ? 'supervisor' : 'owner',
      password_hash: '',
      password_changed_at: '2025-01-01',
      disabled,
      ...link,
      ...stamp,
    });
    return Number(id);
  };
  /** A row the user wrote in the audit trail: how the migration tells the last one used. */
  const used = (userId: number) =>
    db('audit_log').insert({
      at: '2025-02-01',
      actor_user_id: userId,
      actor: 'x',
      action: 'sign_in',
      prev_hmac: '0',
      hmac: '0',
    });

  it('keeps the most recently used login linked, unlinks and disables the others, and indexes', async () => {
    await db.migrate.latest({ migrationSource: before });
    const [sup] = await db('supervisors').insert({
      first_name: 'Maria',
      last_name: 'Lopez',
      email: 'maria@x.org',
      license_type: 'LMFT',
      license_number: 'L1',
      license_state: 'CA',
      license_expires: '2030-01-01',
      ...stamp,
    });
    const [wrk] = await db('workers').insert({
      first_name: 'Sam',
      last_name: 'Chen',
      email: 'sam@x.org',
      start_date: '2025-01-01',
      ...stamp,
    });
    await user('owner', {});
    await user('owner2', {});
    const mariaOld = await user('maria.old', { supervisor_id: Number(sup) });
    const maria = await user('maria', { supervisor_id: Number(sup) });
    const mariaThird = await user('maria.3', { supervisor_id: Number(sup) });
    // maria.old signed in last; maria before; maria.3 never (though it is the newest account).
    await used(maria);
    await used(mariaOld);
    // A disabled login does not keep the record over an enabled one, however recently used.
    const samOff = await user('sam.off', { worker_id: Number(wrk) }, true);
    const sam = await user('sam', { worker_id: Number(wrk) });
    await used(sam);
    await used(samOff);

    await db.migrate.latest({ migrationSource });

    const rows = await db('users')
      .orderBy('id')
      .select('username', 'worker_id', 'supervisor_id', 'disabled');
    expect(
      rows.map((r) => [r.username, r.worker_id, r.supervisor_id, Boolean(r.disabled)]),
    ).toEqual([
      ['owner', null, null, false],
      ['owner2', null, null, false],
      ['maria.old', null, Number(sup), false],
      ['maria', null, null, true],
      ['maria.3', null, null, true],
      ['sam.off', null, null, true],
      ['sam', Number(wrk), null, false],
    ]);
    expect(
      (await db('login_unlinks').orderBy('id')).map((r) => [
        r.user_id,
        r.record_type,
        r.record_id,
        r.kept_user_id,
        Boolean(r.was_enabled),
        r.audited_at,
      ]),
    ).toEqual([
      [samOff, 'worker', Number(wrk), sam, false, null],
      [maria, 'supervisor', Number(sup), mariaOld, true, null],
      [mariaThird, 'supervisor', Number(sup), mariaOld, true, null],
    ]);
    // Owners (no link) stay many; a second link is refused by the database itself.
    const second = user('maria.4', { supervisor_id: Number(sup) });
    await expect(second).rejects.toThrow(/UNIQUE constraint failed: users.supervisor_id/);
    await expect(user('sam.2', { worker_id: Number(wrk) })).rejects.toThrow(
      /UNIQUE constraint failed: users.worker_id/,
    );
  });

  it('runs on a database without duplicates and leaves it as it was', async () => {
    await db.migrate.latest({ migrationSource: before });
    await user('owner', {});
    await db.migrate.latest({ migrationSource });
    expect(await db('login_unlinks').count({ n: '*' }).first()).toEqual({ n: 0 });
    expect(await db('users').select('username', 'disabled')).toEqual([
      { username: 'owner', disabled: 0 },
    ]);
  });
});

describe('one login per record: the upgrade is audited when the practice opens', () => {
  it('writes one audit row per unlinked login, once, and the trail stays intact', async () => {
    const clock = fakeClock('2026-11-20T10:00:00');
    const core = await openTempCore(clock);
    try {
      const sup = await call(core, 'supervisors.create', {
        firstName: 'Maria',
        lastName: 'Lopez',
        email: 'maria@x.org',
        licenseType: 'LMFT',
        licenseNumber: 'L1',
        licenseState: 'CA',
        licenseExpires: '2030-01-01',
      });
      const kept = await call(core, 'users.create', {
        username: 'maria',
        displayName: 'Maria',
        role: 'supervisor',
        supervisorId: sup.id,
        password: 'maria password 1',
      });
      // Back to the schema before the migration, with a second login on Maria's record.
      await core.db.raw('DROP INDEX users_supervisor_id_unique');
      await core.db.raw('DROP INDEX users_worker_id_unique');
      await core.db.schema.dropTable('login_unlinks');
      await core.db('knex_migrations').where({ name: MIGRATION }).delete();
      const [dupId] = await core.db('users').insert({
        username: 'maria.two',
        display_name: 'Maria (second)',
        role: 'supervisor',
        supervisor_id: sup.id,
        password_hash: '',
        password_changed_at: '2026-11-20',
        created_at: '2026-11-20',
        updated_at: '2026-11-20',
      });
      // Maria signs in last: her login keeps the record.
      clock.advance(2_000);
      await core.gate.signIn('maria', 'maria password 1');

      // Lock and unlock: the database closes and opens again, running the migration.
      await call(core, 'lock.now', {});
      clock.advance(2_000);
      await call(core, 'auth.unlock', { password: 'maria password 1' });
      clock.advance(2_000);
      await core.gate.signIn(OWNER.username, OWNER.password);

      const users = await call(core, 'users.list', {});
      expect(users.find((u) => u.id === kept.id)).toMatchObject({
        supervisorId: sup.id,
        disabled: false,
      });
      expect(users.find((u) => u.id === Number(dupId))).toMatchObject({
        supervisorId: null,
        disabled: true,
      });
      const rows = (
        await call(core, 'audit.list', { subjectType: 'user', subjectId: Number(dupId), limit: 10 })
      ).filter((r) => r.action === 'update');
      expect(rows).toHaveLength(1);
      expect(rows[0]?.detail).toContain(
        `one login per record: unlinked from supervisor ${sup.id}, which login ${kept.id} keeps, and disabled`,
      );
      expect(
        await core.db('login_unlinks').whereNull('audited_at').count({ n: '*' }).first(),
      ).toEqual({ n: 0 });
      // Opening again writes nothing more.
      await call(core, 'lock.now', {});
      clock.advance(2_000);
      await call(core, 'auth.unlock', { password: OWNER.password });
      const again = (
        await call(core, 'audit.list', { subjectType: 'user', subjectId: Number(dupId), limit: 10 })
      ).filter((r) => r.action === 'update');
      expect(again).toHaveLength(1);
      expect((await call(core, 'audit.verify', {})).intact).toBe(true);
    } finally {
      await core.dispose();
    }
  });
});
