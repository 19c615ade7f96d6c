import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CIPHER_PAGE_BYTES, openDatabase } from '../../main/db/connection.js';
import { verifyBackupFile, writeBackupFile } from '../../main/platform/backup-file.js';
import { assertIntact } from '../../main/services/backup/snapshot.js';
import { tempFolder } from '../support/temp-core.js';

/**
 * A backup's integrity check runs while the file is compressed: the file must take its backup
 * name only once the check passed, and a failed check must leave nothing behind.
 */
describe('backup file: the source check gates the rename', () => {
  const key = randomBytes(32);
  const pageKey = randomBytes(32);
  let scratch: ReturnType<typeof tempFolder>;
  let source: string;

  beforeEach(async () => {
    scratch = tempFolder('hourkeep-checked-');
    source = join(scratch.path, 'source.db');
    const db = openDatabase(source, { key: pageKey });
    await db.schema.createTable('rows', (t) => {
      t.increments('id');
      t.string('text');
    });
    await db('rows').insert(Array.from({ length: 200 }, (_, i) => ({ text: `row ${i}` })));
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.destroy();
  });
  afterEach(() => scratch.remove());

  const write = (target: string, beforeRename?: () => Promise<void>) =>
    writeBackupFile({
      databaseFile: source,
      pageKey,
      target,
      backupKey: key,
      header: {
        appVersion: 't',
        schemaVersion: 1,
        createdAt: '2026-11-23T10:00:00.000Z',
        tier: 'manual',
        practiceName: null,
        databaseBytes: 0,
        wrappedKey: { v: 1, kdf: 'scrypt', N: 1, r: 1, p: 1, salt: '', iv: '', tag: '', key: '' },
        practiceId: 'p',
        escrow: { iv: '', tag: '', data: '' },
        pageSize: CIPHER_PAGE_BYTES,
      },
      ...(beforeRename ? { beforeRename } : {}),
    });

  it('writes nothing under any name when the check fails', async () => {
    const out = join(scratch.path, 'out');
    const target = join(out, 'hourkeep-1-manual.hkbackup');
    mkdirSync(out);
    await expect(
      write(target, () => Promise.reject(new Error('failed its integrity check'))),
    ).rejects.toThrow('failed its integrity check');
    expect(readdirSync(out)).toEqual([]);
  });

  it('renames once the check passed, and the file reads back', async () => {
    const target = join(scratch.path, 'hourkeep-2-manual.hkbackup');
    let checked = false;
    await write(target, async () => {
      await new Promise((ok) => setTimeout(ok, 20));
      checked = true;
    });
    expect(checked).toBe(true);
    await expect(verifyBackupFile(target, key)).resolves.toMatchObject({ tier: 'manual' });
  });

  it('the integrity check refuses a damaged database file', async () => {
    await expect(assertIntact(source, pageKey)).resolves.toBeUndefined();
    const damaged = join(scratch.path, 'damaged.sqlite');
    const bytes = Buffer.alloc(8192, 0x41);
    Buffer.from('SQLite format 3\0').copy(bytes, 0);
    bytes.writeUInt16BE(4096, 16);
    writeFileSync(damaged, bytes);
    await expect(assertIntact(damaged, null)).rejects.toThrow();
  });
});
