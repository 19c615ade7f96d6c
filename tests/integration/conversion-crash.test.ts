import { cpSync, existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChildScript, runChildKilled } from '../support/crash-child.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core.js';
import { openDatabaseChecked } from '../../main/db/connection.js';
import { DATABASE_FILE, LEGACY_DATABASE_FILE } from '../../main/services/vault.js';
import { builtWorkersFolder } from '../support/build-workers.js';
import { call } from '../support/seed.js';
import { createKeytarSecretStore } from '../../main/platform/keytar-secret-store.js';
import { TEST_PASSWORD_KDF, tempFolder } from '../support/temp-core.js';

/**
 * A real SIGKILL at varied moments while a child process converts an installation from before
 * encryption: the next start opens the old database (and converts it again) or the new one, and
 * once converted the data is whole and the old password signs in.
 */
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const legacy = JSON.parse(readFileSync(join(fixtures, 'legacy-install.json'), 'utf8')) as {
  keychain: { account: string; secret: string };
  users: Record<string, string>;
};
/**
 * A keychain service of its own: conversion.test.ts converts copies of the same fixture (the same
 * legacy account and practice binding), possibly at the same time in another worker.
 */
const SERVICE = 'Hourkeep (conversion crash test)';
const TABLES = ['hour_entries', 'workers', 'users', 'sites'] as const;

async function tableCounts(db: Core['db']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await db(t).count({ n: '*' }).first())?.n);
  return out;
}

describe('conversion killed with SIGKILL', () => {
  let scratch: ReturnType<typeof tempFolder>;
  let childScript: string;
  let plainCounts: Record<string, number>;
  const secrets = createKeytarSecretStore(SERVICE);

  beforeAll(async () => {
    scratch = tempFolder('hourkeep-conversion-crash-');
    // Inside the checkout so the child's bare imports resolve to node_modules.
    childScript = await buildChildScript(
      'conversion-child',
      `
          import { openCore } from './main/core.ts';
          import { createKeytarSecretStore } from './main/platform/keytar-secret-store.ts';
          const [folder, workersFolder, kdf, service] = process.argv.slice(2);
          const core = await openCore({
            dataFolder: folder,
            version: '0.0.0-test',
            secrets: createKeytarSecretStore(service),
            passwordKdf: JSON.parse(kdf),
            workersFolder,
          });
          process.stdout.write('O');
          await core.idle();
          process.stdout.write('C');
          await core.close();
          process.exit(0);`,
    );
    // The fixture's own counts, read from a copy of its plain file.
    const copy = join(scratch.path, 'plain-copy.sqlite');
    cpSync(join(fixtures, 'legacy-install', LEGACY_DATABASE_FILE), copy);
    const plain = await openDatabaseChecked(copy, { key: null, readOnly: true });
    try {
      plainCounts = await tableCounts(plain);
    } finally {
      await plain.destroy();
    }
    expect(plainCounts.hour_entries).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await secrets.delete(legacy.keychain.account).catch(() => false);
    scratch?.remove();
    await rm(childScript, { force: true });
  });

  /** Runs the child; kills it `killAfterMs` after it has opened the core (null: never). */
  const runChild = (folder: string, killAfterMs: number | null) =>
    runChildKilled(
      childScript,
      [folder, builtWorkersFolder(), JSON.stringify(TEST_PASSWORD_KDF), SERVICE],
      { killAfterMs, marker: 'O', exitOk: true },
    );

  it('the next start opens the old or the new database, and the converted data is whole', async () => {
    const outcomes: string[] = [];
    let killedMidway = 0;
    // Kill 0–250 ms after the child opened the core (the conversion then runs), and once not.
    for (const delay of [0, 10, 30, 60, 100, 150, 250, null]) {
      const folder = join(scratch.path, `run-${outcomes.length}`);
      cpSync(join(fixtures, 'legacy-install'), folder, { recursive: true });
      await secrets.set(legacy.keychain.account, legacy.keychain.secret);
      const out = await runChild(folder, delay);
      if (!out.includes('C')) killedMidway++;

      const core = await openCore({
        dataFolder: folder,
        version: '0.0.0-test',
        secrets,
        passwordKdf: TEST_PASSWORD_KDF,
        workersFolder: builtWorkersFolder(),
      });
      try {
        // Either the plain database still waits (and converts again now) or the new one opens.
        const first = (await call(core, 'auth.status', {})).phase;
        expect(['converting', 'signed-out']).toContain(first);
        outcomes.push(first === 'converting' ? 'old' : 'new');
        await core.idle();
        const after = await call(core, 'auth.status', {});
        expect(after.phase, JSON.stringify(after)).toBe('signed-out');
        await call(core, 'auth.signIn', { username: 'owner', password: legacy.users.owner ?? '' });
        expect(await tableCounts(core.db)).toEqual(plainCounts);
        const [check] = (await core.db.raw('PRAGMA integrity_check')) as {
          integrity_check: string;
        }[];
        expect(check?.integrity_check).toBe('ok');
      } finally {
        await core.close();
      }
      // Converted for good: the plain file is gone, the new one encrypted, the old key removed.
      expect(existsSync(join(folder, LEGACY_DATABASE_FILE))).toBe(false);
      expect(existsSync(join(folder, `${DATABASE_FILE}.converting`))).toBe(false);
      await expect(
        openDatabaseChecked(join(folder, DATABASE_FILE), { key: null, readOnly: true }),
      ).rejects.toThrow();
      expect(await secrets.get(legacy.keychain.account)).toBeNull();
    }
    const summary = `outcomes ${outcomes.join(',')}`;
    // The kills did land before the conversion finished, and the run not killed finished it.
    expect(killedMidway, summary).toBeGreaterThan(0);
    expect(outcomes, summary).toContain('old');
    expect(outcomes.at(-1), summary).toBe('new');
  }, 120_000);
});
