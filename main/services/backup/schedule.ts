import type { Clock } from '../../../shared/domain/clock.js';
import type { BackupItem } from '../../../shared/domain/backups.js';
import type { BackupService } from './backups.js';

/** One backup a day: at start-up when the newest is older than this, and on a timer. */
export const BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** How often the timer asks whether a backup is due (a sleeping laptop skips ticks). */
export const SCHEDULE_CHECK_MS = 60 * 60 * 1000;

/**
 * When to back up without being asked. Backups need the data key, so while the practice is not
 * set up or the key is not unlocked the schedule waits (the next tick tries again); every other
 * failure is reported, never thrown into a timer.
 */
export function makeBackupSchedule(
  backups: () => Pick<BackupService, 'list' | 'create'>,
  canBackUp: () => Promise<boolean>,
  clock: Clock,
  log: (message: string, err?: unknown) => void,
) {
  async function newestAge(): Promise<number | null> {
    const { items } = await backups().list();
    const newest = items.find((i) => i.createdAt !== null && i.problem === null);
    return newest?.createdAt ? clock.now().getTime() - Date.parse(newest.createdAt) : null;
  }

  async function runIfDue(tier: 'startup' | 'daily'): Promise<BackupItem | null> {
    try {
      if (!(await canBackUp())) return null;
      const age = await newestAge();
      if (age !== null && age < BACKUP_INTERVAL_MS) return null;
      return await backups().create(tier);
    } catch (err) {
      log(`The ${tier} backup failed`, err);
      return null;
    }
  }

  return {
    atStartup: () => runIfDue('startup'),
    onTimer: () => runIfDue('daily'),
    async onQuit(): Promise<BackupItem | null> {
      try {
        return (await canBackUp()) ? await backups().create('quit') : null;
      } catch (err) {
        log('The backup on quit failed', err);
        return null;
      }
    },
  };
}

export type BackupSchedule = ReturnType<typeof makeBackupSchedule>;
