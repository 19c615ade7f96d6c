import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Core } from '../main/core.js';
import { CIPHER_PAGE_BYTES } from '../main/db/connection.js';
import { deriveKey } from '../main/platform/crypto.js';
import {
  BACKUP_GZIP_LEVEL,
  verifyBackupFile,
  writeBackupFile,
} from '../main/platform/backup-file.js';
import {
  copyDatabase,
  integrityProblem,
  quickCheckProblem,
} from '../main/services/backup/snapshot.js';
import { OWNER } from './generate.js';
import type { Row } from './row.js';
import { alternate, summarize, type Interleaved, type Timing } from './stats.js';

export interface BackupFigures {
  gzipLevel: number;
  databaseBytes: number;
  backupBytes: number;
  shellBackupBytes: number;
  safetyCopyBytes: number;
  /** backups.create vs the shell pipeline at the same gzip level, interleaved. */
  backup: Interleaved;
  /** A whole restore (preview + commit) vs `openssl enc -d | gunzip`, interleaved. */
  restore: Interleaved;
  /** Decrypt, check and summarise the backup (the restore preview), per run. */
  restorePreview: Timing;
  /** Password, safety copy, swap, reopen and migrate, per run. */
  restoreCommit: Timing;
  /** One run of each stage of a backup on its own, in milliseconds. */
  stages: BackupStages;
}

export interface BackupStages {
  /** The snapshot: checkpoint, then a file copy under a read transaction (or VACUUM INTO). */
  copyMs: number;
  copyKind: string;
  /** PRAGMA quick_check of the copy (runs alongside compression in backups.create). */
  quickCheckMs: number;
  /** PRAGMA integrity_check of the copy, which a backup no longer runs, for comparison. */
  integrityMs: number;
  /** Pages decrypted, parallel gzip, AES-256-GCM, fsync, read-back of the tag, rename. */
  writeMs: number;
  /** A full verify on its own (decrypt, check the tag, gunzip to nowhere), as backups.verify. */
  verifyMs: number;
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
  let copyKind = '';
  const copyMs = await timed(async () => {
    copyKind = await copyDatabase(core.db, copy, pageKey);
  });
  const quickCheckMs = await timed(() => quickCheckProblem(copy, pageKey));
  const integrityMs = await timed(() => integrityProblem(copy, pageKey));
  const out = join(scratch, 'stage.hkbackup');
  const writeMs = await timed(() =>
    writeBackupFile({ databaseFile: copy, pageKey, target: out, backupKey: key, header }),
  );
  const verifyMs = await timed(() => verifyBackupFile(out, key));
  for (const f of [copy, `${copy}-wal`, `${copy}-shm`, out]) rmSync(f, { force: true });
  return { copyMs, copyKind, quickCheckMs, integrityMs, writeMs, verifyMs };
}

const sh = (script: string) => {
  const res = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${script}\n${res.stderr}`);
};

/**
 * Hourkeep's backup (snapshot by file copy; quick_check alongside page decryption, parallel
 * gzip and AES-256-GCM; tag read-back; rotation) against the shell pipeline
 * `sqlite3 .backup && gzip -LEVEL | openssl enc` at the app's gzip level, and a whole restore
 * (preview and commit) against `openssl enc -d | gunzip`; each pair interleaved run by run.
 */
export async function benchBackup(core: Core, folder: string, runs = 5): Promise<BackupFigures> {
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
  const level = BACKUP_GZIP_LEVEL;
  // A restore rebuilds the core's services: always the current ones.
  const backups = () => core.services.backups;
  let lastFile = '';
  const backup = await alternate(
    runs,
    async () => {
      lastFile = (await backups().create('manual')).fileName;
    },
    async () =>
      sh(
        `rm -f '${scratch}/x.sqlite' && sqlite3 '${db}' ".backup '${scratch}/x.sqlite'" && gzip -${level} -c '${scratch}/x.sqlite' | openssl enc -aes-256-cbc -pbkdf2 -salt -pass pass:bench -out '${scratch}/x.enc'`,
      ),
  );
  const stages = await backupStages(core, scratch);
  const backupBytes = statSync(join(backups().folder(), lastFile)).size;
  const shellBackupBytes = statSync(join(scratch, 'x.enc')).size;

  // Each restore brings back the same backup; its safety copy (the database file, encrypted)
  // is removed untimed after each run, so the folder does not fill with them.
  const preview: number[] = [];
  const commit: number[] = [];
  let safetyCopyBytes = 0;
  const removeSafetyCopies = () => {
    for (const name of readdirSync(backups().folder()).filter((n) => n.includes('-safety'))) {
      safetyCopyBytes = statSync(join(backups().folder(), name)).size;
      rmSync(join(backups().folder(), name));
    }
  };
  const restore = await alternate(
    runs,
    async () => {
      let t = performance.now();
      await backups().discardPending();
      const { token } = await backups().prepareRestore({
        path: join(backups().folder(), lastFile),
      });
      preview.push(performance.now() - t);
      t = performance.now();
      await core.services.restore.commit(token, OWNER.password);
      commit.push(performance.now() - t);
    },
    async () =>
      sh(
        `openssl enc -d -aes-256-cbc -pbkdf2 -pass pass:bench -in '${scratch}/x.enc' | gunzip > '${scratch}/back.sqlite'`,
      ),
    async () => removeSafetyCopies(),
  );
  removeSafetyCopies();
  return {
    gzipLevel: level,
    databaseBytes: statSync(db).size,
    backupBytes,
    shellBackupBytes,
    safetyCopyBytes,
    backup,
    restore,
    restorePreview: summarize(preview),
    restoreCommit: summarize(commit),
    stages,
  };
}

/** The Backup and Restore rows of bench/results/latest.md. */
export function backupRows(b: BackupFigures): Row[] {
  return [
    {
      name: `Backup (snapshot by file copy; quick_check alongside page decryption, gzip -${b.gzipLevel} in parallel members, AES-GCM, tag read back) vs sqlite3 .backup && gzip -${b.gzipLevel} | openssl enc (interleaved)`,
      subject: b.backup.subject,
      baseline: b.backup.baseline,
      ratio: b.backup.ratio,
      target: '≤ 1.0×',
      met: b.backup.ratio <= 1,
    },
    {
      name: 'Restore (preview: decrypt, re-encrypt, check, summarise; commit: password, safety copy of the file, swap, reopen) vs openssl enc -d | gunzip (interleaved)',
      subject: b.restore.subject,
      baseline: b.restore.baseline,
      ratio: b.restore.ratio,
      target: '≤ 3×',
      met: b.restore.ratio <= 3,
    },
  ];
}
