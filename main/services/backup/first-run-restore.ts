import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError, validationError } from '../../../shared/errors.js';
import type { RestorePreview } from '../../../shared/domain/backups.js';
import {
  BACKUP_EXTENSION,
  BackupFileError,
  fsyncPath,
  readBackupHeader,
} from '../../platform/backup-file.js';
import { headerDateProblem } from '../../../shared/domain/backup-header.js';
import { unwrapDataKey, wipe } from '../../platform/crypto.js';
import type { Clock } from '../../../shared/domain/clock.js';
import type { Vault } from '../vault.js';
import type { PageSealing } from '../../platform/sqlcipher-pages.js';
import { stageBackup, tempFolderOf, type StagedBackup } from './staging.js';

interface Pending extends StagedBackup {
  preview: RestorePreview;
  dataKey: Buffer;
  header: Awaited<ReturnType<typeof readBackupHeader>>['header'];
}

/**
 * A backup restored where the practice is not open: a computer where Hourkeep was never set up,
 * or a practice whose key file or database is damaged. The recovery code opens the backup; the
 * database keeps the backup's data key, and the key file is made from the backup's header, so
 * everyone signs in with the password they had.
 */
export function makeFirstRunRestore(deps: {
  dataFolder: string;
  vault: Vault;
  clock: Clock;
  refuseNewerSchema: (summary: RestorePreview['summary']) => void;
  /** How the staged file's pages are sealed (in worker threads where the app has them). */
  sealPages?: PageSealing;
}) {
  const { vault } = deps;
  const pending = new Map<string, Pending>();

  async function discard(): Promise<void> {
    for (const p of pending.values()) {
      await rm(p.databaseFile, { force: true });
      wipe(p.dataKey, p.legacyAuditKey);
    }
    pending.clear();
  }

  const allowed = () => {
    const phase = vault.phase().phase;
    if (phase !== 'setup' && phase !== 'damaged') {
      throw new AppError(
        'conflict',
        'This practice is already set up; restore from the Admin menu instead.',
      );
    }
  };

  return {
    async preview(
      upload: { name: string; base64: string },
      recoveryCode: string,
    ): Promise<RestorePreview> {
      allowed();
      const bytes = Buffer.from(upload.base64, 'base64');
      if (bytes.length === 0) throw validationError({ file: 'The chosen file is empty' });
      const temp = await tempFolderOf(deps.dataFolder);
      const path = join(temp, `upload-${randomBytes(6).toString('hex')}${BACKUP_EXTENSION}`);
      await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
      try {
        let header;
        try {
          header = (await readBackupHeader(path)).header;
        } catch (err) {
          if (err instanceof BackupFileError) throw validationError({ file: err.message });
          throw err;
        }
        const dated = headerDateProblem(header.createdAt, deps.clock.now());
        if (dated) throw validationError({ file: dated });
        const dataKey = await unwrapDataKey(header.wrappedKey, recoveryCode);
        if (!dataKey)
          throw validationError({ recoveryCode: 'This recovery code does not open this backup' });
        const staged = await stageBackup({
          path,
          header,
          dataFolder: deps.dataFolder,
          backupDataKey: dataKey,
          targetDataKey: dataKey,
          sealPages: deps.sealPages,
        });
        try {
          deps.refuseNewerSchema(staged.summary);
        } catch (err) {
          await rm(staged.databaseFile, { force: true });
          throw err;
        }
        const token = randomBytes(16).toString('hex');
        const preview: RestorePreview = {
          token,
          fileName: upload.name,
          createdAt: header.createdAt,
          appVersion: header.appVersion,
          tier: header.tier,
          summary: staged.summary,
        };
        await discard();
        pending.set(token, { ...staged, preview, dataKey, header });
        return preview;
      } finally {
        await rm(path, { force: true });
      }
    },

    /**
     * Puts the staged database in place and writes its key file. A damaged practice's files are
     * kept beside, renamed, not deleted. Killed between the two steps, the folder holds a
     * database without a key file: Hourkeep says so and offers this restore again.
     */
    async commit(token: string): Promise<RestorePreview> {
      allowed();
      const found = pending.get(token);
      if (!found)
        throw validationError({ token: 'This restore has expired; choose the backup again' });
      pending.delete(token);
      const { database, slots } = vault.paths;
      const stamp = new Date().toISOString().replace(/[-:.]/g, '');
      for (const path of [database, `${database}-wal`, `${database}-shm`, slots]) {
        await rename(path, `${path}.damaged-${stamp}`).catch(() => undefined);
      }
      await fsyncPath(found.databaseFile);
      await rename(found.databaseFile, database);
      await fsyncPath(dirname(database)).catch(() => undefined);
      await vault.createFromBackup({
        dataKey: found.dataKey,
        recovery: found.header.wrappedKey,
        practiceId: found.header.format !== 1 ? found.header.practiceId : null,
        practiceName: found.header.practiceName ?? found.summary.practiceName,
        people: found.people,
      });
      await vault.inspect();
      await vault.recordPending({
        action: 'restore',
        userId: null,
        detail: `${found.preview.fileName} (made ${found.preview.createdAt}); restored where the practice was not open`,
      });
      wipe(found.dataKey, found.legacyAuditKey);
      return found.preview;
    },

    discard,
  };
}
