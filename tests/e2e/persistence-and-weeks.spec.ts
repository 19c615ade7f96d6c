import { expect, test, choose } from './fixtures.js';
import { seedBasics } from './seed.js';

test('logged hours survive a reload, and the URL keeps the worker and week', async ({
  app,
  page,
}) => {
  const { worker } = await seedBasics(app);
  await app.open('#/hours', 'Hours');
  // The screen names the worker and week it shows in the URL.
  await expect(page).toHaveURL(new RegExp(`#/hours\\?worker=${worker.id}&week=2026-11-16$`));

  await page.getByRole('button', { name: 'Log hours', exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Log hours for Sam Chen' });
  await dialog.getByLabel('Date').fill('2026-11-17');
  await choose(dialog, 'Category', 'Direct — couples, family, children');
  await dialog.getByLabel('Hours').fill('2');
  await dialog.getByLabel('Minutes').fill('15');
  await dialog.getByRole('button', { name: 'Log hours' }).click();
  await expect(dialog).toBeHidden();
  const tuesday = page.getByRole('region', { name: 'Tuesday 17 November' });
  await expect(tuesday).toContainText('2 h 15 min');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Hours' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Worker' })).toHaveValue('Sam Chen');
  await expect(tuesday).toContainText('Direct — couples, family, children');
  await expect(tuesday).toContainText('2 h 15 min');
  await expect(
    page.getByRole('table', { name: 'Week totals' }).getByRole('row', {
      name: 'Direct — couples, family, children',
    }),
  ).toContainText('2 h 15 min');
  expect(await app.count('hour_entries')).toBe(1);
});

test('week navigation moves between weeks and back to this week', async ({ app, page }) => {
  const { worker, log } = await seedBasics(app);
  await log('2026-11-10', 90);
  await log('2026-11-19', 45, 'supervision_group');
  await app.open(`#/hours?worker=${worker.id}`, 'Hours');
  const totalRow = page
    .getByRole('table', { name: 'Week totals' })
    .getByRole('row', { name: /Week total/ });

  await expect(page.getByRole('heading', { name: '16–22 Nov 2026' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'This week' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Next week' })).toBeDisabled();
  await expect(totalRow).toContainText('45 min');

  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(page.getByRole('heading', { name: '9–15 Nov 2026' })).toBeVisible();
  await expect(page).toHaveURL(/week=2026-11-09/);
  await expect(page.getByRole('region', { name: 'Tuesday 10 November' })).toContainText(
    '1 h 30 min',
  );
  await expect(totalRow).toContainText('1 h 30 min');

  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(page.getByRole('heading', { name: '2–8 Nov 2026' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No entries this week' })).toBeVisible();
  await expect(totalRow).toContainText('0 min');

  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(page.getByRole('heading', { name: '9–15 Nov 2026' })).toBeVisible();

  // A reload stays on the week shown.
  await page.reload();
  await expect(page.getByRole('heading', { name: '9–15 Nov 2026' })).toBeVisible();
  await expect(totalRow).toContainText('1 h 30 min');

  await page.getByRole('button', { name: 'This week' }).click();
  await expect(page.getByRole('heading', { name: '16–22 Nov 2026' })).toBeVisible();
  await expect(totalRow).toContainText('45 min');

  // A week across a month end reads "26 Oct – 1 Nov 2026".
  await page.goto(`${app.url}#/hours?worker=${worker.id}&week=2026-10-28`);
  await expect(page.getByRole('heading', { name: '26 Oct – 1 Nov 2026' })).toBeVisible();
});

test('an entry can be edited and deleted', async ({ app, page }) => {
  const { worker, log } = await seedBasics(app);
  await log('2026-11-18', 60);
  await app.open(`#/hours?worker=${worker.id}`, 'Hours');
  const wednesday = page.getByRole('region', { name: 'Wednesday 18 November' });
  const totalRow = page
    .getByRole('table', { name: 'Week totals' })
    .getByRole('row', { name: /Week total/ });

  await wednesday.getByRole('button', { name: 'Edit Direct — individual, 1 h' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit entry' });
  await expect(dialog.getByLabel('Hours')).toHaveValue('1');
  await dialog.getByLabel('Minutes').fill('45');
  await choose(dialog, 'Category', 'Direct — group');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(wednesday).toContainText('Direct — group');
  await expect(totalRow).toContainText('1 h 45 min');

  await wednesday.getByRole('button', { name: 'Delete Direct — group, 1 h 45 min' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete entry?' });
  await expect(confirm).toContainText('1 h 45 min of Direct — group on Wednesday 18 November');
  // The safe choice has the focus: Enter here cancels.
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Delete entry' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('heading', { name: 'No entries this week' })).toBeVisible();
  await expect(totalRow).toContainText('0 min');
  expect(await app.count('hour_entries')).toBe(0);
});

test('the sidebar and dialogs work from the keyboard', async ({ app, page }) => {
  await app.open('#/hours', 'Hours');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Hours' })).toHaveAttribute('aria-current', 'page');

  await nav.getByRole('link', { name: 'Reports' }).focus();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Workers' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Supervisors' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Sites' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Sites' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Sites' })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveTitle('Sites — Hourkeep');

  // Open with the keyboard, type, submit with Enter.
  await page.getByRole('button', { name: 'Add site' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add site' });
  await expect(dialog.getByLabel('Site name')).toBeFocused();
  await page.keyboard.type('North Office');
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Address')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Sites' })).toContainText('North Office');

  // Escape closes a dialog without saving.
  await page.getByRole('button', { name: 'Edit North Office' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit site' });
  await edit.getByLabel('Site name').fill('Renamed');
  await page.keyboard.press('Escape');
  await expect(edit).toBeHidden();
  await expect(page.getByRole('table', { name: 'Sites' })).toContainText('North Office');
  expect((await app.call('sites.list', {})).map((s) => s.name)).toEqual(['North Office']);
});

test.describe('in an American locale', () => {
  test.use({ locale: 'en-US' });

  test('the week and its days read month first, as the person’s locale writes them', async ({
    app,
    page,
  }) => {
    const { worker, log } = await seedBasics(app);
    await log('2026-11-17', 60);
    await app.open(`#/hours?worker=${worker.id}`, 'Hours');
    await expect(page.getByRole('heading', { name: 'Nov 16–22, 2026' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Tuesday, November 17' })).toContainText('1 h');
    await page.getByRole('button', { name: 'Previous week' }).click();
    await page.getByRole('button', { name: 'Previous week' }).click();
    await expect(page.getByRole('heading', { name: 'Nov 2–8, 2026' })).toBeVisible();
    // The date field is the platform's own and keeps ISO values whatever the display order.
    await page.getByRole('button', { name: 'Log hours', exact: true }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Log hours for Sam Chen' });
    await dialog.getByLabel('Date').fill('2026-11-03');
    await expect(dialog.getByLabel('Date')).toHaveValue('2026-11-03');
  });
});
