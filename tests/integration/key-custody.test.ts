import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core.js';
import { DatabaseKeyError, openDatabaseChecked } from '../../main/db/connection.js';
import { deriveKey } from '../../main/platform/crypto.js';
import { openBound, openDataKey, readSlotFile } from '../../main/platform/key-slots.js';
import { createMemorySecretStore } from '../../main/platform/memory-secret-store.js';
import { DATABASE_FILE, SLOT_FILE } from '../../main/services/vault.js';
import { CANARIES, filesHolding } from '../support/canaries.js';
import { call, seedPractice } from '../support/seed.js';
import {
  OWNER,
  TEST_PASSWORD_KDF,
  completeSetup,
  fakeClock,
  openTempCore,
  tempFolder,
  testSecretStore,
  type TempCore,
} from '../support/temp-core.js';

/**
 * Key custody on real files and the real keychain: the database is SQLCipher under a random
 * data key; the key opens only with this workstation's keychain secret and a person's password,
 * or the recovery code.
 */
const SIGN_IN = { username: OWNER.username, password: OWNER.password };

describe('key custody', () => {
  const clock = fakeClock('2026-11-20T10:00:00Z');
  let core: TempCore;
  const extra: { close(): Promise<void> }[] = [];
  const folders: { remove(): void }[] = [];

  beforeEach(async () => {
    clock.set('2026-11-20T10:00:00Z');
    core = await openTempCore(clock);
    await seedPractice(core);
    await call(core, 'workers.create', {
      firstName: 'Zephyrine',
      lastName: 'Natarajan',
      email: 'z.natarajan@example.org',
      startDate: '2026-01-05',
    });
  });
  afterEach(async () => {
    for (const c of extra.splice(0)) await c.close();
    await core.dispose();
    for (const f of folders.splice(0)) f.remove();
  });

  const reopen = async (folder: string, secrets = testSecretStore()): Promise<Core> => {
    const c = await openCore({
      dataFolder: folder,
      version: 't',
      secrets,
      clock,
      passwordKdf: TEST_PASSWORD_KDF,
    });
    extra.push(c);
    return c;
  };

  const copyOfFolder = async (): Promise<string> => {
    await core.close();
    const copy = tempFolder('hourkeep-copy-');
    folders.push(copy);
    cpSync(core.folder, copy.path, { recursive: true });
    return copy.path;
  };

  it('keeps nothing personal in clear: not in the database, its log, the key file or settings', async () => {
    await call(core, 'backups.create', {});
    await core.db.raw('PRAGMA wal_checkpoint(PASSIVE)');
    expect(await filesHolding(core.folder)).toEqual([]);
    // The sqlite3 shell cannot read the database at all.
    const shell = spawnSync(
      'sqlite3',
      [join(core.folder, DATABASE_FILE), 'SELECT * FROM workers'],
      {
        encoding: 'utf8',
      },
    );
    expect(shell.status).not.toBe(0);
    expect(shell.stderr).toMatch(/not a database/i);
    expect(CANARIES.some((c) => shell.stdout.includes(c))).toBe(false);
    // …nor the driver without the key.
    await core.close();
    await expect(
      openDatabaseChecked(join(core.folder, DATABASE_FILE), { key: null }),
    ).rejects.toBeInstanceOf(DatabaseKeyError);
  });

  it('slots use scrypt N=2^17 by default, and the keychain secret alone opens no data', async () => {
    const folder = tempFolder('hourkeep-kdf-');
    folders.push(folder);
    const real = await openCore({
      dataFolder: folder.path,
      version: 't',
      secrets: testSecretStore(),
      clock,
    });
    extra.push(real);
    await completeSetup(real);
    const file = await readSlotFile(join(folder.path, SLOT_FILE));
    // What anyone using this OS login can read: the key file and the keychain's secret.
    const secret = Buffer.from((await testSecretStore().get(file.binding.account)) ?? '', 'base64');
    const bound = openBound(file, secret);
    expect(bound?.users.map((u) => [u.username, u.kdf.alg, u.kdf.N, u.kdf.r, u.kdf.p])).toEqual([
      [OWNER.username, 'scrypt', 2 ** 17, 8, 1],
    ]);
    // The data key is sealed under the slots key, which only a password (or the recovery code)
    // opens: the keychain secret does not unseal it, and no key it yields opens the database.
    expect(openDataKey(file, secret)).toBeNull();
    await real.close();
    for (const guess of [secret, deriveKey(secret, 'database')]) {
      await expect(
        openDatabaseChecked(join(folder.path, DATABASE_FILE), { key: guess }),
      ).rejects.toBeInstanceOf(DatabaseKeyError);
    }
  });

  it('a copied data folder is useless on another keychain without the recovery code', async () => {
    const copy = await copyOfFolder();
    const elsewhere = await reopen(copy, createMemorySecretStore());
    const status = await call(elsewhere, 'auth.status', {});
    expect(status.phase).toBe('key-needed');
    expect(status.keychainMessage).toContain('recovery code');
    // A password alone does not open it there.
    const signIn = await call(elsewhere, 'auth.signIn', SIGN_IN);
    expect(signIn.phase).toBe('key-needed');
    expect(elsewhere.isOpen()).toBe(false);
    // The recovery code binds it to that keychain; then everyone signs in as before.
    expect((await call(elsewhere, 'auth.recover', { code: core.recoveryCode ?? '' })).phase).toBe(
      'signed-out',
    );
    expect((await call(elsewhere, 'auth.signIn', SIGN_IN)).phase).toBe('active');
    expect(await call(elsewhere, 'workers.list', {})).toHaveLength(2);
  });

  it('a wrong password or recovery code changes nothing and counts toward the lockout', async () => {
    await call(core, 'auth.signOut', {});
    const before = readFileSync(join(core.folder, SLOT_FILE), 'utf8');
    const wrong = await core.invoke('auth.signIn', { username: OWNER.username, password: 'nope' });
    expect(wrong.ok ? null : wrong.error).toEqual({
      code: 'forbidden',
      message: 'Wrong username or password.',
    });
    expect(core.vault.failedAttempts(OWNER.username)).toBe(1);
    expect(core.isOpen()).toBe(false);
    const badCode = await core.invoke('auth.resetWithRecoveryCode', {
      code: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA',
      username: OWNER.username,
      newPassword: 'another long password',
    });
    expect(badCode.ok ? null : badCode.error.fields).toEqual({
      code: 'This recovery code does not open this practice',
    });
    // The slots themselves are as they were (only the throttling record changed).
    const after = await readSlotFile(join(core.folder, SLOT_FILE));
    expect(after.dataKey).toEqual(JSON.parse(before).dataKey);
    expect(after.recovery).toEqual(JSON.parse(before).recovery);
    clock.advance(60_000);
    expect((await call(core, 'auth.signIn', SIGN_IN)).phase).toBe('active');
    // The refusals made while the database was closed reached the audit trail on opening.
    const failed = await call(core, 'audit.list', { action: 'sign_in_failed', limit: 5 });
    expect(failed.map((r) => r.detail)).toEqual([
      expect.stringContaining('wrong recovery code'),
      expect.stringContaining('wrong password (1)'),
    ]);
  });

  it.each([
    [
      'one changed character',
      (b: Buffer) => {
        const at = b.indexOf('"data": "') + '"data": "'.length + 4;
        const copy = Buffer.from(b);
        copy.writeUInt8(copy.readUInt8(at) === 0x41 ? 0x42 : 0x41, at);
        return copy;
      },
    ],
    ['a cut', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
    ['garbage', () => Buffer.from('not a key file')],
  ])('a key file with %s is refused, naming the file and the way out', async (_what, damage) => {
    await core.close();
    const path = join(core.folder, SLOT_FILE);
    writeFileSync(path, damage(readFileSync(path)));
    const damaged = await reopen(core.folder);
    const status = await call(damaged, 'auth.status', {});
    expect(status.phase).toBe('damaged');
    expect(status.keychainMessage).toContain(path);
    expect(status.keychainMessage).toContain('Restore the practice from a backup');
    // Never a new, empty practice over it.
    const setup = await damaged.invoke('setup.prepare', {});
    expect(setup.ok ? null : setup.error.code).toBe('conflict');
    expect((await call(damaged, 'auth.signIn', SIGN_IN)).phase).toBe('damaged');
  });

  it("another practice's key file, or a damaged database, is refused naming the database", async () => {
    const other = await openTempCore(clock);
    extra.push({ close: () => other.dispose() });
    await core.close();
    await other.close();
    // This practice's database beside the other practice's key file.
    cpSync(join(other.folder, SLOT_FILE), join(core.folder, SLOT_FILE));
    const mixed = await reopen(core.folder);
    const refused = await mixed.invoke('auth.signIn', SIGN_IN);
    expect(refused.ok ? null : refused.error.message).toContain(join(core.folder, DATABASE_FILE));
    expect(refused.ok ? null : refused.error.message).toContain('Restore it from a backup');
    expect(mixed.isOpen()).toBe(false);
    await mixed.close();

    // The other practice's own database with one byte flipped in its middle.
    const db = join(other.folder, DATABASE_FILE);
    const bytes = readFileSync(db);
    bytes.writeUInt8(bytes.readUInt8(4096 + 100) ^ 0xff, 4096 + 100);
    writeFileSync(db, bytes);
    const damaged = await reopen(other.folder);
    const res = await damaged.invoke('auth.signIn', SIGN_IN);
    expect(res.ok).toBe(false);
    expect(JSON.stringify(res)).not.toContain('at ');
  });

  it('locking closes the database and forgets the keys; unlocking opens it again', async () => {
    core.lock('manual');
    await expect.poll(() => core.isOpen()).toBe(false);
    expect(core.vault.isOpen()).toBe(false);
    expect(() => core.vault.keys()).toThrow(/locked/);
    expect((await call(core, 'auth.unlock', { password: OWNER.password })).phase).toBe('active');
    expect(core.isOpen()).toBe(true);
    expect(await call(core, 'workers.list', {})).toHaveLength(2);
  });

  it('the owner replaces the data key and recovery code; old backups open with the old code', async () => {
    const oldCode = core.recoveryCode ?? '';
    const old = await call(core, 'backups.create', {});
    const { recoveryCode: newCode } = await call(core, 'keys.prepareRotation', {});
    expect(newCode).not.toBe(oldCode);
    const mistyped = await core.invoke('keys.rotate', {
      recoveryCodeCheck: 'AAAAA-AAAAA',
      password: OWNER.password,
    });
    expect(mistyped.ok ? null : mistyped.error.fields?.recoveryCodeCheck).toContain('new recovery');
    const oldKey = Buffer.from(core.vault.keys().dataKey);
    await call(core, 'keys.rotate', {
      recoveryCodeCheck: newCode.slice(-11),
      password: OWNER.password,
    });
    expect(core.vault.keys().dataKey.equals(oldKey)).toBe(false);
    // The database is under the new key: the old one no longer opens it.
    await core.close();
    await expect(
      openDatabaseChecked(join(core.folder, DATABASE_FILE), { key: deriveKey(oldKey, 'database') }),
    ).rejects.toBeInstanceOf(DatabaseKeyError);
    const again = await reopen(core.folder);
    expect((await call(again, 'auth.signIn', SIGN_IN)).phase).toBe('active');
    expect(await call(again, 'workers.list', {})).toHaveLength(2);
    // A backup from before the change asks for the code of its time…
    const needsCode = await again.invoke('backups.previewRestore', {
      source: { fileName: old.fileName },
    });
    expect(needsCode.ok ? null : Object.keys(needsCode.error.fields ?? {})).toEqual([
      'recoveryCode',
    ]);
    const preview = await call(again, 'backups.previewRestore', {
      source: { fileName: old.fileName },
      recoveryCode: oldCode,
    });
    expect(preview.summary.counts.workers).toBe(2);
    await call(again, 'backups.cancelRestore', {});
    // …and the new code opens the practice, the old one no longer does.
    await call(again, 'auth.signOut', {});
    const stale = await again.invoke('auth.resetWithRecoveryCode', {
      code: oldCode,
      username: OWNER.username,
      newPassword: 'a new owner password',
    });
    expect(stale.ok).toBe(false);
    const [rotated] = await call(
      await (async () => {
        await call(again, 'auth.resetWithRecoveryCode', {
          code: newCode,
          username: OWNER.username,
          newPassword: 'a new owner password',
        });
        return again;
      })(),
      'audit.list',
      { action: 'keys_rotated', limit: 1 },
    );
    expect(rotated?.detail).toContain('data key and recovery code replaced');
  });

  it('removes what a crash left in tmp/, half-written key files and backups', async () => {
    await core.close();
    const tmp = join(core.folder, 'tmp');
    mkdirSync(tmp, { recursive: true });
    mkdirSync(join(core.folder, 'backups'), { recursive: true });
    writeFileSync(join(tmp, 'snapshot-abc.db'), 'x');
    writeFileSync(join(tmp, 'plain-abc.sqlite'), 'SQLite format 3\0 z.natarajan@example.org');
    writeFileSync(join(core.folder, `.${SLOT_FILE}.abc.partial`), '{');
    writeFileSync(join(core.folder, 'backups', '.hourkeep-x-manual.hkbackup.abc.partial'), 'x');
    const fresh = await reopen(core.folder);
    expect(await filesHolding(core.folder, ['snapshot-abc', 'z.natarajan'])).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(core.folder).filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(readdirSync(join(core.folder, 'backups')).filter((n) => n.endsWith('.partial'))).toEqual(
      [],
    );
    expect((await call(fresh, 'auth.signIn', SIGN_IN)).phase).toBe('active');
  });
});
