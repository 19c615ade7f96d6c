import { readFile } from 'node:fs/promises';
import { startHarness } from '../harness/server.js';
import type { SecretStore } from '../../main/platform/secret-store.js';
import { OWNER, expect, signInThroughUi, test } from './fixtures.js';
import { shot } from './shots.js';

test.describe('on a fresh data folder', () => {
  test.use({ setUp: false });

  test('the first-run wizard sets up the practice and the owner, checking the recovery code', async ({
    app,
    page,
  }) => {
    await page.goto(app.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Set up Hourkeep' })).toBeVisible();

    // Step 1: the practice. An empty name goes no further than Next (main's own rule).
    await page.getByLabel('Practice name').press('Enter');
    await expect(page.getByText('Required', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Your name')).toBeHidden();
    await page.getByLabel('Practice name').fill('Lakeside Family Therapy');
    await page.getByLabel('Practice name').press('Enter');

    // Step 2: the owner. The confirmation is checked here; main never sees it. The password
    // policy is main's, checked as the owner goes (issue 19), not only at Finish.
    await page.getByLabel('Your name').fill('Olivia Martinez');
    await page.getByLabel('Username').fill('Olivia');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('too short');
    await page.getByLabel('Confirm password').fill('something else');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('The passwords do not match')).toBeVisible();
    await expect(page.getByText('Use at least 10 characters')).toBeVisible();
    await page.getByLabel('Confirm password').fill('too short');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Use at least 10 characters')).toBeVisible();
    await expect(page.getByTestId('recovery-code')).toHaveCount(0);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('lakeside owner 2026');
    await page.getByLabel('Confirm password').fill('lakeside owner 2026');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: the recovery code, shown once.
    const code = (await page.getByTestId('recovery-code').textContent()) ?? '';
    expect(code).toMatch(/^([0-9A-Z]{5}-){5}[0-9A-Z]{5}$/);
    // Kept three ways besides writing it down: the clipboard, a file, a printed sheet.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy' }).click();
    await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    const saving = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save to a file' }).click();
    const saved = await saving;
    expect(saved.suggestedFilename()).toBe('hourkeep-recovery-code.txt');
    const sheet = await readFile(await saved.path(), 'utf8');
    expect(sheet).toContain(code);
    expect(sheet).toContain('Practice: Lakeside Family Therapy');
    await expect(page.getByRole('button', { name: 'Print' })).toBeEnabled();
    const finish = page.getByRole('button', { name: 'Finish set-up' });
    await expect(finish).toBeDisabled();
    await page.getByLabel('I have written it down').check();
    await page.getByLabel('Type the last two groups').fill('AAAAA-BBBBB');

    // Back to the owner step and on again: the same code; the wrong check is refused next to
    // its field.
    await page.getByRole('button', { name: 'Back' }).click();
    await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByTestId('recovery-code')).toHaveText(code);
    await finish.click();
    await expect(
      page.getByText('This does not match the last two groups of the recovery code'),
    ).toBeVisible();
    expect((await app.call('auth.status', {})).phase).toBe('setup');

    // Case and dashes don't matter.
    await page.getByLabel('Type the last two groups').fill(code.slice(-11).toLowerCase());
    await finish.click();

    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await expect(page.getByTestId('practice-name')).toHaveText('Lakeside Family Therapy');
    await expect(page.getByRole('button', { name: 'Account: Olivia Martinez' })).toBeVisible();
    const status = await app.call('auth.status', {});
    expect(status).toMatchObject({ phase: 'active', user: { username: 'olivia', role: 'owner' } });
  });
});

/** A keychain with nothing in it: a new computer, or one whose keychain was reset. */
function emptyKeychain(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => secrets.delete(account),
  };
}

test('without its key in the keychain, the recovery code binds the practice here and sign-in follows', async ({
  app,
  page,
}) => {
  // The same data folder opened on "another computer": its keychain lacks the key.
  await app.call('auth.signOut', {});
  const other = await startHarness({
    dataFolder: app.dataFolder,
    rendererDir: new URL('../../dist/renderer', import.meta.url).pathname,
    secrets: emptyKeychain(),
    clock: { now: () => new Date('2026-11-20T10:00:00') },
  });
  try {
    await page.goto(other.url);
    await expect(page.getByRole('heading', { name: 'Recovery code needed' })).toBeVisible();
    await expect(page.getByTestId('keychain-message')).toContainText(
      "This computer's keychain does not hold Hourkeep's key for this practice",
    );
    await page.getByLabel('Recovery code').fill('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('This recovery code does not open this practice')).toBeVisible();
    await page.screenshot(shot('recovery'));
    await page.getByLabel('Recovery code').fill(app.recoveryCode ?? '');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await signInThroughUi(page, OWNER.username, OWNER.password);
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  } finally {
    await other.close();
  }
});
