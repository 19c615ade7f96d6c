import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { readBackupHeader } from '../../main/platform/backup-file.js';
import { call, seedPractice } from '../support/seed.js';
import { fieldsOf } from '../support/refusals.js';
import { fakeClock, openTempCore, tempFolder, type TempCore } from '../support/temp-core.js';

/**
 * Issue 15: the backup folder must be a real, absolute place the app can write to without
 * hanging; every backup message says what is wrong with the file; no bad file or name makes a
 * call answer `internal`.
 */
describe('backups: the folder, and what a bad file is told', () => {
  const clock = fakeClock('2026-11-23T10:00:00Z');
  let core: TempCore;
  let scratch: ReturnType<typeof tempFolder>;

  beforeEach(async () => {
    clock.set('2026-11-23T10:00:00Z');
    core = await openTempCore(clock);
    await seedPractice(core);
    scratch = tempFolder();
  });
  afterEach(async () => {
    await core?.dispose();
    scratch.remove();
  });

  const backups = () => core.services.backups;
  const backupFolder = () => join(core.folder, 'backups');
  const refusal = async (name: Parameters<TempCore['invoke']>[0], input: unknown) => {
    const res = await core.invoke(name, input);
    return res.ok ? null : { code: res.error.code, fields: res.error.fields };
  };

  describe('the backup folder', () => {
    it.each([
      ['a relative path', 'backups', /^Enter the full path of a folder/],
      ['a path under /proc', '/proc/hourkeep-backups', /^\/proc is not a place for files/],
      ['a path under /sys', '/sys/kernel/hourkeep', /^\/sys is not a place for files/],
      ['a path under /dev', '/dev/shm/hourkeep', /^\/dev is not a place for files/],
      ['/proc reached through ..', '/tmp/../proc/self/x', /^\/proc is not a place for files/],
    ])('refuses %s before touching the disk', async (_, folder, reason) => {
      for (const [name, input] of [
        ['backups.setFolder', { folder }],
        ['settings.update', { backupFolder: folder }],
      ] as const) {
        // The path's own reason, not the 10 s time limit's "did not answer" (FOLDER_TIMEOUT_MS),
        // proves nothing was made or probed on the disk first: a mkdir under /proc never returns.
        const res = await refusal(name, input);
        expect(res?.code).toBe('validation');
        expect(res?.fields?.backupFolder).toMatch(reason);
      }
      expect((await call(core, 'backups.list', {})).folder).toBe(backupFolder());
    });

    it('refuses /proc reached through a symbolic link', async () => {
      symlinkSync('/proc', join(scratch.path, 'link'));
      const res = await refusal('backups.setFolder', { folder: join(scratch.path, 'link', 'x') });
      expect(res?.fields?.backupFolder).toMatch(/^\/proc is not a place for files/);
    });

    it('makes a new absolute folder and uses it', async () => {
      const folder = join(scratch.path, 'new', 'backups');
      expect((await call(core, 'backups.setFolder', { folder })).folder).toBe(folder);
      expect((await call(core, 'backups.create', {})).fileName).toMatch(/\.hkbackup$/);
    });
  });

  describe('answers instead of internal', () => {
    it('takes a settings key sent as undefined as left out', async () => {
      const before = await call(core, 'settings.get', {});
      const res = await core.invoke('settings.update', {
        idleMinutes: undefined,
        retention: undefined,
      });
      expect(res).toEqual({ ok: true, value: before });
    });

    it('verifies a file that is not in the folder as a field error', async () => {
      expect(await refusal('backups.verify', { fileName: 'missing.hkbackup' })).toEqual({
        code: 'validation',
        fields: { fileName: 'There is no backup of that name in the backup folder' },
      });
    });

    it('lists a backup folder that is a file as a field error', async () => {
      const file = join(core.folder, 'not-a-folder');
      writeFileSync(file, 'a file');
      await call(core, 'settings.update', { backupFolder: file });
      expect(await refusal('backups.list', {})).toEqual({
        code: 'validation',
        fields: {
          backupFolder: `The backup folder ${file} cannot be read (ENOTDIR); choose another backup folder`,
        },
      });
    });

    it('refuses a backup cut to exactly its header, IV and tag as incomplete', async () => {
      const item = await backups().create('manual');
      const path = join(backupFolder(), item.fileName);
      const { aad } = await readBackupHeader(path);
      const cut = readFileSync(path).subarray(0, aad.length + 12 + 16);
      writeFileSync(join(backupFolder(), 'cut.hkbackup'), cut);
      writeFileSync(join(scratch.path, 'cut.hkbackup'), cut);
      const incomplete = 'This backup file is incomplete (it was cut short).';
      expect(await refusal('backups.verify', { fileName: 'cut.hkbackup' })).toEqual({
        code: 'validation',
        fields: { fileName: incomplete },
      });
      expect(
        await refusal('backups.previewRestore', {
          source: { upload: { name: 'cut.hkbackup', base64: cut.toString('base64') } },
        }),
      ).toEqual({ code: 'validation', fields: { file: incomplete } });
    });
  });

  describe('messages that say what is wrong with the file', () => {
    /** The backup with its header's key id replaced by another of the same length. */
    const withDamagedKeyId = async () => {
      const item = await backups().create('manual');
      const bytes = readFileSync(join(backupFolder(), item.fileName));
      const { header } = await readBackupHeader(join(backupFolder(), item.fileName));
      const at = bytes.indexOf(Buffer.from(header.keyId));
      Buffer.from('0123456789abcdef').copy(bytes, at);
      const path = join(scratch.path, 'keyid.hkbackup');
      writeFileSync(path, bytes);
      writeFileSync(join(backupFolder(), 'keyid.hkbackup'), bytes);
      return path;
    };
    const damagedKeyId =
      'This backup file is damaged: the key id in its header does not match the key it carries. It cannot be used.';

    it('tells a damaged key id from another practice’s key, with or without the recovery code', async () => {
      const path = await withDamagedKeyId();
      expect(await fieldsOf(backups().prepareRestore({ path }))).toEqual({ file: damagedKeyId });
      expect(await fieldsOf(backups().prepareRestore({ path }, core.recoveryCode ?? ''))).toEqual({
        file: damagedKeyId,
      });
      expect(await refusal('backups.verify', { fileName: 'keyid.hkbackup' })).toEqual({
        code: 'validation',
        fields: { fileName: damagedKeyId },
      });
    });

    it('treats a header dated in the future as damaged: no expiry, no promise, not rotated', async () => {
      clock.set('2126-11-23T10:00:00Z');
      const future = await backups().create('manual');
      clock.set('2026-11-23T10:05:00Z');
      await backups().create('manual');
      const listing = await call(core, 'backups.list', {});
      const item = listing.items.find((i) => i.fileName === future.fileName);
      expect(item).toMatchObject({
        problem: 'This backup file is damaged: its header is dated 2126-11-23, in the future.',
        expiresOn: null,
        keptBy: [],
      });
      expect(listing.goneFromBackupsBy).toBe('2027-11-23T10:05:00.000Z');
      await backups().rotate();
      expect((await call(core, 'backups.list', {})).items).toHaveLength(2);
      expect(await refusal('backups.verify', { fileName: future.fileName })).toMatchObject({
        fields: { fileName: expect.stringMatching(/dated 2126-11-23, in the future/) },
      });
      // A backup a few minutes ahead (a clock set slightly wrong) is not damaged.
      clock.set('2026-11-23T10:20:00Z');
      const soon = await backups().create('manual');
      clock.set('2026-11-23T10:10:00Z');
      const again = await call(core, 'backups.list', {});
      expect(again.items.find((i) => i.fileName === soon.fileName)?.problem).toBeNull();
    });
  });
});

/** A folder whose creation never finishes (a stuck network share) fails after the time limit. */
describe('the backup folder probe', () => {
  it('gives up after its time limit with a clear message', async () => {
    const { probeBackupFolder } = await import('../../main/services/backup/folder.js');
    const never = () => new Promise<never>(() => undefined);
    const folder = tempFolder();
    try {
      // mkdir never returns: only the 0.2 s limit can end the probe, and its message says so.
      const err = await probeBackupFolder(join(folder.path, 'x'), { timeoutMs: 200, mkdir: never })
        .then(() => null)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).fields?.backupFolder).toMatch(
        /did not answer within 0\.2 s; choose another backup folder$/,
      );
      mkdirSync(join(folder.path, 'y'));
    } finally {
      folder.remove();
    }
  });
});
