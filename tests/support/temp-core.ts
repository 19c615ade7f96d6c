import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../../main/core.js';
import type { Clock } from '../../shared/domain/clock.js';
import { createKeytarSecretStore } from '../../main/platform/keytar-secret-store.js';
import { builtWorkersFolder } from './build-workers.js';
import { onPostgres, placeOnTestServer } from './pg-test-server.js';

/** A clock the test moves by hand. */
export function fakeClock(
  iso: string,
): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (v) => (now = new Date(v)),
    advance: (ms) => (now = new Date(now.getTime() + ms)),
  };
}

export function tempFolder(prefix = 'hourkeep-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Tests use the real OS keychain, under their own service name. */
export const testSecretStore = () => createKeytarSecretStore('Hourkeep (test)');

/**
 * Password slots in most tests use scrypt at N=2^12 instead of the app's 2^17 (about 1 s each on
 * two cores): the same code path with cheaper parameters, which every slot records. The key-slot
 * tests (tests/integration/key-custody.test.ts) run the app's own parameters.
 */
export const TEST_PASSWORD_KDF = { N: 2 ** 12, r: 8, p: 1 };

export const OWNER = { username: 'owner', password: 'owner password 1', ownerName: 'Olivia Owner' };

/** Runs the first-run wizard through the API, as the renderer does; leaves the owner signed in. */
export async function completeSetup(
  core: Core,
  practiceName = 'Lakeside Family Therapy',
): Promise<string> {
  const prepared = await core.invoke('setup.prepare', {});
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.error));
  const { recoveryCode } = prepared.value as { recoveryCode: string };
  const done = await core.invoke('setup.complete', {
    practiceName,
    ownerName: OWNER.ownerName,
    username: OWNER.username,
    password: OWNER.password,
    recoveryCodeCheck: recoveryCode.slice(-11),
  });
  if (!done.ok) throw new Error(JSON.stringify(done.error));
  return recoveryCode;
}

export type TempCore = Core & {
  folder: string;
  recoveryCode: string | null;
  dispose(): Promise<void>;
};

/**
 * A real core on the data folder `dataFolder` as the tests open one: the test keychain, cheap
 * password slots, the built workers, and its log on stderr when HK_DEBUG is set.
 */
export async function openTestCore(
  dataFolder: string,
  clock?: Clock,
  options: { onFile?: true } = {},
): Promise<Core> {
  if (onPostgres() && !options.onFile) await placeOnTestServer(dataFolder, testSecretStore());
  return openCore({
    dataFolder,
    version: '0.0.0-test',
    secrets: testSecretStore(),
    log: (m: string, e?: unknown) => {
      if (process.env.HK_DEBUG) console.error(m, e);
    },
    passwordKdf: TEST_PASSWORD_KDF,
    workersFolder: builtWorkersFolder(),
    ...(clock ? { clock } : {}),
  });
}

/**
 * A real core in a fresh temp folder (its practice in a real SQLCipher file, or on the test
 * PostgreSQL server under HOURKEEP_TEST_DB=postgres), set up and signed in as the owner.
 */
export async function openTempCore(
  clock?: Clock,
  /**
   * onFile: the practice in an SQLCipher file even in the PostgreSQL pass (a move's source);
   * onServer: on the test server even in the file pass (the server's own tests).
   */
  options: { setUp?: boolean; onFile?: true; onServer?: true } = {},
): Promise<TempCore> {
  const folder = tempFolder();
  if (options.onServer) await placeOnTestServer(folder.path, testSecretStore());
  const core = await openTestCore(folder.path, clock, options.onFile ? { onFile: true } : {});
  const recoveryCode = options.setUp === false ? null : await completeSetup(core);
  // Inherit rather than spread: core.db and core.services are getters that change on restore.
  const temp = Object.create(core) as TempCore;
  return Object.assign(temp, {
    folder: folder.path,
    recoveryCode,
    dispose: async () => {
      await core.close();
      folder.remove();
    },
  });
}
