import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { validationError } from '../../../shared/errors.js';
import { keyedStatement, openDatabaseChecked, runKeyed } from '../../db/connection.js';
import { exportToAttached } from '../../db/dialect/sqlite.js';
import type { DatabaseSummary } from '../../../shared/domain/backups.js';
import {
  BackupFileError,
  decryptBackupFile,
  type BackupHeader,
} from '../../platform/backup-file.js';
import { deriveKey } from '../../platform/crypto.js';
import { openEscrowOf } from '../../platform/key-slots.js';
import { shred } from '../../platform/shred.js';
import type { PageSealing } from '../../platform/sqlcipher-pages.js';
import { PLAIN_TEMP_PREFIX, TEMP_FOLDER } from '../leftovers.js';
import type { RestoredPeople } from '../vault.js';
import { summarizeDatabase } from './snapshot.js';

/** A backup decrypted into an encrypted staging database, ready to be previewed and swapped in. */
export interface StagedBackup {
  /** SQLCipher file under the target practice's database key. */
  databaseFile: string;
  summary: DatabaseSummary;
  /** The people and their key slots, for the key file after the swap. */
  people: RestoredPeople;
  /** A backup from before encryption sealed its audit rows with its data key itself. */
  legacyAuditKey: Buffer | null;
}

export const tempFolderOf = async (dataFolder: string): Promise<string> => {
  const dir = join(dataFolder, TEMP_FOLDER);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
};

/**
 * Decrypts `path` (made under `backupDataKey`) into a staging database encrypted under
 * `targetDataKey`, and reads what it holds. Nothing plain reaches the disk for a current backup;
 * a backup from before encryption passes through a plain file that is converted and overwritten
 * at once. On any failure nothing is left behind.
 */
export async function stageBackup(options: {
  path: string;
  header: BackupHeader;
  dataFolder: string;
  backupDataKey: Buffer;
  targetDataKey: Buffer;
  /** How the staged file's pages are sealed (in worker threads where the app has them). */
  sealPages?: PageSealing;
}): Promise<StagedBackup> {
  const { sealPages } = options;
  const { header } = options;
  const temp = await tempFolderOf(options.dataFolder);
  const staging = join(temp, `restore-${randomBytes(6).toString('hex')}.db`);
  const backupKey = deriveKey(options.backupDataKey, 'backup');
  const pageKey = deriveKey(options.targetDataKey, 'database');
  try {
    if (header.format !== 1) {
      // A safety copy (format 3) holds the file under its own data key's database key.
      const sourcePageKey = deriveKey(options.backupDataKey, 'database');
      await decryptOrExplain(() =>
        decryptBackupFile(options.path, backupKey, staging, pageKey, { sourcePageKey, sealPages }),
      ).finally(() => sourcePageKey.fill(0));
    } else {
      const plain = join(temp, `${PLAIN_TEMP_PREFIX}${randomBytes(6).toString('hex')}.sqlite`);
      try {
        await decryptOrExplain(() =>
          decryptBackupFile(options.path, backupKey, plain, pageKey, { sealPages }),
        );
        const db = await openDatabaseChecked(plain, { key: null });
        try {
          await runKeyed(db, 'stage the backup', keyedStatement.attach('staged', pageKey), [
            staging,
          ]);
          await exportToAttached(db, 'staged');
        } finally {
          await db.destroy();
        }
      } finally {
        await shred(plain);
      }
    }
    const summary = await summarizeDatabase(staging, pageKey).catch(() => {
      throw validationError({
        file: 'The backup decrypted but does not hold a readable Hourkeep database',
      });
    });
    await refuseCutTrail(header, staging, pageKey);
    const people = await peopleOf(header, options.backupDataKey, staging, pageKey);
    return {
      databaseFile: staging,
      summary,
      people,
      legacyAuditKey: header.format === 1 ? Buffer.from(options.backupDataKey) : null,
    };
  } catch (err) {
    await rm(staging, { force: true });
    throw err;
  } finally {
    backupKey.fill(0);
    pageKey.fill(0);
  }
}

async function decryptOrExplain(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (err instanceof BackupFileError) {
      throw validationError({
        [err.reason === 'wrong-key' ? 'recoveryCode' : 'file']: err.message,
      });
    }
    throw err;
  }
}

/** The people and key slots a backup header's escrow carries (every format since 2). */
export function escrowPeople(
  header: Exclude<BackupHeader, { format: 1 }>,
  dataKey: Buffer,
): RestoredPeople {
  const escrow = openEscrowOf(header.escrow, header.practiceId, dataKey);
  if (!escrow) {
    throw validationError({
      file: "This backup file is damaged: its people's key slots cannot be read.",
    });
  }
  return {
    kind: 'escrow',
    practiceId: header.practiceId,
    slotsKey: Buffer.from(escrow.slotsKey, 'base64'),
    users: escrow.users,
  };
}

async function peopleOf(
  header: BackupHeader,
  dataKey: Buffer,
  staging: string,
  pageKey: Buffer,
): Promise<RestoredPeople> {
  if (header.format !== 1) return escrowPeople(header, dataKey);
  const db = await openDatabaseChecked(staging, { key: pageKey, readOnly: true });
  try {
    const rows = (await db('users').select('id', 'username', 'password_hash')) as {
      id: number;
      username: string;
      password_hash: string;
    }[];
    return {
      kind: 'hashes',
      users: rows.map((r) => ({
        id: Number(r.id),
        username: r.username,
        passwordHash: r.password_hash,
      })),
    };
  } finally {
    await db.destroy();
  }
}

/** A backup whose audit trail is shorter than its header says it was when made is damaged. */
async function refuseCutTrail(header: BackupHeader, staging: string, pageKey: Buffer) {
  const anchor = header.format !== 1 ? header.auditAnchor : undefined;
  if (!anchor) return;
  const db = await openDatabaseChecked(staging, { key: pageKey, readOnly: true });
  try {
    const last = (await db('audit_log').orderBy('id', 'desc').first('id', 'hmac')) as
      { id: number; hmac: string } | undefined;
    const rows = last ? Number(last.id) : 0;
    const row = (await db('audit_log').where({ id: anchor.lastId }).first('hmac')) as
      { hmac: string } | undefined;
    if (rows < anchor.count || (anchor.lastId > 0 && row?.hmac !== anchor.lastHmac)) {
      throw validationError({
        file: `This backup file is damaged: its audit trail holds ${rows} rows, but it held ${anchor.count} when the backup was made.`,
      });
    }
  } finally {
    await db.destroy();
  }
}
