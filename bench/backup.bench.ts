import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../main/core.js';
import { DATABASE_FILE } from '../main/core.js';
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
}

const sh = (script: string) => {
  const res = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${script}\n${res.stderr}`);
};

/**
 * Hourkeep's backup (VACUUM INTO, integrity_check, gzip, AES-256-GCM, read-back verify, rotate)
 * against the shell pipeline `sqlite3 .backup | gzip | openssl enc` on the same file, and the
 * restore against its reverse.
 */
export async function benchBackup(core: Core, folder: string, runs = 3): Promise<BackupFigures> {
  const db = join(folder, DATABASE_FILE);
  const scratch = join(folder, 'shell');
  sh(`mkdir -p '${scratch}'`);
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
  };
}
