import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Locator } from '@playwright/test';
import type { ApiInput, ApiName, ApiResult } from '../../main/api/contract.js';
import type { Core } from '../../main/core.js';
import type { SecretStore } from '../../main/platform/secret-store.js';
import { startHarness } from '../harness/server.js';

/** The day every e2e test lives in: a Friday, so the week has past, present and future days. */
export const NOW = new Date('2026-11-20T10:00:00');
export const TODAY = '2026-11-20';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

/** Browser tests exercise screens, not the keychain: a per-test in-memory secret store. */
function memorySecrets(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => secrets.delete(account),
  };
}

/**
 * Where the core has accounts, runs the first-run set-up through the API (as the set-up
 * screen would), which leaves the owner signed in on this workstation session.
 */
async function signInAsOwner(core: Core): Promise<void> {
  const status = await core.invoke('auth.status', {});
  if (!status.ok) return; // A core without accounts: every call runs as the owner.
  const prepared = await core.invoke('setup.prepare', {});
  if (!prepared.ok) throw new Error(`setup.prepare failed: ${JSON.stringify(prepared.error)}`);
  const { recoveryCode } = prepared.value as { recoveryCode: string };
  const done = await core.invoke('setup.complete', {
    practiceName: 'My practice',
    ownerName: 'Olivia Owner',
    username: 'owner',
    password: 'owner password 1',
    recoveryCodeCheck: recoveryCode.slice(-11),
  });
  if (!done.ok) throw new Error(`setup.complete failed: ${JSON.stringify(done.error)}`);
}

export interface App {
  url: string;
  core: Core;
  dataFolder: string;
  /** Calls the API directly (to seed or to check what was written). */
  call<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiResult<K>>;
  /** Number of rows in a table, read straight from the SQLite file. */
  count(table: string): Promise<number>;
  /** Opens a screen by its hash route and waits for its title. */
  open(hash: string, title: string): Promise<void>;
}

/**
 * Each test gets its own data folder and harness (real core, real SQLite) with a fixed clock,
 * and a page whose clock shows the same moment.
 */
export const test = base.extend<{ app: App }>({
  app: async ({ page }, use) => {
    const dataFolder = await mkdtemp(join(tmpdir(), 'hourkeep-e2e-data-'));
    // Not an object literal, so it also type-checks against a harness without `secrets`.
    const options = {
      dataFolder,
      rendererDir,
      clock: { now: () => NOW },
      secrets: memorySecrets(),
    };
    const harness = await startHarness(options);
    await signInAsOwner(harness.core);
    const app: App = {
      url: harness.url,
      core: harness.core,
      dataFolder,
      async call(name, input) {
        const res = await harness.core.invoke(name, input);
        if (!res.ok) throw new Error(`${name} failed: ${JSON.stringify(res.error)}`);
        return res.value as never;
      },
      async count(table) {
        const row = (await harness.core.db(table).count({ n: '*' }).first()) as { n: number };
        return Number(row.n);
      },
      async open(hash, title) {
        await page.goto(`${harness.url}${hash}`);
        await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      },
    };
    await page.clock.setFixedTime(NOW);
    try {
      await use(app);
    } finally {
      await harness.close();
      await rm(dataFolder, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Picks an option in a select (Mantine's combobox) inside `scope`, by the field's label. */
export async function choose(scope: Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await scope.page().getByRole('option', { name: option, exact: true }).click();
}
