import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBackupHeader } from '../../main/platform/backup-file.js';
import { call, seedPracticeWithAnHour } from '../support/seed.js';
import { fieldsOf } from '../support/refusals.js';
import { onPostgres } from '../support/pg-test-server.js';
import { fakeClock, openTempCore, tempFolder, type TempCore } from '../support/temp-core.js';

/** Mounting a small tmpfs simulates a full disk; it needs root (CI runs as root). */
const canMountTmpfs = (() => {
  const probe = tempFolder();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe.path], {
      stdio: 'ignore',
    });
    execFileSync('umount', [probe.path]);
    return true;
  } catch {
    return false;
  } finally {
    probe.remove();
  }
})();

/** Real backup files of a real database: made, listed, rotated, checked, and refused when bad. */
describe('backups: snapshot, encrypt, list, rotate', () => {
  const clock = fakeClock('2026-11-23T10:00:00Z');
  let core: TempCore;
  let seeded: Awaited<ReturnType<typeof seedPracticeWithAnHour>>;

  beforeEach(async () => {
    clock.set('2026-11-23T10:00:00Z');
    core = await openTempCore(clock);
    seeded = await seedPracticeWithAnHour(core);
  });
  afterEach(() => core?.dispose());

  const backups = () => core.services.backups;
  const backupFolder = () => join(core.folder, 'backups');

  it('writes a self-describing encrypted file that lists with its expiry date', async () => {
    const item = await backups().create('manual');
    expect(item).toMatchObject({
      fileName: 'hourkeep-20261123T100000Z-manual.hkbackup',
      expiresOn: '2027-11-23T10:00:00.000Z',
    });
    const path = join(backupFolder(), item.fileName);
    const { header, size } = await readBackupHeader(path);
    expect(header).toMatchObject({
      appVersion: '0.0.0-test',
      tier: 'manual',
      practiceName: 'Lakeside Family Therapy',
      createdAt: '2026-11-23T10:00:00.000Z',
      cipher: 'aes-256-gcm',
      practiceId: core.vault.practiceId(),
      // A practice on its server: pg_dump's archive, which compresses its own data (issue 21).
      ...(onPostgres()
        ? { format: 4, compression: 'none', payload: 'pg-dump-custom' }
        : { format: 2, compression: 'gzip', payload: 'sqlcipher-pages', pageSize: 4096 }),
    });
    expect(size).toBe(item.bytes);
    // Encrypted: no table name or person's name is readable in the file.
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from('hour_entries'))).toBe(false);
    expect(bytes.includes(Buffer.from('Chen'))).toBe(false);

    const listing = await backups().list();
    expect(listing.items).toHaveLength(1);
    expect(listing.items[0]).toMatchObject({
      fileName: item.fileName,
      tier: 'manual',
      expiresOn: '2027-11-23T10:00:00.000Z',
      keptBy: ['daily', 'weekly', 'monthly'],
      problem: null,
    });
    expect(listing.goneFromBackupsBy).toBe('2027-11-23T10:00:00.000Z');
    const [audit] = await call(core, 'audit.list', { action: 'backup', limit: 1 });
    expect(audit?.detail).toContain(item.fileName);
  });

  it('decrypts a backup into a preview of what it holds', async () => {
    const item = await backups().create('manual');
    const preview = await backups().prepareRestore({ path: join(backupFolder(), item.fileName) });
    expect(preview.summary).toMatchObject({
      practiceName: 'Lakeside Family Therapy',
      counts: { workers: 1, supervisors: 1, hourEntries: 1 },
    });
    expect(preview.summary.schemaVersion).toBe(core.services.info().schemaVersion);
    await backups().discardPending();
    expect(readdirSync(join(core.folder, 'tmp'))).toEqual([]);
  });

  it('opens with the recovery code alone, as on a new machine', async () => {
    const item = await backups().create('manual');
    const preview = await backups().prepareRestore(
      { path: join(backupFolder(), item.fileName) },
      core.recoveryCode ?? '',
    );
    expect(preview.summary.counts.hourEntries).toBe(1);
    await backups().discardPending();
  });

  it('refuses a file with one flipped byte, a truncated file and a wrong recovery code', async () => {
    const item = await backups().create('manual');
    const path = join(backupFolder(), item.fileName);
    const good = readFileSync(path);
    const scratch = tempFolder();
    try {
      const flipped = Buffer.from(good);
      const at = good.length - 40;
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      writeFileSync(join(scratch.path, 'flipped.hkbackup'), flipped);
      expect(
        await fieldsOf(backups().prepareRestore({ path: join(scratch.path, 'flipped.hkbackup') })),
      ).toEqual({
        file: 'This backup file is damaged or was changed after it was written; it cannot be used.',
      });

      // A flipped byte in the header is caught too: the header is the cipher's additional data.
      const headerFlip = Buffer.from(good);
      const practiceAt = good.indexOf(Buffer.from('Lakeside'));
      headerFlip[practiceAt] = 'M'.charCodeAt(0);
      writeFileSync(join(scratch.path, 'header.hkbackup'), headerFlip);
      expect(
        await fieldsOf(backups().prepareRestore({ path: join(scratch.path, 'header.hkbackup') })),
      ).toEqual({
        file: 'This backup file is damaged or was changed after it was written; it cannot be used.',
      });

      writeFileSync(
        join(scratch.path, 'cut.hkbackup'),
        good.subarray(0, Math.floor(good.length / 2)),
      );
      expect(
        await fieldsOf(backups().prepareRestore({ path: join(scratch.path, 'cut.hkbackup') })),
      ).toEqual({
        file: 'This backup file is damaged or was changed after it was written; it cannot be used.',
      });
      writeFileSync(join(scratch.path, 'stub.hkbackup'), good.subarray(0, 20));
      expect(
        await fieldsOf(backups().prepareRestore({ path: join(scratch.path, 'stub.hkbackup') })),
      ).toEqual({ file: 'This backup file is incomplete (it was cut short).' });
      writeFileSync(join(scratch.path, 'other.hkbackup'), 'SQLite format 3\u0000 not ours');
      expect(
        await fieldsOf(backups().prepareRestore({ path: join(scratch.path, 'other.hkbackup') })),
      ).toEqual({ file: 'This file is not a Hourkeep backup.' });

      expect(
        await fieldsOf(backups().prepareRestore({ path }, 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF')),
      ).toEqual({ recoveryCode: 'This recovery code does not open this backup' });
      // Nothing decrypted was left behind by any refusal.
      expect(readdirSync(join(core.folder, 'tmp'))).toEqual([]);
    } finally {
      scratch.remove();
    }
  });

  it('refuses a backup made by a newer schema, naming both versions', async () => {
    await core.db('knex_migrations').insert({
      name: '20991231000000_from_the_future',
      batch: 99,
      migration_time: new Date(),
    });
    const item = await backups().create('manual');
    const fields = await fieldsOf(
      backups().prepareRestore({ path: join(backupFolder(), item.fileName) }),
    );
    const known = core.services.info().schemaVersion;
    expect(fields.file).toBe(
      `This backup was made by a newer version of Hourkeep (schema ${known + 1}; this version knows ${known}). Update Hourkeep, then restore it.`,
    );
  });

  it('refuses an unwritable backup folder with a clear message and writes nothing', async () => {
    const scratch = tempFolder();
    try {
      const blocker = join(scratch.path, 'a-file');
      writeFileSync(blocker, 'not a folder');
      await call(core, 'settings.update', { backupFolder: join(blocker, 'backups') });
      const fields = await fieldsOf(backups().create('manual'));
      expect(fields.backupFolder).toMatch(
        /^Backups cannot be written to .*a-file\/backups \(ENOTDIR\); choose another backup folder$/,
      );
      // Refused before any snapshot was taken.
      expect(existsSync(join(core.folder, 'tmp'))).toBe(false);
    } finally {
      scratch.remove();
    }
  });

  it.skipIf(!canMountTmpfs)(
    'refuses a full disk with a clear message and leaves no file',
    async () => {
      const disk = tempFolder();
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk.path]);
      try {
        // Incompressible notes, so the backup cannot fit in 256 KiB.
        const rows = Array.from({ length: 600 }, () => ({
          worker_id: seeded.worker.id,
          site_id: seeded.site.id,
          supervisor_id: seeded.supervisor.id,
          date: '2026-11-19',
          category: 'nonclinical',
          minutes: 1,
          note: randomBytes(500).toString('hex'),
          created_at: '2026-11-19T10:00:00Z',
          updated_at: '2026-11-19T10:00:00Z',
        }));
        for (let i = 0; i < rows.length; i += 100)
          await core.db('hour_entries').insert(rows.slice(i, i + 100));
        await call(core, 'settings.update', { backupFolder: disk.path });
        const fields = await fieldsOf(backups().create('manual'));
        expect(fields.backupFolder).toBe(
          `The disk holding ${disk.path} is full; nothing was written`,
        );
        expect(readdirSync(disk.path)).toEqual([]);
        expect(readdirSync(join(core.folder, 'tmp'))).toEqual([]);
      } finally {
        execFileSync('umount', [disk.path]);
        disk.remove();
      }
    },
  );

  // Ten backups: on a server each runs pg_dump and pg_restore's check (about half a second).
  it(
    'rotates daily backups down to the policy, keeping the newest of each period',
    { timeout: 60_000 },
    async () => {
      await call(core, 'settings.update', {
        retention: {
          keepLast: 0,
          keepDaily: 3,
          keepWeekly: 2,
          keepMonthly: 0,
          keepYearly: 0,
          expiryDays: 365,
        },
      });
      // Ten daily backups, Saturday 14 to Monday 23 November.
      for (let day = 14; day <= 23; day++) {
        clock.set(`2026-11-${day}T10:00:00Z`);
        await backups().create('daily');
      }
      const names = (await backups().list()).items.map((i) => i.fileName.slice(9, 17));
      // 3 daily (23, 22, 21) and 2 weekly: this week's newest (23) and the week before's (22).
      expect(names).toEqual(['20261123', '20261122', '20261121']);
      const [removed] = await call(core, 'audit.list', { action: 'backup_removed', limit: 1 });
      expect(removed?.detail).toContain('hourkeep-20261120T100000Z-daily.hkbackup');
    },
  );

  it('backs up on a schedule: at start-up when due, daily on the timer, and on quit', async () => {
    const schedule = core.backupSchedule;
    expect((await schedule.atStartup())?.tier).toBe('startup');
    clock.advance(23 * 3600_000);
    expect(await schedule.onTimer()).toBeNull(); // the newest is under a day old
    clock.advance(2 * 3600_000);
    expect((await schedule.onTimer())?.tier).toBe('daily');
    clock.advance(60_000);
    expect((await schedule.onQuit())?.tier).toBe('quit');
    // Rotation keeps the newest backup of each day: the quit backup replaces that day's daily.
    expect((await backups().list()).items.map((i) => i.tier)).toEqual(['quit', 'startup']);
  });

  it('waits while the data key is not unlocked, and says nothing is wrong', async () => {
    // Locking closes the database and overwrites the keys.
    core.lock('manual');
    await core.gate.afterLock(false, 'manual');
    await expect.poll(() => core.isOpen()).toBe(false);
    expect(await core.backupSchedule.atStartup()).toBeNull();
    expect(await core.backupSchedule.onQuit()).toBeNull();
    expect(existsSync(backupFolder())).toBe(false);
  });

  it('never lists a half-written file, and leaves unreadable ones for a person to look at', async () => {
    await backups().create('manual');
    mkdirSync(backupFolder(), { recursive: true });
    writeFileSync(join(backupFolder(), '.hourkeep-x.hkbackup.abc.partial'), 'half');
    writeFileSync(join(backupFolder(), 'copied-by-hand.hkbackup'), 'garbage');
    const listing = await backups().list();
    expect(listing.items.map((i) => [i.fileName, i.problem])).toEqual([
      ['hourkeep-20261123T100000Z-manual.hkbackup', null],
      ['copied-by-hand.hkbackup', 'This file is not a Hourkeep backup.'],
    ]);
    await backups().rotate();
    expect(readdirSync(backupFolder()).sort()).toContain('copied-by-hand.hkbackup');
  });
});
