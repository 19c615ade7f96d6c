import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { AppError, validationError } from '../../../shared/errors.js';

/**
 * The operating system's own trees: not files on a disk. Node's recursive mkdir under /proc
 * never returns and holds a thread of the pool that all file work shares, so the app would hang
 * (issue 15); nothing under them is a place for backups.
 */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'] as const;

/** How long making and probing the folder may take (a stuck network share, a sleeping disk). */
export const FOLDER_TIMEOUT_MS = 10_000;

const refuse = (message: string) => validationError({ backupFolder: message });

function systemRoot(path: string): string | null {
  if (process.platform === 'win32') return null;
  return SYSTEM_ROOTS.find((r) => path === r || path.startsWith(`${r}/`)) ?? null;
}

const systemMessage = (root: string) =>
  `${root} is not a place for files: it belongs to the operating system. Choose another backup folder`;

/** Why `dir` cannot be a backup folder, from the path alone (no disk access); null if it may. */
export function backupFolderPathProblem(dir: string): string | null {
  if (!isAbsolute(dir)) {
    return 'Enter the full path of a folder (such as /home/you/Backups, or D:\\Backups on Windows); a relative path would land wherever the app happens to run';
  }
  const root = systemRoot(resolve(dir));
  return root ? systemMessage(root) : null;
}

/** `dir` with the symbolic links of its longest existing part resolved. */
async function throughLinks(dir: string): Promise<string> {
  const rest: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      return join(await realpath(at), ...rest);
    } catch {
      const parent = dirname(at);
      if (parent === at) return resolve(dir);
      rest.unshift(basename(at));
      at = parent;
    }
  }
}

/** Runs `work` with a time limit; the work may go on in the background but is not waited for. */
async function withTimeLimit<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

export interface FolderProbeOptions {
  timeoutMs?: number;
  /** Replaced in tests by a mkdir that never returns. */
  mkdir?: (dir: string, options: { recursive: true }) => Promise<unknown>;
}

const slow = (dir: string, ms: number) =>
  refuse(
    `Backups cannot be written to ${dir}: the folder did not answer within ${ms / 1000} s; choose another backup folder`,
  );

/**
 * Checks a folder's path without writing: absolute, not a system tree, also once symbolic
 * links are followed. Used when the folder is set through the settings.
 */
export async function checkBackupFolderPath(
  dir: string,
  timeoutMs = FOLDER_TIMEOUT_MS,
): Promise<void> {
  const problem = backupFolderPathProblem(dir);
  if (problem) throw refuse(problem);
  const real = await withTimeLimit(throughLinks(dir), timeoutMs, () => slow(dir, timeoutMs));
  const root = systemRoot(real);
  if (root) throw refuse(systemMessage(root));
}

/**
 * The folder exists (or is made) and a file can be created in it, within a time limit. The
 * path is checked first, before anything touches the disk.
 */
export async function probeBackupFolder(
  dir: string,
  options: FolderProbeOptions = {},
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? FOLDER_TIMEOUT_MS;
  const make = options.mkdir ?? mkdir;
  const work = async () => {
    await checkBackupFolderPath(dir, timeoutMs);
    try {
      await make(dir, { recursive: true });
      await access(dir, constants.W_OK);
      const probe = join(dir, `.hourkeep-write-test-${randomBytes(4).toString('hex')}`);
      await writeFile(probe, '');
      await rm(probe, { force: true });
      return dir;
    } catch (err) {
      if (err instanceof AppError) throw err;
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw refuse(`Backups cannot be written to ${dir} (${code}); choose another backup folder`);
    }
  };
  return withTimeLimit(work(), timeoutMs, () => slow(dir, timeoutMs));
}
