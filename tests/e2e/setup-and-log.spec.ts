import { expect, test, choose } from './fixtures.js';

/**
 * The acceptance path, entirely through the UI: a site, a supervisor, a worker and an
 * assignment, then hours logged and seen in the week with per-category and week totals.
 */
test('set up a practice and log hours through the UI', async ({ app, page }) => {
  // Site — typed and submitted with Enter.
  await app.open('#/sites', 'Sites');
  await expect(page.getByRole('heading', { name: 'No sites yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Add site' }).click();
  const siteDialog = page.getByRole('dialog', { name: 'Add site' });
  await expect(siteDialog.getByLabel('Site name')).toBeFocused();
  await siteDialog.getByLabel('Site name').fill('Downtown Clinic');
  await siteDialog.getByLabel('Address').fill('12 Main St, Oakland');
  await siteDialog.getByLabel('Address').press('Enter');
  await expect(siteDialog).toBeHidden();
  await expect(
    page.getByRole('table', { name: 'Sites' }).getByRole('row', { name: /Downtown Clinic/ }),
  ).toContainText('12 Main St, Oakland');

  // Supervisor.
  await page.getByRole('link', { name: 'Supervisors' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Supervisors' })).toBeVisible();
  await page.getByRole('button', { name: 'Add supervisor' }).click();
  const supDialog = page.getByRole('dialog', { name: 'Add supervisor' });
  await supDialog.getByLabel('First name').fill('Maria');
  await supDialog.getByLabel('Last name').fill('Lopez');
  await supDialog.getByLabel('Email').fill('maria@example.org');
  await choose(supDialog, 'License type', 'LMFT');
  await supDialog.getByLabel('License number').fill('LMFT 52341');
  await supDialog.getByLabel('License state').fill('ca');
  await supDialog.getByLabel('License expires').fill('2028-06-30');
  await supDialog.getByRole('button', { name: 'Add supervisor' }).click();
  await expect(supDialog).toBeHidden();
  const supRow = page
    .getByRole('table', { name: 'Supervisors' })
    .getByRole('row', { name: /Maria Lopez/ });
  await expect(supRow).toContainText('LMFT52341');
  await expect(supRow).toContainText('CA');
  await expect(supRow).toContainText('30 Jun 2028');

  // Worker.
  await page.getByRole('link', { name: 'Workers' }).click();
  await expect(page.getByRole('heading', { name: 'No workers yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Add worker' }).click();
  const workerDialog = page.getByRole('dialog', { name: 'Add worker' });
  await workerDialog.getByLabel('First name').fill('Sam');
  await workerDialog.getByLabel('Last name').fill('Chen');
  await workerDialog.getByLabel('Email').fill('sam@example.org');
  await workerDialog.getByLabel('Title').fill('Associate MFT');
  await workerDialog.getByLabel('Start date').fill('2026-01-05');
  await workerDialog.getByLabel('Registration number').fill('AMFT 130442');
  await workerDialog.getByRole('button', { name: 'Add worker' }).click();
  await expect(workerDialog).toBeHidden();
  const workerRow = page
    .getByRole('table', { name: 'Workers' })
    .getByRole('row', { name: /Sam Chen/ });
  await expect(workerRow).toContainText('Associate MFT');
  await expect(workerRow).toContainText('AMFT130442');
  await expect(workerRow).toContainText('Active');

  // Assignment, from the worker's Supervision drawer.
  await workerRow.getByRole('button', { name: 'Supervision for Sam Chen' }).click();
  const drawer = page.getByRole('dialog', { name: /Supervision/ });
  await expect(drawer.getByRole('heading', { name: 'No supervisor assigned' })).toBeVisible();
  await drawer.getByRole('button', { name: 'Assign supervisor' }).click();
  await choose(drawer, 'Supervisor', 'Maria Lopez (LMFT)');
  await choose(drawer, 'Site', 'Downtown Clinic');
  await drawer.getByLabel('Start date').fill('2026-01-05');
  await drawer.getByLabel('Agreement signed').fill('2026-01-02');
  await drawer.getByRole('button', { name: 'Assign', exact: true }).click();
  const card = drawer.getByRole('listitem', { name: 'Maria Lopez at Downtown Clinic' });
  await expect(card).toContainText('5 Jan 2026 – ongoing');
  await expect(card).toContainText('Agreement signed 2 Jan 2026');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Hours: the only worker is picked, the week is the clock's (Friday 20 Nov 2026).
  await page.getByRole('link', { name: 'Hours' }).click();
  await expect(page.getByRole('combobox', { name: 'Worker' })).toHaveValue('Sam Chen');
  await expect(page.getByRole('heading', { name: '16–22 Nov 2026' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No entries this week' })).toBeVisible();

  await page.getByRole('button', { name: 'Log hours', exact: true }).first().click();
  const entry = page.getByRole('dialog', { name: 'Log hours for Sam Chen' });
  await expect(entry.getByLabel('Date')).toHaveValue('2026-11-20');
  await entry.getByLabel('Date').fill('2026-11-18');
  await choose(entry, 'Category', 'Direct — individual');
  // One assignment: its site and supervisor are filled in.
  await expect(entry.getByRole('combobox', { name: 'Site' })).toHaveValue('Downtown Clinic');
  await expect(entry.getByRole('combobox', { name: 'Supervisor' })).toHaveValue('Maria Lopez');
  await entry.getByLabel('Hours').fill('1');
  await entry.getByLabel('Minutes').fill('30');
  await entry.getByLabel('Note').fill('Two intake sessions');
  await entry.getByRole('button', { name: 'Log hours' }).click();
  await expect(entry).toBeHidden();

  const wednesday = page.getByRole('region', { name: 'Wednesday 18 November' });
  await expect(wednesday.getByRole('listitem')).toHaveCount(1);
  await expect(wednesday).toContainText('Direct — individual');
  await expect(wednesday).toContainText('Downtown Clinic');
  await expect(wednesday).toContainText('Maria Lopez');
  await expect(wednesday).toContainText('1 h 30 min');
  await expect(wednesday).toContainText('Two intake sessions');

  // A second entry from Thursday's own "log" button starts on that day.
  await page.getByRole('button', { name: 'Log hours on Thursday 19 November' }).click();
  await expect(entry.getByLabel('Date')).toHaveValue('2026-11-19');
  await choose(entry, 'Category', 'Supervision — individual');
  await entry.getByLabel('Hours').fill('1');
  await entry.getByLabel('Hours').press('Enter');
  await expect(entry).toBeHidden();
  await expect(page.getByRole('region', { name: 'Thursday 19 November' })).toContainText(
    'Supervision — individual',
  );

  // Totals per category (all seven) and for the week.
  const totals = page.getByRole('table', { name: 'Week totals' });
  await expect(totals.getByRole('row', { name: 'Direct — individual' })).toContainText(
    '1 h 30 min',
  );
  await expect(totals.getByRole('row', { name: 'Supervision — individual' })).toContainText('1 h');
  for (const zero of [
    'Direct — couples, family, children',
    'Direct — group',
    'Supervision — triadic',
    'Supervision — group',
    'Non-clinical — other',
  ]) {
    await expect(totals.getByRole('row', { name: zero })).toContainText('0 min');
  }
  await expect(totals.getByRole('row', { name: /Week total/ })).toContainText('2 h 30 min');

  // What the screen shows is what main stored.
  const week = await app.call('hours.week', { workerId: 1, weekStart: '2026-11-16' });
  expect(week.entries.map((e) => [e.date, e.category, e.minutes, e.note])).toEqual([
    ['2026-11-18', 'direct_individual', 90, 'Two intake sessions'],
    ['2026-11-19', 'supervision_individual', 60, null],
  ]);
  expect(week.totalMinutes).toBe(150);
});
