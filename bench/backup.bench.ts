import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Core } from '../main/core.js';
import { CIPHER_PAGE_BYTES } from '../main/db/connection.js';
import { deriveKey } from '../main/platform/crypto.js';
import { verifyBackupFile, writeBackupFile } from '../main/platform/backup-file.js';
import { copyDatabase, integrityProblem } from '../main/services/backup/snapshot.js';
import { OWNER } from './generate.js';
import { ratio, time, type Timing } from './stats.js';

export interface BackupFigures {
  databaseBytes: number;
  backupBytes: number;
  shellBackupBytes: number;
  backup: Timing;
  shellBackup: Timing;
  backupRatio: number;
  /** Decrypt, check and summarise the backup (the restore preview). */
  restorePreview: Timing;
  /** Password, safety backup, swap, reopen and migrate. */
  restoreCommit: Timing;
  /** Preview plus commit (which includes the safety backup of the current data). */
  restoreMs: number;
  shellRestore: Timing;
  restoreRatio: number;
  /** One run of each stage of a backup on its own, in milliseconds, and the sizes by level. */
  stages: BackupStages;
}

export interface BackupStages {
  /** VACUUM INTO a scratch file. */
  copyMs: number;
  /** PRAGMA integrity_check of the copy (runs alongside compression in backups.create). */
  integrityMs: number;
  /** gzip + AES-256-GCM to a temp file, fsync, read-back verify, rename (the app's level, 3). */
  writeMs: number;
  /** The read-back verify on its own (decrypt, check the tag, gunzip to nowhere). */
  verifyMs: number;
  /** The same copy written at gzip level 6 (the shell's), for the size the level costs. */
  writeLevel6Ms: number;
  level3Bytes: number;
  level6Bytes: number;
}

/** Each stage of backups.create timed once on its own, on a scratch copy. */
async function backupStages(core: Core, scratch: string): Promise<BackupStages> {
  const copy = join(scratch, 'stage.sqlite');
  const key = randomBytes(32);
  const pageKey = deriveKey(core.vault.keys().dataKey, 'database');
  const header = {
    practiceId: 'bench',
    escrow: { iv: '', tag: '', data: '' },
    pageSize: CIPHER_PAGE_BYTES,
    appVersion: 'bench',
    schemaVersion: 1,
    createdAt: new Date().toISOString(),
    tier: 'manual' as const,
    practiceName: null,
    databaseBytes: 0,
    wrappedKey: {
      v: 1 as const,
      kdf: 'scrypt' as const,
      N: 1,
      r: 1,
      p: 1,
      salt: '',
      iv: '',
      tag: '',
      key: '',
    },
  };
  const timed = async (fn: () => Promise<unknown>) => {
    const start = performance.now();
    await fn();
    return Math.round(performance.now() - start);
  };
  rmSync(copy, { force: true });
  const copyMs = await timed(() => copyDatabase(core.db, copy));
  const integrityMs = await timed(() => integrityProblem(copy, pageKey));
  const out = (level: number) => join(scratch, `stage-${level}.hkbackup`);
  const write = (level: number) =>
    timed(() =>
      writeBackupFile({
        databaseFile: copy,
        pageKey,
        target: out(level),
        backupKey: key,
        header,
        gzipLevel: level,
      }),
    );
  const writeMs = await write(3);
  const verifyMs = await timed(() => verifyBackupFile(out(3), key));
  const writeLevel6Ms = await write(6);
  const stages = {
    copyMs,
    integrityMs,
    writeMs,
    verifyMs,
    writeLevel6Ms,
    level3Bytes: statSync(out(3)).size,
    level6Bytes: statSync(out(6)).size,
  };
  for (const f of [copy, out(3), out(6)]) rmSync(f, { force: true });
  return stages;
}

const sh = (script: string) => {
  const res = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${script}\n${res.stderr}`);
};

/**
 * Hourkeep's backup (pages decrypted in memory, then integrity_check alongside gzip + AES-256-GCM + read-back
 * verify, rotate) against the shell pipeline `sqlite3 .backup | gzip | openssl enc` on the same file, and the
 * restore against its reverse.
 */
export async function benchBackup(core: Core, folder: string, runs = 3): Promise<BackupFigures> {
  const scratch = join(folder, 'shell');
  sh(`mkdir -p '${scratch}'`);
  // The live file is SQLCipher 4, which Debian's sqlite3 (and its SQLCipher 3 CLI) cannot
  // read: the shell works on a plain export made once, untimed. It skips the page decryption
  // the app does, so the baseline is, if anything, faster than the same work.
  const db = join(scratch, 'plain.sqlite');
  rmSync(db, { force: true });
  await core.db.raw(`ATTACH DATABASE '${db}' AS plain KEY ''`);
  await core.db.raw(`SELECT sqlcipher_export('plain')`);
  await core.db.raw('DETACH DATABASE plain');
  const backups = core.services.backups;
  let lastFile = '';
  const backup = await time(runs, async () => {
    lastFile = (await backups.create('manual')).fileName;
  });
  const shellBackup = await time(runs, async () =>
    sh(
      `rm -f '${scratch}/x.sqlite' && sqlite3 '${db}' ".backup '${scratch}/x.sqlite'" && gzip -c '${scratch}/x.sqlite' > '${scratch}/x.gz' && openssl enc -aes-256-cbc -pbkdf2 -salt -pass pass:bench -in '${scratch}/x.gz' -out '${scratch}/x.enc'`,
    ),
  );
  const shellRestore = await time(runs, async () =>
    sh(
      `openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:bench -in '${scratch}/x.enc' | gunzip > '${scratch}/back.sqlite'`,
    ),
  );
  const stages = await backupStages(core, scratch);
  const backupBytes = statSync(join(backups.folder(), lastFile)).size;
  const shellBackupBytes = statSync(join(scratch, 'x.enc')).size;

  let token = '';
  const restorePreview = await time(runs, async () => {
    await backups.discardPending();
    token = (await backups.prepareRestore({ path: join(backups.folder(), lastFile) })).token;
  });
  // The commit includes a safety backup of the current data, so it is about one backup longer.
  const restoreCommit = await time(1, async () => {
    await core.services.restore.commit(token, OWNER.password);
  });
  const restoreMs = restorePreview.medianMs + restoreCommit.medianMs;
  return {
    databaseBytes: statSync(db).size,
    backupBytes,
    shellBackupBytes,
    backup,
    shellBackup,
    backupRatio: ratio(backup, shellBackup),
    restorePreview,
    restoreCommit,
    restoreMs: Math.round(restoreMs),
    shellRestore,
    restoreRatio: Math.round((restoreMs / shellRestore.medianMs) * 100) / 100,
    stages,
  };
}
