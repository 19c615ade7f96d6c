import { expect, invokeInPage, signInThroughUi, test } from './fixtures.js';
import { seedPractice } from './seed.js';

test('a worker sees only their own hours and none of the owner screens', async ({ app, page }) => {
  const { sam, priya } = await seedPractice(app);
  await app.addAccount('sam', 'Sam Chen', { workerId: sam.id });
  await app.call('auth.signOut', {});

  // Whatever the address asks for, a worker lands on their own dashboard.
  await page.goto(`${app.url}#/users`);
  await signInThroughUi(page, 'sam', 'sam password 1');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Account: Sam Chen' })).toContainText('Worker');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText([
    'Dashboard',
    'Hours',
    'Continuing ed.',
    'Reports',
    'Statistics',
    'Surveys',
    'My data',
  ]);
  await nav.getByRole('link', { name: 'Hours' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hours' })).toBeVisible();
  for (const hidden of [
    'Workers',
    'Supervisors',
    'Sites',
    'Users',
    'Privacy',
    'Audit trail',
    'Settings',
  ]) {
    await expect(page.getByRole('link', { name: hidden })).toHaveCount(0);
  }

  // Their own week, no worker picker, nobody else's name.
  await expect(page.getByTestId('own-worker')).toHaveText('Sam Chen');
  await expect(page.getByRole('combobox', { name: 'Worker' })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Week total/ })).toContainText('21 h 45 min');
  await expect(page.getByText('Priya Natarajan')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Rename practice' })).toHaveCount(0);

  await page.goto(`${app.url}#/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();

  // Main refuses what the screen does not offer.
  const other = await invokeInPage(page, 'hours.week', {
    workerId: priya.id,
    weekStart: '2026-11-16',
  });
  expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const users = await invokeInPage(page, 'users.list', {});
  expect(users).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});

test('a supervisor sees their supervisees, read-only', async ({ app, page }) => {
  const { david } = await seedPractice(app);
  await app.addAccount('david', 'David Okafor', { supervisorId: david.id });
  await app.signInAs('david', 'david password 1');

  await app.open('#/workers', 'Workers');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText([
    'Dashboard',
    'Hours',
    'Review',
    'Supervision',
    'Continuing ed.',
    'Reports',
    'Workers',
    'Statistics',
    'Surveys',
    'My data',
  ]);
  const table = page.getByRole('table', { name: 'Workers' });
  // David supervises Sam (North Berkeley, until December) and Priya.
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Add worker' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Edit / })).toHaveCount(0);
  await table.getByRole('button', { name: 'Supervision for Priya Natarajan' }).first().click();
  await expect(page.getByRole('list', { name: 'Assignments' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Assign supervisor' })).toHaveCount(0);
});
