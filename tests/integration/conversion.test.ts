import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { openDatabaseChecked } from '../../main/db/connection.js';
import type { AppEvent } from '../../shared/api/bridge.js';
import { DATABASE_FILE, LEGACY_DATABASE_FILE } from '../../main/services/vault.js';
import { call } from '../support/seed.js';
import { openTestCore, tempFolder, testSecretStore } from '../support/temp-core.js';

/**
 * An installation from before encryption (a plain hourkeep.sqlite, its data key in the keychain,
 * a format-1 backup) is converted on first start: real files, the real keychain.
 */
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const legacy = JSON.parse(readFileSync(join(fixtures, 'legacy-install.json'), 'utf8')) as {
  keychain: { account: string; secret: string };
  recoveryCode: string;
  users: Record<string, string>;
  backup: string;
  counts: { hourEntries: number; hourEntriesInBackup: number };
};
const run = promisify(execFile);

async function openLegacyCore(folder: string, events: AppEvent[] = []): Promise<Core> {
  const core = await openTestCore(folder);
  core.onEvent((e) => events.push(e));
  return core;
}

const entries = async (core: Core) =>
  Number((await core.db('hour_entries').count({ n: '*' }).first())?.n);

describe('conversion of an installation from before encryption', () => {
  let scratch: ReturnType<typeof tempFolder>;
  let folder: string;
  let core: Core | null = null;
  const secrets = testSecretStore();

  beforeEach(async () => {
    scratch = tempFolder('hourkeep-conversion-');
    folder = join(scratch.path, 'data');
    cpSync(join(fixtures, 'legacy-install'), folder, { recursive: true });
    await secrets.delete(legacy.keychain.account).catch(() => false);
  });
  afterEach(async () => {
    await core?.close();
    core = null;
    await secrets.delete(legacy.keychain.account).catch(() => false);
    scratch.remove();
  });

  it('converts on first start with the key from the keychain; data, file, keychain and old backup all as they should be', async () => {
    await secrets.set(legacy.keychain.account, legacy.keychain.secret);
    const events: AppEvent[] = [];
    core = await openLegacyCore(folder, events);
    // The conversion runs in the background from the first start on.
    expect((await call(core, 'auth.status', {})).phase).toBe('converting');
    await core.idle();

    const status = await call(core, 'auth.status', {});
    expect(status.phase).toBe('signed-out');
    expect(status.conversion).toBeNull();
    const progress = events.filter(
      (e): e is Extract<AppEvent, { type: 'progress' }> =>
        e.type === 'progress' && e.task === 'convert',
    );
    expect(progress.length).toBeGreaterThan(1);
    const last = progress.at(-1);
    expect(last?.done).toBe(last?.total);

    // The old owner password signs in; every entry came across.
    await call(core, 'auth.signIn', { username: 'owner', password: legacy.users.owner ?? '' });
    expect((await call(core, 'auth.status', {})).phase).toBe('active');
    expect(await entries(core)).toBe(legacy.counts.hourEntries);
    const [converted] = await call(core, 'audit.list', { action: 'converted', limit: 1 });
    expect(converted?.detail).toContain('converted to an encrypted one');

    // The plain file is gone; the new one is not SQLite to anything without the key.
    const dbFile = join(folder, DATABASE_FILE);
    expect(existsSync(join(folder, LEGACY_DATABASE_FILE))).toBe(false);
    expect(existsSync(join(folder, `${LEGACY_DATABASE_FILE}-wal`))).toBe(false);
    expect(readFileSync(dbFile).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    await expect(run('sqlite3', [dbFile, 'select count(*) from workers'])).rejects.toThrow(
      /not a database|encrypted/,
    );
    await expect(openDatabaseChecked(dbFile, { key: null, readOnly: true })).rejects.toThrow();

    // The old key left the keychain.
    expect(await secrets.get(legacy.keychain.account)).toBeNull();

    // The format-1 backup made before the change still restores, with the owner's password.
    const listed = await call(core, 'backups.list', {});
    expect(JSON.stringify(listed)).toContain(legacy.backup);
    const preview = await call(core, 'backups.previewRestore', {
      source: { fileName: legacy.backup },
    });
    expect(preview.summary.counts.hourEntries).toBe(legacy.counts.hourEntriesInBackup);
    const outcome = await call(core, 'backups.restore', {
      token: preview.token,
      password: legacy.users.owner ?? '',
    });
    expect(outcome.restored.fileName).toBe(legacy.backup);
    expect(await entries(core)).toBe(legacy.counts.hourEntriesInBackup);
    expect((await call(core, 'auth.status', {})).phase).toBe('active');
    // Still encrypted after the restore.
    expect(readFileSync(dbFile).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');

    // And the converted practice opens again on the next start with the same password.
    await core.close();
    core = await openLegacyCore(folder);
    expect((await call(core, 'auth.status', {})).phase).toBe('signed-out');
    await call(core, 'auth.signIn', { username: 'sam', password: legacy.users.sam ?? '' });
    expect((await call(core, 'auth.status', {})).phase).toBe('active');
  });

  it('without the old key in the keychain, asks for the recovery code and converts with it', async () => {
    core = await openLegacyCore(folder);
    await core.idle();
    const before = await call(core, 'auth.status', {});
    expect(before.phase).toBe('key-needed');
    expect(before.keychainMessage).toMatch(/recovery code/);
    // Nothing converted yet, and a wrong code changes nothing.
    expect(existsSync(join(folder, LEGACY_DATABASE_FILE))).toBe(true);
    const wrong = await core.invoke('auth.recover', {
      code: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ',
    });
    expect(wrong.ok).toBe(false);
    expect(JSON.stringify(wrong)).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(join(folder, LEGACY_DATABASE_FILE))).toBe(true);
    expect(existsSync(join(folder, DATABASE_FILE))).toBe(false);
    expect((await call(core, 'auth.status', {})).phase).toBe('key-needed');

    await call(core, 'auth.recover', { code: legacy.recoveryCode });
    await core.idle();
    expect((await call(core, 'auth.status', {})).phase).toBe('signed-out');
    expect(existsSync(join(folder, LEGACY_DATABASE_FILE))).toBe(false);
    await call(core, 'auth.signIn', { username: 'maria', password: legacy.users.maria ?? '' });
    expect(await entries(core)).toBe(legacy.counts.hourEntries);
    const dbFile = join(folder, DATABASE_FILE);
    await expect(openDatabaseChecked(dbFile, { key: null, readOnly: true })).rejects.toThrow();
  });
});
