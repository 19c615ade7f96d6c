import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { HourkeepBridge } from '../../shared/api/bridge.js';
import type { ApiInput, ApiName, ApiResult } from '../../shared/api/contract.js';
import type { Core } from '../../main/core.js';
import { createKeytarSecretStore } from '../../main/platform/keytar-secret-store.js';
import { startHarness } from '../harness/server.js';
import { filesHolding } from '../support/canaries.js';
import { createAccount } from '../support/seed.js';
import { OWNER, TEST_PASSWORD_KDF, completeSetup, fakeClock } from '../support/temp-core.js';

/** The day every e2e test lives in: a Friday, so the week has past, present and future days. */
export const NOW = new Date('2026-11-20T10:00:00');
export const TODAY = '2026-11-20';

/**
 * For a step that derives a key from a password (an account made, a password set): scrypt at
 * N=2^17 plus a keychain call, and a supervisor's new signing key sealed too. On the 2-core CI
 * machine with both workers busy that took over the default 10 s once, so these steps wait longer.
 */
export const KEY_WORK = { timeout: 30_000 };
export { OWNER };

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

/**
 * The real OS keychain, as the app uses it, under its own service name. It needs a D-Bus
 * session with a Secret Service (tests/run-all.mjs starts one with gnome-keyring); without
 * one the suite stops here with instructions rather than testing something else.
 */
function keychain() {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      'The e2e suite uses the real keychain and needs a D-Bus session with gnome-keyring. Run it ' +
        'through `npm test`, or: HOME=$(mktemp -d) XDG_RUNTIME_DIR=$(mktemp -d) dbus-run-session -- ' +
        "sh -c 'printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && " +
        'exec "$@"\' sh npx playwright test --config tests/e2e/playwright.config.ts',
    );
  }
  return createKeytarSecretStore('Hourkeep (e2e)');
}

export interface App {
  url: string;
  core: Core;
  dataFolder: string;
  /** The recovery code the fixture's set-up made (null when the test starts un-set-up). */
  recoveryCode: string | null;
  /** Calls the API directly, as the workstation's current session (to seed or to check). */
  call<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiResult<K>>;
  /** Number of rows in a table, read straight from the SQLite file. */
  count(table: string): Promise<number>;
  /** Opens a screen by its hash route and waits for its title. */
  open(hash: string, title: string): Promise<void>;
  /** Moves the core's clock and the page's clock forward together. */
  advance(ms: number): Promise<void>;
  /** Signs the workstation's session in as someone else, through the API. */
  signInAs(username: string, password: string): Promise<void>;
  /**
   * A worker's or supervisor's account (the role follows the record it is linked to), as the
   * owner would create it; the password is `<username> password 1` unless given.
   */
  addAccount(
    username: string,
    displayName: string,
    link: { workerId: number } | { supervisorId: number },
    password?: string,
  ): Promise<ApiResult<'users.create'>>;
}

/**
 * Each test gets its own data folder and harness (real core, real SQLite, real keychain) on a
 * fake clock, and a page whose clock shows the same moment. By default the practice is set
 * up through the API and the owner is signed in; `test.use({ setUp: false })` starts on the
 * first-run wizard instead.
 */
export const test = base.extend<{ app: App; setUp: boolean }>({
  setUp: [true, { option: true }],
  app: async ({ page, setUp }, use) => {
    const dataFolder = await mkdtemp(join(tmpdir(), 'hourkeep-e2e-data-'));
    const clock = fakeClock(NOW.toISOString());
    const harness = await startHarness({
      dataFolder,
      rendererDir,
      clock,
      secrets: keychain(),
      tickMs: 100,
      passwordKdf: TEST_PASSWORD_KDF,
    });
    const recoveryCode = setUp ? await completeSetup(harness.core, 'My practice') : null;
    const call: App['call'] = async (name, input) => {
      const res = await harness.core.invoke(name, input);
      if (!res.ok) throw new Error(`${name} failed: ${JSON.stringify(res.error)}`);
      return res.value as never;
    };
    const app: App = {
      url: harness.url,
      core: harness.core,
      dataFolder,
      recoveryCode,
      call,
      async count(table) {
        const row = (await harness.core.db(table).count({ n: '*' }).first()) as { n: number };
        return Number(row.n);
      },
      async open(hash, title) {
        const target = `${harness.url}${hash}`;
        // A change of fragment does not load the page, so it would keep what it last read of
        // the session: after signInAs it may have seen the new user before the notice was
        // acknowledged, and stay on the notice screen. Load it afresh every time instead.
        if (page.url() !== target) await page.goto(target);
        await page.reload();
        await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      },
      async advance(ms) {
        clock.advance(ms);
        await page.clock.setFixedTime(clock.now());
      },
      async signInAs(username, password) {
        await call('auth.signOut', {});
        await call('auth.signIn', { username, password });
        // As the user would on the notice screen, so the page opens straight on the app.
        const notice = await call('privacy.notice.status', {});
        if (notice.mustAcknowledge && notice.current)
          await call('privacy.notice.acknowledge', { noticeId: notice.current.id });
      },
      addAccount(username, displayName, link, password) {
        const role = 'workerId' in link ? 'worker' : 'supervisor';
        return createAccount(harness.core, username, role, link, {
          displayName,
          ...(password ? { password } : {}),
        });
      },
    };
    await page.clock.setFixedTime(NOW);
    try {
      await use(app);
      await harness.close();
      // Whatever the test did, nothing personal is in clear anywhere in the data folder: the
      // database, its log, the key file, the settings, tmp/ and the backups.
      const leaks = await filesHolding(dataFolder);
      expect(leaks, 'personal data in clear in the data folder').toEqual([]);
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

/**
 * Signs in through the sign-in screen. When main lets the user in and the privacy notice asks
 * for an acknowledgement (a user who has not seen the current version), it is acknowledged, as
 * a person would; `acknowledgeNotice: false` leaves the notice on screen for the test.
 */
export async function signInThroughUi(
  page: Page,
  username: string,
  password: string,
  options: { acknowledgeNotice?: boolean } = {},
) {
  await page.getByLabel('Username').fill(username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  const answer = page.waitForResponse(
    (r) =>
      r.url().endsWith('/__api') &&
      (r.request().postDataJSON() as { name?: string } | null)?.name === 'auth.signIn',
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  const envelope = (await (await answer).json()) as { ok: boolean; value?: { phase?: string } };
  if (!envelope.ok || envelope.value?.phase !== 'active' || options.acknowledgeNotice === false)
    return;
  const acknowledge = page.getByRole('button', { name: 'I have read this notice' });
  await expect(acknowledge.or(page.getByRole('button', { name: /^Account: / }))).toBeVisible();
  if (await acknowledge.isVisible()) await acknowledge.click();
}

/** Calls the API the way the page does, through its bridge (`window.hourkeep.invoke`). */
export function invokeInPage(page: Page, name: string, input: unknown) {
  return page.evaluate(
    ([n, i]) =>
      (globalThis as unknown as { hourkeep: HourkeepBridge }).hourkeep.invoke(n as string, i),
    [name, input] as const,
  );
}
