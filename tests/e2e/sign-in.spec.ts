import { KEY_WORK, OWNER, choose, expect, signInThroughUi, test } from './fixtures.js';
import { seedBasics } from './seed.js';

test('sign out and sign in again; a wrong password is refused', async ({ app, page }) => {
  await app.open('#/workers', 'Workers');
  await page.getByRole('button', { name: 'Account: Olivia Owner' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('My practice')).toBeVisible();
  expect((await app.call('auth.status', {})).phase).toBe('signed-out');

  // Empty fields: main's messages next to them.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Required')).toHaveCount(2);

  await signInThroughUi(page, OWNER.username, 'not the password');
  await expect(page.getByRole('alert')).toContainText('Wrong username or password.');
  await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toHaveValue('');

  // Main makes the next attempt wait a second.
  await signInThroughUi(page, OWNER.username, OWNER.password);
  await expect(page.getByRole('alert')).toContainText(/Wait \d+ s before trying again/);
  await app.advance(2_000);
  await signInThroughUi(page, OWNER.username, OWNER.password);

  // Everyone lands on their home screen, the dashboard, whatever was open before.
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Account: Olivia Owner' })).toBeVisible();
});

test('the owner adds a worker user and disables it; that user can no longer sign in', async ({
  app,
  page,
}) => {
  await seedBasics(app);
  await app.open('#/users', 'Users');
  const table = page.getByRole('table', { name: 'Users' });
  await expect(table.getByRole('row', { name: /owner/ })).toContainText('Owner');

  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await choose(dialog, 'Worker', 'Sam Chen');
  await expect(dialog.getByLabel('Display name')).toHaveValue('Sam Chen');
  await dialog.getByLabel('Username').fill('sam');
  await dialog.getByLabel('Initial password').fill('short');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog.getByText('Use at least 10 characters')).toBeVisible();
  await dialog.getByLabel('Initial password').fill('sam password 1');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toBeHidden(KEY_WORK);

  const row = table.getByRole('row', { name: /sam/ });
  await expect(row).toContainText('Worker');
  await expect(row).toContainText('Sam Chen');
  await expect(row).toContainText('Active');

  await row.getByRole('button', { name: 'Disable sam' }).click();
  const confirm = page.getByRole('dialog', { name: 'Disable user?' });
  await confirm.getByRole('button', { name: 'Disable user' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText('Disabled');
  await expect(row.getByRole('button', { name: 'Enable sam' })).toBeVisible();

  await page.getByRole('button', { name: 'Account: Olivia Owner' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signInThroughUi(page, 'sam', 'sam password 1');
  await expect(page.getByRole('alert')).toContainText(
    'This account is disabled. Ask the practice owner.',
  );
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});
