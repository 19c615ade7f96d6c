import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from './a11y.js';
import { choose, expect, KEY_WORK, signInThroughUi, test } from './fixtures.js';
import { seedPractice } from './seed.js';

/** The names in a people table, top to bottom (the first line of each row's name cell). */
const names = (table: Locator) => table.locator('tbody tr td:first-child p:first-child');

const search = (page: Page, noun: string) =>
  page.getByRole('searchbox', { name: `Search ${noun}` });

test('the people lists are searched and filtered, and say when nothing matches', async ({
  app,
  page,
}) => {
  await seedPractice(app);

  await app.open('#/workers', 'Workers');
  const workers = page.getByRole('table', { name: 'Workers' });
  await expect(names(workers)).toHaveText(['Jordan Avery', 'Sam Chen', 'Priya Natarajan']);
  // By registration number, in any case; then by two words of a name.
  await search(page, 'workers').fill('amft');
  await expect(names(workers)).toHaveText(['Sam Chen']);
  await expect(page.getByTestId('list-count')).toHaveText('1 of 3 shown');
  await search(page, 'workers').fill('priya nat');
  await expect(names(workers)).toHaveText(['Priya Natarajan']);
  await search(page, 'workers').fill('');
  // Who has left; who works at a site or with a supervisor today (from the assignments).
  await choose(page.getByRole('main'), 'Status', 'Left or inactive');
  await expect(names(workers)).toHaveText(['Jordan Avery']);
  await choose(page.getByRole('main'), 'Status', 'All statuses');
  await choose(page.getByRole('main'), 'Site', 'North Berkeley Office');
  await expect(names(workers)).toHaveText(['Sam Chen']);
  await choose(page.getByRole('main'), 'Site', 'All sites');
  await choose(page.getByRole('main'), 'Supervisor', 'Maria Lopez');
  await expect(names(workers)).toHaveText(['Sam Chen']);
  await choose(page.getByRole('main'), 'Supervisor', 'David Okafor');
  await expect(names(workers)).toHaveText(['Sam Chen', 'Priya Natarajan']);
  // Nothing left: the list says so and offers the way back.
  await search(page, 'workers').fill('nobody here');
  await expect(workers).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No workers match' })).toBeVisible();
  await expectAccessible(page, 'Workers with no match');
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(names(workers)).toHaveCount(3);
  await expect(search(page, 'workers')).toHaveValue('');
  await expect(page.getByRole('combobox', { name: 'Site' })).toHaveValue('All sites');

  await app.open('#/supervisors', 'Supervisors');
  const supervisors = page.getByRole('table', { name: 'Supervisors' });
  await choose(page.getByRole('main'), 'License', 'Expired');
  await expect(names(supervisors)).toHaveText(['Helen Brandt']);
  await choose(page.getByRole('main'), 'License', 'All licenses');
  await search(page, 'supervisors').fill('lcsw');
  await expect(names(supervisors)).toHaveText(['David Okafor']);
  await expectAccessible(page, 'Supervisors, searched');

  await app.open('#/sites', 'Sites');
  const sites = page.getByRole('table', { name: 'Sites' });
  await choose(page.getByRole('main'), 'Status', 'Inactive');
  await expect(sites.getByRole('row')).toHaveCount(2);
  await expect(sites).toContainText('Telehealth');
  await search(page, 'sites').fill('berkeley');
  await expect(page.getByRole('heading', { name: 'No sites match' })).toBeVisible();

  await app.open('#/users', 'Users');
  const users = page.getByRole('table', { name: 'Users' });
  await choose(page.getByRole('main'), 'Role', 'Worker');
  await expect(page.getByRole('heading', { name: 'No users match' })).toBeVisible();
  await choose(page.getByRole('main'), 'Role', 'Owner');
  await expect(users.getByRole('row')).toHaveCount(2);
});

test('a login is created from the worker and the supervisor forms, and signs in', async ({
  app,
  page,
}) => {
  // Two accounts made, a sign-out and a sign-in: more than the default minute on a busy machine.
  test.setTimeout(120_000);
  await seedPractice(app);
  await app.open('#/workers', 'Workers');
  await page.getByRole('button', { name: 'Edit Priya Natarajan' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit worker' });
  // An edit not yet saved survives the trip to the login dialog.
  await edit.getByLabel('Title').fill('Associate CSW, second year');
  const signIn = edit.getByRole('region', { name: 'Sign-in' });
  await expect(signIn).toContainText('No login yet');
  await signIn.getByRole('button', { name: 'Create a login' }).click();

  const login = page.getByRole('dialog', { name: 'Create a login for Priya Natarajan' });
  await expect(edit).toBeHidden();
  await expect(login.getByLabel('Username')).toHaveValue('priya.natarajan');
  await expect(login.getByLabel('Display name')).toHaveValue('Priya Natarajan');
  await expect(login.getByRole('combobox', { name: 'Role' })).toHaveCount(0);
  await expectAccessible(page, 'Create a login dialog');
  await login.getByLabel('Initial password').fill('short');
  await login.getByRole('button', { name: 'Create login' }).click();
  await expect(login.getByText('Use at least 10 characters')).toBeVisible();
  await login.getByLabel('Initial password').fill('priya password 1');
  await login.getByRole('button', { name: 'Create login' }).click();
  await expect(login).toBeHidden(KEY_WORK);

  await expect(edit).toBeVisible();
  await expect(signIn).toContainText('Signs in as priya.natarajan');
  await expect(edit.getByLabel('Title')).toHaveValue('Associate CSW, second year');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();

  // The supervisor's form offers the same; Escape in the login dialog leaves the form open.
  await app.open('#/supervisors', 'Supervisors');
  await page.getByRole('button', { name: 'Edit Maria Lopez' }).click();
  const supervisor = page.getByRole('dialog', { name: 'Edit supervisor' });
  await supervisor.getByRole('button', { name: 'Create a login' }).click();
  const maria = page.getByRole('dialog', { name: 'Create a login for Maria Lopez' });
  await page.keyboard.press('Escape');
  await expect(maria).toBeHidden();
  await expect(supervisor).toBeVisible();
  await supervisor.getByRole('button', { name: 'Create a login' }).click();
  await maria.getByLabel('Initial password').fill('maria password 1');
  await maria.getByRole('button', { name: 'Create login' }).click();
  await expect(maria).toBeHidden(KEY_WORK);
  await expect(supervisor.getByRole('region', { name: 'Sign-in' })).toContainText(
    'Signs in as maria.lopez',
  );

  await app.open('#/users', 'Users');
  const users = page.getByRole('table', { name: 'Users' });
  await expect(users.getByRole('row', { name: /priya\.natarajan/ })).toContainText('Worker');
  await expect(users.getByRole('row', { name: /maria\.lopez/ })).toContainText('Supervisor');

  await app.call('auth.signOut', {});
  await page.reload();
  await signInThroughUi(page, 'priya.natarajan', 'priya password 1');
  await expect(page.getByRole('button', { name: 'Account: Priya Natarajan' })).toContainText(
    'Worker',
  );
});
