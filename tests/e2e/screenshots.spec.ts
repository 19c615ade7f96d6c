import { OWNER, choose, expect, signInThroughUi, test } from './fixtures.js';
import { seedPractice } from './seed.js';
import { shot } from './shots.js';

/**
 * Saves a screenshot of every screen (with data, and the empty states) into .tmp/screenshots/
 * for a person to look at. It asserts only that each screen rendered.
 */

test('screenshots: empty states', async ({ app, page }) => {
  // Many screens in one test: on a loaded 2-core machine it runs past the default minute.
  test.setTimeout(180_000);
  await app.open('#/hours', 'Hours');
  await expect(page.getByRole('heading', { name: 'No workers yet' })).toBeVisible();
  await page.screenshot(shot('hours-empty-no-workers'));

  await app.open('#/sites', 'Sites');
  await expect(page.getByRole('heading', { name: 'No sites yet' })).toBeVisible();
  await page.screenshot(shot('sites-empty'));

  await app.open('#/supervisors', 'Supervisors');
  await expect(page.getByRole('heading', { name: 'No supervisors yet' })).toBeVisible();
  await page.screenshot(shot('supervisors-empty'));
});

test('screenshots: screens with data', async ({ app, page }) => {
  // Many screens in one test: on a loaded 2-core machine it runs past the default minute.
  test.setTimeout(180_000);
  const { sam, jordan } = await seedPractice(app);

  // A worker with no supervisor assigned: the screen says why nothing can be logged.
  await app.open(`#/hours?worker=${jordan.id}`, 'Hours');
  await expect(page.getByText('No supervisor assigned', { exact: true })).toBeVisible();
  await page.screenshot(shot('hours-no-assignment'));

  await app.open(`#/hours?worker=${sam.id}&week=2026-11-16`, 'Hours');
  await expect(page.getByRole('row', { name: /Week total/ })).toContainText('21 h 45 min');
  await page.screenshot(shot('hours-week'));
  await page.screenshot({ ...shot('hours-week-full'), fullPage: true });

  await page.getByRole('button', { name: 'Log hours', exact: true }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot(shot('hours-entry-form'));
  await page.keyboard.press('Escape');

  // A rejected entry: main's message under the duration.
  await page.getByRole('button', { name: 'Log hours on Wednesday 18 November' }).click();
  const dialog = page.getByRole('dialog');
  await choose(dialog, 'Category', 'Non-clinical — other');
  await dialog.getByLabel('Hours').fill('20');
  await dialog.getByLabel('Note').fill('Case conference and documentation');
  await dialog.getByRole('button', { name: 'Log hours' }).click();
  await expect(dialog.getByText(/Only 18 h left/)).toBeVisible();
  await page.screenshot(shot('hours-entry-rejected'));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(page.getByRole('heading', { name: 'No entries this week' })).toBeVisible();
  await page.screenshot(shot('hours-week-empty'));

  await app.open('#/workers', 'Workers');
  await expect(page.getByRole('table', { name: 'Workers' })).toBeVisible();
  await page.screenshot(shot('workers'));

  await page.getByRole('button', { name: 'Supervision for Sam Chen' }).click();
  await expect(page.getByRole('list', { name: 'Assignments' })).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot(shot('workers-supervision'));
  await page.getByRole('button', { name: 'Assign supervisor' }).click();
  await page.waitForTimeout(200);
  await page.screenshot(shot('workers-supervision-form'));

  await app.open('#/supervisors', 'Supervisors');
  await expect(page.getByRole('table', { name: 'Supervisors' })).toBeVisible();
  await page.screenshot(shot('supervisors'));
  await page.getByRole('button', { name: 'Add supervisor' }).click();
  await page.getByRole('dialog').getByLabel('First name').fill('Ana');
  await page.getByRole('dialog').getByRole('button', { name: 'Add supervisor' }).click();
  await expect(page.getByRole('dialog').getByText('Choose a license type')).toBeVisible();
  await page.screenshot(shot('supervisors-form-errors'));
  await page.keyboard.press('Escape');

  await app.open('#/sites', 'Sites');
  await expect(page.getByRole('table', { name: 'Sites' })).toBeVisible();
  await page.screenshot(shot('sites'));
});

test('screenshots: a narrow window (1024×700)', async ({ app, page }) => {
  // Many screens in one test: on a loaded 2-core machine it runs past the default minute.
  test.setTimeout(180_000);
  const { sam } = await seedPractice(app);
  await page.setViewportSize({ width: 1024, height: 700 });

  await app.open(`#/hours?worker=${sam.id}&week=2026-11-16`, 'Hours');
  await expect(page.getByRole('row', { name: /Week total/ })).toContainText('21 h 45 min');
  await page.screenshot(shot('narrow-hours'));

  await app.open('#/supervisors', 'Supervisors');
  await expect(page.getByRole('table', { name: 'Supervisors' })).toBeVisible();
  await page.screenshot(shot('narrow-supervisors'));

  await app.open('#/workers', 'Workers');
  await expect(page.getByRole('table', { name: 'Workers' })).toBeVisible();
  await page.screenshot(shot('narrow-workers'));
});

test.describe('first run', () => {
  test.use({ setUp: false });

  test('screenshots: the set-up wizard', async ({ app, page }) => {
    // Many screens in one test: on a loaded 2-core machine it runs past the default minute.
    test.setTimeout(180_000);
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: 'Set up Hourkeep' })).toBeVisible();
    await page.getByLabel('Practice name').fill('Lakeside Family Therapy');
    await page.screenshot(shot('setup-1-practice'));
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Your name').fill('Olivia Martinez');
    await page.getByLabel('Username').fill('olivia');
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('lakeside owner 2026');
    await page.getByLabel('Confirm password').fill('lakeside owner');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('The passwords do not match')).toBeVisible();
    await page.screenshot(shot('setup-2-owner'));
    await page.getByLabel('Confirm password').fill('lakeside owner 2026');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByTestId('recovery-code')).toBeVisible();
    await page.screenshot(shot('setup-3-recovery-code'));
    await page.getByLabel('I have written it down').check();
    await page.getByLabel('Type the last two groups').fill('ABCDE-FGHJK');
    await page.getByRole('button', { name: 'Finish set-up' }).click();
    await expect(page.getByText(/does not match the last two groups/)).toBeVisible();
    await page.screenshot(shot('setup-3-recovery-check-wrong'));
    await page.emulateMedia({ media: 'print' });
    await page.screenshot(shot('setup-3-print'));
    await page.emulateMedia({ media: 'screen' });
  });
});

test('screenshots: sign-in, lock, users, audit trail and settings', async ({ app, page }) => {
  // Many screens in one test: on a loaded 2-core machine it runs past the default minute.
  test.setTimeout(180_000);
  const { sam, david } = await seedPractice(app);
  await app.addAccount('sam', 'Sam Chen', { workerId: sam.id });
  await app.addAccount('david', 'David Okafor', { supervisorId: david.id });
  const priyaUser = await app.call('users.create', {
    username: 'priya',
    displayName: 'Priya Natarajan',
    role: 'owner',
    password: 'priya password 1',
  });
  await app.call('users.setDisabled', { id: priyaUser.id, disabled: true });

  await app.open('#/users', 'Users');
  await expect(page.getByRole('table', { name: 'Users' })).toContainText('Disabled');
  await page.screenshot(shot('users'));
  await page.getByRole('button', { name: 'Add user' }).click();
  await choose(page.getByRole('dialog'), 'Role', 'Supervisor');
  await page.getByRole('dialog').getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByRole('dialog').getByText('Use at least 10 characters')).toBeVisible();
  await page.screenshot(shot('users-add-errors'));
  await page.keyboard.press('Escape');

  await app.open('#/audit', 'Audit trail');
  await page
    .getByRole('table', { name: 'Audit trail' })
    .getByRole('button', { name: /Show changes/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Verify integrity' }).click();
  await expect(page.getByText(/Audit trail intact/)).toBeVisible();
  await page.screenshot(shot('audit'));

  await app.open('#/settings', 'Settings');
  await page.getByText('15 min', { exact: true }).click();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.screenshot(shot('settings'));

  await app.open(`#/hours?worker=${sam.id}&week=2026-11-16`, 'Hours');
  await page.getByRole('button', { name: 'Account: Olivia Owner' }).click();
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
  await page.screenshot(shot('user-menu'));
  await page.getByRole('menuitem', { name: 'Change password' }).click();
  await expect(page.getByRole('dialog', { name: 'Change password' })).toBeVisible();
  await page.screenshot(shot('change-password'));
  await page.keyboard.press('Escape');

  // Fifteen minutes and a second later.
  await app.advance(15 * 60_000 + 1_000);
  await expect(page.getByTestId('lock-reason')).toHaveText('Locked after 15 minutes idle');
  await page.screenshot(shot('lock'));
  await page.getByRole('button', { name: 'Sign in as someone else' }).click();
  await page.screenshot(shot('lock-someone-else'));
  await page.getByRole('button', { name: 'Back to the lock screen' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await signInThroughUi(page, 'sam', 'wrong password');
  await expect(page.getByRole('alert')).toBeVisible();
  await page.screenshot(shot('sign-in-error'));
  await app.advance(2_000);
  await signInThroughUi(page, 'sam', 'sam password 1');
  // A worker lands on their dashboard; the week's hours are one click away.
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hours' }).click();
  await expect(page.getByTestId('own-worker')).toHaveText('Sam Chen');
  await expect(page.getByRole('row', { name: /Week total/ })).toContainText('21 h 45 min');
  await page.screenshot(shot('worker-hours'));

  await app.signInAs('david', 'david password 1');
  await app.open('#/workers', 'Workers');
  await page.screenshot(shot('supervisor-workers'));
  await app.signInAs(OWNER.username, OWNER.password);
});
