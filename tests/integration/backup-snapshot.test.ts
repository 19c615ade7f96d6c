import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CIPHER_PAGE_BYTES, openDatabaseChecked } from '../../main/db/connection.js';
import { readBackupHeader } from '../../main/platform/backup-file.js';
import { deriveKey } from '../../main/platform/crypto.js';
import { decryptPages } from '../../main/platform/sqlcipher-pages.js';
import {
  copyDatabase,
  databaseFileOf,
  integrityProblem,
} from '../../main/services/backup/snapshot.js';
import { call, seedPractice } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/**
 * The backup's snapshot (a file copy of the settled live file, or VACUUM INTO when it cannot
 * settle), its page decryption without per-page HMACs, and the restore's safety copy (the
 * file as it is, format 3), on real SQLCipher files.
 */
describe('backup snapshot and safety copy', () => {
  const clock = fakeClock('2026-11-23T10:00:00Z');
  let core: TempCore;
  let seeded: Awaited<ReturnType<typeof seedPractice>>;
  const pageKey = () => deriveKey(core.vault.keys().dataKey, 'database');
  const addEntry = (minutes: number) =>
    call(core, 'hours.add', {
      workerId: seeded.worker.id,
      siteId: seeded.site.id,
      supervisorId: seeded.supervisor.id,
      date: '2026-11-20',
      category: 'direct_individual',
      minutes,
    });
  const entryCount = async (file: string) => {
    const db = await openDatabaseChecked(file, { key: pageKey(), readOnly: true });
    try {
      return Number(((await db('hour_entries').count({ n: '*' })) as { n: number }[])[0]?.n);
    } finally {
      await db.destroy();
    }
  };

  beforeEach(async () => {
    clock.set('2026-11-23T10:00:00Z');
    core = await openTempCore(clock);
    seeded = await seedPractice(core);
    await addEntry(90);
  });
  afterEach(() => core?.dispose());

  it('copies the settled live file, which holds the last write and passes integrity_check', async () => {
    await addEntry(45); // in the log until the snapshot checkpoints it
    const target = join(core.folder, 'tmp-copy.db');
    expect(await copyDatabase(core.db, target, pageKey())).toBe('file-copy');
    expect(await integrityProblem(target, pageKey())).toBeNull();
    expect(await entryCount(target)).toBe(2);
  });

  it('falls back to VACUUM INTO when a reader keeps the log from being checkpointed', async () => {
    const live = databaseFileOf(core.db);
    const reader = await openDatabaseChecked(live, { key: pageKey(), readOnly: true });
    try {
      await reader.transaction(async (trx) => {
        await trx.raw('SELECT count(*) FROM hour_entries'); // holds a snapshot of the log
        await addEntry(30);
        const target = join(core.folder, 'tmp-vacuum.db');
        expect(await copyDatabase(core.db, target, pageKey())).toBe('vacuum-into');
        expect(await integrityProblem(target, pageKey())).toBeNull();
        expect(await entryCount(target)).toBe(2);
      });
    } finally {
      await reader.destroy();
    }
  });

  it('decrypts pages the same with page 1 authenticated as with every page', async () => {
    const target = join(core.folder, 'tmp-pages.db');
    await copyDatabase(core.db, target, pageKey());
    const bytes = readFileSync(target);
    const through = (authenticate: 'every-page' | 'first-page') =>
      buffer(
        Readable.from([bytes.subarray(0, 5000), bytes.subarray(5000)]).pipe(
          decryptPages(pageKey(), CIPHER_PAGE_BYTES, { authenticate }),
        ),
      );
    const fast = await through('first-page');
    expect(fast.equals(await through('every-page'))).toBe(true);
    expect(fast.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    // A wrong key is still refused at page 1.
    await expect(
      buffer(
        Readable.from([bytes]).pipe(
          decryptPages(deriveKey(pageKey(), 'backup'), CIPHER_PAGE_BYTES, {
            authenticate: 'first-page',
          }),
        ),
      ),
    ).rejects.toThrow(/Page 1 does not authenticate/);
  });

  it('writes gzip in several members that restore as one stream', async () => {
    // Enough rows for more than one 4 MiB member.
    const filler = 'n'.repeat(2000);
    await core.db.transaction(async (trx) => {
      await trx.schema.createTable('bench_filler', (t) => t.text('v'));
      for (let i = 0; i < 6000; i += 500)
        await trx('bench_filler').insert(
          Array.from({ length: 500 }, (_, j) => ({ v: `${i + j}${filler}` })),
        );
    });
    const item = await core.services.backups.create('manual');
    const path = join(core.folder, 'backups', item.fileName);
    await expect(core.services.backups.verify(item.fileName)).resolves.toMatchObject({ ok: true });
    const preview = await core.services.backups.prepareRestore({ path });
    expect(preview.summary.counts.hourEntries).toBe(1);
    await core.services.backups.discardPending();
  });

  it('a safety copy is the live file as it is, encrypted, and restores as the data was', async () => {
    await addEntry(20);
    const item = await core.services.backups.createSafetyCopy();
    expect(item.tier).toBe('safety');
    const path = join(core.folder, 'backups', item.fileName);
    const { header } = await readBackupHeader(path);
    expect(header).toMatchObject({ format: 3, payload: 'sqlcipher-file', compression: 'none' });
    // Nothing in clear: a row's text is not in the file.
    expect(readFileSync(path).includes(Buffer.from('direct_individual'))).toBe(false);
    await expect(core.services.backups.verify(item.fileName)).resolves.toMatchObject({ ok: true });
    const preview = await core.services.backups.prepareRestore({ path });
    expect(preview.summary.counts.hourEntries).toBe(2);
    await core.services.backups.discardPending();
    expect(readdirSync(join(core.folder, 'tmp'))).toEqual([]);
    expect(existsSync(join(core.folder, 'tmp'))).toBe(true);
  });
});
