import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CIPHER_PAGE_BYTES, openDatabase } from '../../main/db/connection.js';
import { migrationSource } from '../../main/db/migration-source.js';
import { DATABASE_FILE } from '../../main/services/vault.js';
import { writeBackupFile } from '../../main/platform/backup-file.js';
import { deriveKey } from '../../main/platform/crypto.js';
import { call, newWorker, seedPracticeWithAnHour } from '../support/seed.js';
import { onPostgres } from '../support/pg-test-server.js';
import {
  OWNER,
  fakeClock,
  openTempCore,
  tempFolder,
  testSecretStore,
  type TempCore,
} from '../support/temp-core.js';

/** Restore through the API: same machine (admin menu) and a new machine (first-run wizard). */
describe('restore', () => {
  const clock = fakeClock('2026-11-23T10:00:00Z');
  let core: TempCore;
  let fresh: TempCore | null = null;

  beforeEach(async () => {
    clock.set('2026-11-23T10:00:00Z');
    core = await openTempCore(clock);
    await seedPracticeWithAnHour(core);
  });
  afterEach(async () => {
    await core?.dispose();
    await fresh?.dispose();
    fresh = null;
  });

  const counts = async (c: TempCore) => ({
    workers: (await call(c, 'workers.list', {})).length,
    entries: Number((await c.db('hour_entries').count({ n: '*' }).first())?.n),
  });

  it('round trip: back up, change data, restore — the data is as backed up', async () => {
    const backup = await call(core, 'backups.create', {});
    clock.advance(60_000);
    await call(core, 'workers.create', newWorker('Late', 'Arrival', '2026-11-01'));
    await core.db('hour_entries').delete();
    expect(await counts(core)).toEqual({ workers: 2, entries: 0 });

    const preview = await call(core, 'backups.previewRestore', {
      source: { fileName: backup.fileName },
    });
    expect(preview.summary.counts).toEqual({ workers: 1, supervisors: 1, hourEntries: 1 });

    const wrong = await core.invoke('backups.restore', { token: preview.token, password: 'nope' });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.error.fields).toEqual({
      password: 'This is not your password. Wrong passwords count toward locking your account.',
    });
    expect(await counts(core)).toEqual({ workers: 2, entries: 0 });
    const [refused] = await call(core, 'audit.list', { action: 'restore_failed', limit: 1 });
    expect(refused?.actor).toBe('owner');

    clock.advance(2_000); // past the sign-in throttle the wrong password started
    const outcome = await call(core, 'backups.restore', {
      token: preview.token,
      password: OWNER.password,
    });
    expect(outcome.restored.fileName).toBe(backup.fileName);
    expect(outcome.safetyBackup?.tier).toBe('safety');
    expect(await counts(core)).toEqual({ workers: 1, entries: 1 });
    // Still signed in as the owner, on the restored database, with the audit chain intact.
    expect((await call(core, 'auth.status', {})).phase).toBe('active');
    const [restored] = await call(core, 'audit.list', { action: 'restore', limit: 1 });
    expect(restored?.detail).toContain(backup.fileName);
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });

    // The safety backup holds the state just before the restore.
    const safety = await call(core, 'backups.previewRestore', {
      source: { fileName: outcome.safetyBackup?.fileName ?? '' },
    });
    expect(safety.summary.counts).toEqual({ workers: 2, supervisors: 1, hourEntries: 0 });
    await call(core, 'backups.cancelRestore', {});
  });

  it('a token is used once', async () => {
    const backup = await call(core, 'backups.create', {});
    const preview = await call(core, 'backups.previewRestore', {
      source: { fileName: backup.fileName },
    });
    await call(core, 'backups.restore', { token: preview.token, password: OWNER.password });
    const again = await core.invoke('backups.restore', {
      token: preview.token,
      password: OWNER.password,
    });
    expect(!again.ok && again.error.fields).toEqual({
      token: 'This restore has expired; choose the backup again',
    });
  });

  // The workstation's file only: a server's counterpart is in postgres-backups.test.ts.
  it.skipIf(onPostgres())('migrates an older backup forward after restoring it', async () => {
    // A copy of this database taken back one schema version, packed as an older app would.
    const scratch = tempFolder();
    try {
      const old = join(scratch.path, 'old.sqlite');
      await core.db.raw('VACUUM INTO ?', [old]);
      const key = core.vault.keys().dataKey;
      const pageKey = deriveKey(key, 'database');
      const oldDb = openDatabase(old, { key: pageKey });
      await oldDb.migrate.down({ migrationSource });
      const left = (await oldDb('knex_migrations').count({ n: '*' }).first())?.n;
      await oldDb.raw('PRAGMA wal_checkpoint(TRUNCATE)');
      await oldDb.destroy();
      const slots = core.vault.file();
      const fileName = 'hourkeep-20261001T100000Z-daily.hkbackup';
      mkdirSync(join(core.folder, 'backups'), { recursive: true });
      await writeBackupFile({
        databaseFile: old,
        pageKey,
        target: join(core.folder, 'backups', fileName),
        backupKey: deriveKey(key, 'backup'),
        header: {
          appVersion: '0.0.9',
          schemaVersion: Number(left),
          createdAt: '2026-10-01T10:00:00.000Z',
          tier: 'daily',
          practiceName: 'Lakeside Family Therapy',
          wrappedKey: slots.recovery,
          practiceId: slots.practiceId,
          escrow: slots.escrow,
          pageSize: CIPHER_PAGE_BYTES,
          databaseBytes: 0,
        },
      });
      const preview = await call(core, 'backups.previewRestore', { source: { fileName } });
      const schemaNow = core.services.info().schemaVersion;
      expect(preview.summary.schemaVersion).toBe(schemaNow - 1);
      const outcome = await call(core, 'backups.restore', {
        token: preview.token,
        password: OWNER.password,
      });
      expect([outcome.migratedFrom, outcome.migratedTo]).toEqual([schemaNow - 1, schemaNow]);
      const migrations = await core.db('knex_migrations').count({ n: '*' }).first();
      expect(Number(migrations?.n)).toBe(schemaNow);
      expect(await counts(core)).toEqual({ workers: 1, entries: 1 });
    } finally {
      scratch.remove();
    }
  });

  // The workstation's file only: a server's counterpart is in postgres-backups.test.ts.
  it.skipIf(onPostgres())(
    'restores on a new machine from the first-run wizard with the recovery code',
    async () => {
      const backup = await call(core, 'backups.create', {});
      const bytes = readFileSync(join(core.folder, 'backups', backup.fileName));
      // A new machine's keychain has never seen this practice's key.
      const account = core.vault.file().binding.account;
      await testSecretStore().delete(account);

      fresh = await openTempCore(clock, { setUp: false });
      expect((await call(fresh, 'auth.status', {})).phase).toBe('setup');
      const upload = { name: backup.fileName, base64: bytes.toString('base64') };

      const wrongCode = await fresh.invoke('setup.previewBackup', {
        upload,
        recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF',
      });
      expect(!wrongCode.ok && wrongCode.error.fields).toEqual({
        recoveryCode: 'This recovery code does not open this backup',
      });

      const preview = await call(fresh, 'setup.previewBackup', {
        upload,
        recoveryCode: core.recoveryCode ?? '',
      });
      expect(preview.summary.counts).toEqual({ workers: 1, supervisors: 1, hourEntries: 1 });
      await call(fresh, 'setup.restoreBackup', { token: preview.token });

      const status = await call(fresh, 'auth.status', {});
      expect(status).toMatchObject({
        phase: 'signed-out',
        practiceName: 'Lakeside Family Therapy',
      });
      // The key file is bound to this machine's keychain now: the next start needs no recovery
      // code, and everyone signs in with the password they had.
      expect(await testSecretStore().get(fresh.vault.file().binding.account)).not.toBeNull();
      await call(fresh, 'auth.signIn', { username: OWNER.username, password: OWNER.password });
      expect(await counts(fresh)).toEqual({ workers: 1, entries: 1 });
      const [restored] = await call(fresh, 'audit.list', { action: 'restore', limit: 1 });
      expect(restored?.detail).toContain('restored where the practice was not open');

      // Once set up, the wizard's restore is refused.
      const again = await fresh.invoke('setup.previewBackup', { upload, recoveryCode: 'x' });
      expect(!again.ok && again.error.code).toBe('conflict');
    },
  );

  // The workstation's file only: a server's counterpart is in postgres-backups.test.ts.
  it.skipIf(onPostgres())(
    'leaves no decrypted copy behind and the live file whole after a refused restore',
    async () => {
      const before = readFileSync(join(core.folder, DATABASE_FILE)).length;
      const bad = await core.invoke('backups.previewRestore', {
        source: {
          upload: { name: 'x.hkbackup', base64: Buffer.from('garbage').toString('base64') },
        },
      });
      expect(!bad.ok && bad.error.fields).toEqual({ file: 'This file is not a Hourkeep backup.' });
      expect(readFileSync(join(core.folder, DATABASE_FILE)).length).toBe(before);
      expect(readdirSync(join(core.folder, 'tmp'))).toEqual([]);
    },
  );
});
