import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../main/core.js';
import type { Clock } from '../../main/domain/clock.js';

/** A clock the test moves by hand. */
export function fakeClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (v) => (now = new Date(v)) };
}

export function tempFolder(prefix = 'hourkeep-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A real core on a real SQLite file in a fresh temp folder. */
export async function openTempCore(
  clock?: Clock,
): Promise<Core & { folder: string; dispose(): Promise<void> }> {
  const folder = tempFolder();
  const core = await openCore({
    dataFolder: folder.path,
    version: '0.0.0-test',
    ...(clock ? { clock } : {}),
  });
  return {
    ...core,
    folder: folder.path,
    dispose: async () => {
      await core.close();
      folder.remove();
    },
  };
}
