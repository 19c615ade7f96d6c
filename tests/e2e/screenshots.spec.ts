import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { choose, expect, test } from './fixtures.js';
import { seedPractice } from './seed.js';

/**
 * Saves a screenshot of every screen (with data, and the empty states) into .tmp/screenshots/
 * for a person to look at. It asserts only that each screen rendered.
 */
const dir = fileURLToPath(new URL('../../.tmp/screenshots/', import.meta.url));
mkdirSync(dir, { recursive: true });
const shot = (name: string) => ({ path: `${dir}${name}.png` });

test('screenshots: empty states', async ({ app, page }) => {
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
