import { expect, test, choose } from './fixtures.js';
import { seedBasics } from './seed.js';

/**
 * Main's hour rules, seen through the form: a rejected entry shows main's message next to the
 * field it concerns, keeps the dialog open with what was typed, and writes nothing.
 */
test('a date in the future is rejected next to the date field', async ({ app, page }) => {
  const { worker } = await seedBasics(app);
  await app.open(`#/hours?worker=${worker.id}`, 'Hours');

  await page.getByRole('button', { name: 'Log hours', exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Log hours for Sam Chen' });
  await dialog.getByLabel('Date').fill('2026-11-21');
  await choose(dialog, 'Category', 'Direct — individual');
  await dialog.getByLabel('Hours').fill('2');
  await dialog.getByRole('button', { name: 'Log hours' }).click();

  const date = dialog.getByLabel('Date');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(date).toHaveAccessibleDescription('The date is in the future');
  await expect(date).toBeFocused();
  await expect(dialog.getByLabel('Hours')).toHaveValue('2');
  expect(await app.count('hour_entries')).toBe(0);

  // Fixing the date clears the message and saves.
  await date.fill('2026-11-20');
  await dialog.getByRole('button', { name: 'Log hours' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Friday 20 November' })).toContainText('2 h');
  expect(await app.count('hour_entries')).toBe(1);
});

test('a day over 24 hours is rejected next to the duration', async ({ app, page }) => {
  const { worker, log } = await seedBasics(app);
  await log('2026-11-18', 20 * 60);
  await app.open(`#/hours?worker=${worker.id}&week=2026-11-16`, 'Hours');
  await expect(page.getByRole('region', { name: 'Wednesday 18 November' })).toContainText('20 h');

  await page.getByRole('button', { name: 'Log hours on Wednesday 18 November' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log hours for Sam Chen' });
  await expect(dialog.getByLabel('Date')).toHaveValue('2026-11-18');
  await expect(dialog.getByRole('group', { name: 'Duration' })).toContainText(
    '20 h already logged on Wed 18 Nov',
  );
  await choose(dialog, 'Category', 'Non-clinical — other');
  await dialog.getByLabel('Hours').fill('4');
  await dialog.getByLabel('Minutes').fill('30');
  await dialog.getByLabel('Minutes').press('Enter');

  const message = 'Only 4 h left on 2026-11-18: 20 h already logged, and a day holds 24 h';
  await expect(dialog.getByLabel('Hours')).toHaveAccessibleDescription(message);
  await expect(dialog.getByLabel('Minutes')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('group', { name: 'Duration' })).toContainText(message);
  expect(await app.count('hour_entries')).toBe(1);

  // Escape closes without saving; the week is unchanged.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('table', { name: 'Week totals' }).getByRole('row', { name: /Week total/ }),
  ).toContainText('20 h');
  expect(await app.count('hour_entries')).toBe(1);
});

test('a date before the worker started is rejected next to the date', async ({ app, page }) => {
  const { worker } = await seedBasics(app);
  await app.open(`#/hours?worker=${worker.id}`, 'Hours');

  await page.getByRole('button', { name: 'Log hours', exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Log hours for Sam Chen' });
  await dialog.getByLabel('Date').fill('2025-12-15');
  await choose(dialog, 'Category', 'Supervision — individual');
  await dialog.getByLabel('Hours').fill('1');
  await dialog.getByRole('button', { name: 'Log hours' }).click();

  // Sam started on 5 January 2026 (issue 15: this was accepted when an assignment began earlier).
  await expect(dialog.getByLabel('Date')).toHaveAccessibleDescription(
    "Before the worker's start date (2026-01-05)",
  );
  expect(await app.count('hour_entries')).toBe(0);
});

test('required fields are reported by main next to each field', async ({ app, page }) => {
  await app.open('#/supervisors', 'Supervisors');
  await page.getByRole('button', { name: 'Add supervisor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add supervisor' });
  await dialog.getByLabel('Email').fill('not-an-email');
  await dialog.getByLabel('License state').fill('California'.slice(0, 2));
  await dialog.getByRole('button', { name: 'Add supervisor' }).click();

  await expect(dialog.getByLabel('First name')).toHaveAccessibleDescription('Required');
  await expect(dialog.getByLabel('First name')).toBeFocused();
  await expect(dialog.getByLabel('Email')).toHaveAccessibleDescription(
    'Enter a valid email address',
  );
  await expect(dialog.getByRole('combobox', { name: 'License type' })).toHaveAccessibleDescription(
    'Choose a license type',
  );
  await expect(dialog.getByLabel('License expires')).toHaveAccessibleDescription(
    /Enter a real date/,
  );
  expect(await app.count('supervisors')).toBe(0);
});
