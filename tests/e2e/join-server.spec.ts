import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { Core } from '../../main/core.js';
import { createKeytarSecretStore } from '../../main/platform/keytar-secret-store.js';
import { startHarness } from '../harness/server.js';
import { newEmptyServerDatabase } from '../support/pg-test-server.js';
import { TEST_PASSWORD_KDF, fakeClock } from '../support/temp-core.js';
import { expectAccessible } from './a11y.js';
import { NOW, OWNER, expect, signInThroughUi, test } from './fixtures.js';
import { shot } from './shots.js';

/**
 * First run on a further workstation of a practice kept on its PostgreSQL server (issue 21):
 * "Join a practice on a server" takes the server's details and the recovery code; main's
 * reasons land on the fields they concern. With a server at hand (HOURKEEP_PG_*), a second
 * workstation joins a practice moved there and its owner signs in.
 */

const form = (page: Page) => page.getByRole('form', { name: 'Join a practice on a server' });

interface ServerDetails {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  caFile: string;
}

async function fill(page: Page, values: ServerDetails & { recoveryCode: string }) {
  const f = form(page);
  await f.getByRole('textbox', { name: 'Host', exact: true }).fill(values.host);
  await f.getByRole('textbox', { name: 'Port', exact: true }).fill(String(values.port));
  await f.getByRole('textbox', { name: 'Database', exact: true }).fill(values.database);
  await f.getByRole('textbox', { name: 'User', exact: true }).fill(values.user);
  await f.getByLabel('Password', { exact: true }).fill(values.password);
  await f.getByRole('textbox', { name: /^Practice CA certificate/ }).fill(values.caFile);
  await f.getByRole('textbox', { name: 'Recovery code' }).fill(values.recoveryCode);
}

async function openJoin(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Hourkeep' })).toBeVisible();
  await page.getByRole('button', { name: 'Join a practice on a server' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Join a practice on a server' }),
  ).toBeVisible();
}

/** The phase main reports on a workstation other than the fixture's. */
async function phaseOf(core: Core): Promise<string | null> {
  const res = await core.invoke('auth.status', {});
  return res.ok ? (res.value as { phase: string }).phase : null;
}

test.describe('on a fresh data folder', () => {
  test.use({ setUp: false });

  test('first run offers to join a practice on a server; main names the field to fix', async ({
    app,
    page,
  }, testInfo) => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(app.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Set up Hourkeep' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Join a practice on a server' })).toBeVisible();
    await expectAccessible(page, 'the first-run wizard with the join choice');
    await page.screenshot({ ...shot('join-choice-1024x700'), fullPage: true });

    await page.getByRole('button', { name: 'Join a practice on a server' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Join a practice on a server' }),
    ).toBeVisible();
    await expect(page.getByText('each person then signs in here with their own')).toBeVisible();
    await expect(form(page).getByRole('textbox', { name: 'Port', exact: true })).toHaveValue(
      '5432',
    );
    await expectAccessible(page, 'the join form');
    await page.screenshot({ ...shot('join-form-1024x700'), fullPage: true });

    // Nothing typed: main's own rules, on the fields (its `server.host` is the Host field).
    const host = form(page).getByRole('textbox', { name: 'Host', exact: true });
    const code = form(page).getByRole('textbox', { name: 'Recovery code' });
    await page.getByRole('button', { name: 'Join practice' }).click();
    await expect(host).toHaveAttribute('aria-invalid', 'true');
    await expect(host).toBeFocused();
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    await expect(form(page).getByRole('alert')).toHaveCount(0);

    // Nothing listens on port 1: main says so on the Host field, and the field has the focus.
    const ca = testInfo.outputPath('practice-ca.crt');
    await writeFile(ca, '-----BEGIN CERTIFICATE-----\nnot one\n-----END CERTIFICATE-----\n');
    await fill(page, {
      host: '127.0.0.1',
      port: 1,
      database: 'hourkeep',
      user: 'hourkeep',
      password: 'not the password',
      caFile: ca,
      recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF',
    });
    await code.press('Enter');
    await expect(host).toHaveAccessibleDescription(/Nothing answers at this host and port/);
    await expect(host).toHaveAttribute('aria-invalid', 'true');
    await expect(host).toBeFocused();
    await expect(code).not.toHaveAttribute('aria-invalid', 'true');
    expect((await app.call('auth.status', {})).phase).toBe('setup');
    await expectAccessible(page, 'the join form, a refused connection');
    await page.screenshot({ ...shot('join-host-error-1024x700'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ ...shot('join-host-error-1440x900'), fullPage: true });

    // Back to the wizard.
    await page.getByRole('button', { name: 'Set up a new practice instead' }).click();
    await expect(page.getByLabel('Practice name')).toBeVisible();
    await page.screenshot({ ...shot('join-choice-1440x900'), fullPage: true });
  });
});

/** The practice's server, when the environment has one. */
const server = process.env.HOURKEEP_PG_HOST ? process.env : null;
/** The join test's server database and role: dropped once its harnesses have closed. */
const drops: (() => Promise<void>)[] = [];

test.afterAll(async () => {
  for (const drop of drops.splice(0)) await drop();
});

test('a second workstation joins the practice on its server and the owner signs in there', async ({
  app,
  page,
}) => {
  test.skip(!server, 'No PostgreSQL server: HOURKEEP_PG_HOST and the rest are not set');
  test.slow();

  // The first workstation (the fixture's, set up as "My practice") moves its practice into an
  // empty database owned by an ordinary role, as its owner would on Admin → Database.
  const empty = await newEmptyServerDatabase();
  drops.push(empty.drop);
  const { location: at, password } = empty;
  const name = at.database;
  const details: ServerDetails = {
    host: at.host,
    port: at.port,
    database: name,
    user: name,
    password,
    caFile: at.caFile ?? '',
  };
  await app.call('database.move', { ...details, caFile: details.caFile || null });
  expect(await app.call('database.place', {})).toMatchObject({ kind: 'postgres', database: name });
  const recoveryCode = app.recoveryCode ?? '';

  // The second workstation: its own data folder, the same keychain service as the fixture's.
  const folder = await mkdtemp(join(tmpdir(), 'hourkeep-e2e-join-'));
  const second = await startHarness({
    dataFolder: folder,
    rendererDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
    clock: fakeClock(NOW.toISOString()),
    secrets: createKeytarSecretStore('Hourkeep (e2e)'),
    tickMs: 100,
    passwordKdf: TEST_PASSWORD_KDF,
  });
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openJoin(page, second.url);

    // A code that is not the practice's: said on the Recovery code field.
    await fill(page, { ...details, recoveryCode: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF' });
    await page.getByRole('button', { name: 'Join practice' }).click();
    const code = form(page).getByRole('textbox', { name: 'Recovery code' });
    await expect(code).toHaveAccessibleDescription(
      /This recovery code does not open this practice/,
    );
    await expect(code).toBeFocused();
    expect(await phaseOf(second.core)).toBe('setup');
    await expectAccessible(page, 'the join form, a wrong recovery code');
    await page.screenshot({ ...shot('join-wrong-code-1440x900'), fullPage: true });

    // The right one: the sign-in screen, and the owner's own password opens the practice.
    await code.fill(recoveryCode);
    await page.getByRole('button', { name: 'Join practice' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible({
      timeout: 30_000,
    });
    expect(await phaseOf(second.core)).toBe('signed-out');
    await expectAccessible(page, 'sign-in after joining');
    await page.screenshot({ ...shot('join-signed-out-1440x900'), fullPage: true });
    await signInThroughUi(page, OWNER.username, OWNER.password);
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await expect(page.getByTestId('practice-name')).toHaveText('My practice');
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot(shot('join-dashboard-1024x700'));
  } finally {
    await second.close();
    await rm(folder, { recursive: true, force: true });
  }
});
