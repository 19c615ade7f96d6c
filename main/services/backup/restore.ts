import { AppError } from '../../../shared/errors.js';
import { fsyncPath } from '../../platform/backup-file.js';
import type { Accounts } from '../accounts.js';
import type { BackupItem, RestoreOutcome } from '../../../shared/domain/backups.js';
import type { BackupService, PendingRestore } from './backups.js';

/** Swaps the database file and reopens on it; only the core can (main/core.ts). */
export type RestoreDatabase = (
  pending: PendingRestore,
  safetyBackup: BackupItem | null,
) => Promise<RestoreOutcome>;

/**
 * The owner confirms a previewed restore with their password (a wrong one counts toward
 * lockout); a safety copy of the current database (the file as it is, encrypted) is taken first, then
 * the core swaps.
 */
export function makeRestoreService(
  accounts: Pick<Accounts, 'withPasswordConfirmation'>,
  backups: BackupService,
  restoreDatabase: RestoreDatabase | undefined,
) {
  return {
    async commit(token: string, password: string): Promise<RestoreOutcome> {
      if (!restoreDatabase) throw new AppError('conflict', 'Restoring is not available here.');
      await accounts.withPasswordConfirmation(
        (_trx, confirm) => confirm(password),
        'restore_failed',
      );
      const pending = backups.takePending(token);
      // The staged file reaches the disk while the safety copy is made: the swap flushes it
      // again before its rename and then finds nothing left to write (at 1M entries that
      // flush was 0.7 s of a 4.7 s commit, waiting on nothing else).
      const flushed = fsyncPath(pending.databaseFile).catch(() => undefined);
      const safetyBackup = await backups.createSafetyCopy().finally(() => flushed);
      return restoreDatabase(pending, safetyBackup);
    },
  };
}
