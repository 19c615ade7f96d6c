import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildChildScript, runChildKilled } from '../support/crash-child.js';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIPHER_PAGE_BYTES, openDatabase } from '../../main/db/connection.js';
import { verifyBackupFile } from '../../main/platform/backup-file.js';
import { integrityProblem } from '../../main/services/backup/snapshot.js';
import { tempFolder } from '../support/temp-core.js';

/**
 * SIGKILL at arbitrary moments, in real child processes running the real code: a backup never
 * leaves a file under a backup name that is not whole, and a restore never leaves the live
 * database anything but whole — the old one or the new one.
 */
const KEY = randomBytes(32);
/** The databases' SQLCipher key, as the app derives one from its data key. */
const PAGE_KEY = randomBytes(32);

describe('crash safety (child processes killed with SIGKILL)', () => {
  let scratch: ReturnType<typeof tempFolder>;
  let childScript: string;
  let source: string;

  beforeAll(async () => {
    scratch = tempFolder('hourkeep-crash-');
    // Inside the checkout so the child's bare imports (knex, sqlite3) resolve to node_modules.
    childScript = await buildChildScript(
      'crash-child',
      `
          import { writeBackupFile } from './main/platform/backup-file.ts';
          import { swapDatabaseFile } from './main/services/backup/swap.ts';
          import { openDatabase } from './main/db/connection.ts';
          const [mode, a, b, keyHex, pageKeyHex] = process.argv.slice(2);
          const pageKey = Buffer.from(pageKeyHex, 'hex');
          if (mode === 'backup') {
            // Back up again and again until killed; each file gets a fresh name.
            for (let i = 0; ; i++) {
              await writeBackupFile({
                databaseFile: a,
                pageKey,
                target: b + '/hourkeep-' + i + '-manual.hkbackup',
                backupKey: Buffer.from(keyHex, 'hex'),
                header: {
                  appVersion: 't', schemaVersion: 1, createdAt: new Date().toISOString(),
                  tier: 'manual', practiceName: null, databaseBytes: 0,
                  wrappedKey: { v: 1, kdf: 'scrypt', N: 1, r: 1, p: 1, salt: '', iv: '', tag: '', key: '' },
                  practiceId: 'p', escrow: { iv: '', tag: '', data: '' }, pageSize: ${CIPHER_PAGE_BYTES},
                },
              });
              process.stdout.write('W');
            }
          } else {
            // Write to the live database, then swap the replacement in.
            const db = openDatabase(a, { key: pageKey });
            await db.transaction((trx) => trx('marks').insert({ what: 'old-' + Date.now() }));
            process.stdout.write('R');
            await swapDatabaseFile(db, a, b);
            process.stdout.write('S');
          }`,
      ['@journeyapps/sqlcipher', 'knex'],
    );
    // A database big enough that a backup takes a while (about 8 MB).
    source = join(scratch.path, 'source.db');
    const db = openDatabase(source, { key: PAGE_KEY });
    await db.schema.createTable('rows', (t) => {
      t.increments('id');
      t.string('text', 400);
    });
    await db.transaction(async (trx) => {
      for (let i = 0; i < 40; i++) {
        await trx('rows').insert(
          Array.from({ length: 500 }, () => ({ text: randomBytes(150).toString('hex') })),
        );
      }
    });
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.destroy();
  });
  afterAll(async () => {
    scratch?.remove();
    await rm(childScript, { force: true });
  });

  /** Runs the child; kills it `killAfterMs` after start, or after it prints `marker`. */
  const runChild = (args: string[], killAfterMs: number, marker?: string) =>
    runChildKilled(childScript, args, { killAfterMs, exitOk: true, ...(marker ? { marker } : {}) });

  it('a backup killed part-way leaves no file under a backup name that is not whole', async () => {
    const folder = join(scratch.path, 'backups');
    let written = 0;
    for (const delay of [250, 500, 900, 1400, 2000, 3000]) {
      await mkdir(folder, { recursive: true });
      const out = await runChild(
        ['backup', source, folder, KEY.toString('hex'), PAGE_KEY.toString('hex')],
        delay,
      );
      written += out.length;
      for (const name of readdirSync(folder).filter((n) => n.endsWith('.hkbackup'))) {
        // Every file carrying a backup name decrypts and decompresses completely.
        await expect(verifyBackupFile(join(folder, name), KEY)).resolves.toMatchObject({
          tier: 'manual',
        });
      }
    }
    // The kills did land mid-backup: some finished, and some temp files were cut short.
    expect(written).toBeGreaterThan(0);
    expect(readdirSync(folder).some((n) => n.endsWith('.partial'))).toBe(true);
  });

  it('a restore killed at any moment leaves the live database whole: old or new', async () => {
    const outcomes: string[] = [];
    let killedMidway = 0;
    // Kill 0–20 ms after the child starts the swap (it takes a few ms), and once not at all.
    for (const delay of [0, 0, 1, 1, 2, 3, 5, 8, 12, 20, 60_000]) {
      const dir = join(scratch.path, `restore-${outcomes.length}`);
      await mkdir(dir, { recursive: true });
      const live = join(dir, 'hourkeep.sqlite');
      const replacement = join(dir, 'replacement.sqlite');
      await makeMarked(live, 'old');
      await makeMarked(replacement, 'new');
      const out = await runChild(
        ['restore', live, replacement, '', PAGE_KEY.toString('hex')],
        delay,
        'R',
      );
      if (!out.includes('S')) killedMidway++;

      expect(existsSync(live)).toBe(true);
      expect(await integrityProblem(live, PAGE_KEY)).toBeNull();
      const db = openDatabase(live, { key: PAGE_KEY });
      try {
        const rows = (await db('marks').select('what')) as { what: string }[];
        const kind = rows[0]?.what.slice(0, 3);
        expect(['old', 'new']).toContain(kind);
        // An old database keeps every committed write, including the child's own.
        if (kind === 'old') expect(rows.length).toBeGreaterThanOrEqual(1);
        outcomes.push(kind ?? '');
      } finally {
        await db.destroy();
      }
    }
    expect(killedMidway, `outcomes ${outcomes.join(',')}`).toBeGreaterThan(0);
    // The run that was not killed finished the swap.
    expect(outcomes.at(-1)).toBe('new');
  });
});

async function makeMarked(file: string, mark: string): Promise<void> {
  const db: Knex = openDatabase(file, { key: PAGE_KEY });
  await db.schema.createTable('marks', (t) => {
    t.increments('id');
    t.string('what');
  });
  await db('marks').insert({ what: `${mark}-seed` });
  await db.destroy();
}
