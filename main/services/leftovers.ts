import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { shred } from '../platform/shred.js';
import type { SettingsStore } from '../platform/settings.js';
import type { Vault } from './vault.js';

/** Where snapshots, restore staging and uploaded backups live while they are worked on. */
export const TEMP_FOLDER = 'tmp';

/** Temporary files whose content is plain (a backup from before encryption being restored). */
export const PLAIN_TEMP_PREFIX = 'plain-';

/**
 * At start-up, removes what a crash can leave behind: everything in tmp/ (snapshots and restore
 * staging, encrypted; plain staging of an old backup, overwritten first), half-written key
 * files, a half-made conversion, and half-written backups (`.*.partial`) in the backup folder.
 * Nothing here is a finished file: those are renamed into place only when whole.
 */
export async function removeLeftovers(
  dataFolder: string,
  vault: Vault,
  settings: SettingsStore,
  log: (message: string, err?: unknown) => void,
): Promise<string[]> {
  const removed: string[] = [];
  const tryRemove = async (path: string, plain = false) => {
    try {
      if (plain) await shred(path);
      else await rm(path, { force: true, recursive: true });
      removed.push(path);
    } catch (err) {
      log(`Could not remove the leftover ${path}`, err);
    }
  };
  const list = (dir: string) => readdir(dir).catch(() => [] as string[]);

  const temp = join(dataFolder, TEMP_FOLDER);
  for (const name of await list(temp))
    await tryRemove(join(temp, name), name.startsWith(PLAIN_TEMP_PREFIX));
  for (const name of await list(dataFolder)) {
    if (
      name.endsWith('.partial') ||
      name.startsWith(`${vault.paths.database.split(/[\\/]/).pop()}.converting`)
    )
      await tryRemove(join(dataFolder, name), name.includes('.converting'));
  }
  const backups = settings.get().backupFolder ?? join(dataFolder, 'backups');
  for (const name of await list(backups)) {
    if (name.startsWith('.') && name.endsWith('.partial')) await tryRemove(join(backups, name));
  }
  return removed;
}
