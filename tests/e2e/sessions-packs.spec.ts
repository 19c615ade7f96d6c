import { choose, expect, test } from './fixtures.js';
import { seedYearPractice } from './seed-practice.js';
import { shot } from './shots.js';

test('the owner records a group session; each attendee gets its supervision hours', async ({
  app,
  page,
}) => {
  test.setTimeout(240_000);
  const seeded = await seedYearPractice(app);
  await page.setViewportSize({ width: 1360, height: 900 });
  await app.open('#/sessions', 'Supervision sessions');
  await expect(page.getByRole('table', { name: 'Supervision sessions' })).toBeVisible();

  await page.getByRole('button', { name: 'Record session' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Record supervision session' });
  await dialog.getByText('Triadic', { exact: true }).click();
  await dialog.getByLabel('Date').fill('2026-11-19');
  await dialog.getByLabel('Minutes').fill('75');
  await choose(dialog, 'Supervisor', 'Maria Lopez (LMFT)');
  await choose(dialog, 'Site', 'Downtown Clinic');
  const attendees = dialog.getByRole('combobox', { name: 'Attendees' });
  for (const name of ['Sam Chen', 'Priya Natarajan', 'Jordan Avery']) {
    await attendees.click();
    await page.getByRole('option', { name, exact: true }).click();
  }
  await dialog.getByLabel('Note').fill('Ethics case review');
  await dialog.getByRole('button', { name: 'Record session' }).click();
  // Main refuses three supervisees in a triadic session, next to the field, and saves nothing.
  await expect(
    dialog.getByText('A triadic session has exactly 2 supervisees; 3 chosen'),
  ).toBeVisible();
  await page.screenshot(shot('sessions-form-error'));

  await dialog.getByText('Group', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Record session' }).click();
  await expect(dialog).toBeHidden();
  const row = page
    .getByRole('table', { name: 'Supervision sessions' })
    .getByRole('row', { name: /Ethics case review/ });
  await expect(row).toContainText('Group');
  await expect(row).toContainText('1 h 15 min');
  await expect(row).toContainText('Sam Chen, Priya Natarajan, Jordan Avery');
  await page.screenshot({ ...shot('sessions-list'), fullPage: true });

  for (const w of [seeded.sam, seeded.priya, seeded.jordan]) {
    const week = await app.call('hours.week', { workerId: w.id, weekStart: '2026-11-16' });
    const linked = week.entries.filter((e) => e.note === 'Ethics case review');
    expect(linked.every((e) => e.date === '2026-11-19' && e.sessionId !== null)).toBe(true);
    expect(linked.map((e) => [e.category, e.minutes])).toEqual([['supervision_group', 75]]);
  }
});

test('the owner copies a built-in pack, edits its figures, and assigns it', async ({
  app,
  page,
}) => {
  test.setTimeout(240_000);
  const seeded = await seedYearPractice(app);
  await page.setViewportSize({ width: 1360, height: 1000 });
  await app.open('#/packs', 'Requirement packs');
  const packs = page.getByRole('table', { name: 'Requirement packs' });
  await expect(packs.getByRole('row', { name: /California LMFT/ })).toContainText('Built-in');
  await page.screenshot({ ...shot('packs-list'), fullPage: true });

  await packs
    .getByRole('button', { name: 'Copy to edit: California LMFT — Board of Behavioral Sciences' })
    .click();
  const editor = page.getByRole('dialog', { name: 'New requirement pack' });
  await expect(editor.getByText('The pack passes every check.')).toBeVisible();
  await editor.getByLabel('Name').fill('Lakeside LMFT');
  await editor.getByLabel('Total supervised experience (hours)').fill('3200');
  // The rules' figures are in the form too: a 45-hour weekly cap instead of 40.
  const rules = editor.getByRole('region', { name: 'Rules' });
  await rules.getByLabel('Most hours').fill('45');
  // A bad figure is listed live with its path before anything is sent.
  await editor.getByLabel('Version date').fill('');
  await expect(editor.getByRole('list', { name: 'Pack problems' })).toContainText('versionDate');
  await editor.getByLabel('Version date').fill('2026-11-20');
  // The id may not be a built-in pack's: main says so, naming the field.
  await editor.getByLabel('Pack id').fill('ca-bbs-lmft');
  await editor.getByRole('button', { name: 'Save pack' }).click();
  await expect(editor.getByRole('alert')).toContainText(
    'id: "ca-bbs-lmft" is a built-in pack\'s id; give your copy its own id',
  );
  await editor.getByLabel('Pack id').fill('lakeside-lmft');
  await editor.getByRole('tab', { name: 'JSON' }).click();
  await expect(editor.getByLabel('Pack JSON')).toHaveValue(/"minutes": 192000/);
  await expect(editor.getByLabel('Pack JSON')).toHaveValue(/"maxMinutes": 2700/);
  await page.screenshot(shot('packs-editor-json'));
  await editor.getByRole('tab', { name: 'Figures' }).click();
  await page.screenshot(shot('packs-editor'));
  await editor.getByRole('button', { name: 'Save pack' }).click();
  await expect(editor).toBeHidden();
  await expect(packs.getByRole('row', { name: /Lakeside LMFT/ })).toContainText('Practice');
  const saved = await app.call('packs.get', { id: 'lakeside-lmft' });
  expect(saved.pack.rules.weeklyCap?.maxMinutes).toBe(2700);

  // Assign it to Sam from the Workers screen; his dashboard then measures against 3,200 h.
  await page.getByRole('link', { name: 'Workers' }).click();
  await page.getByRole('button', { name: 'Change requirement pack for Sam Chen' }).click();
  const assign = page.getByRole('dialog', { name: 'Requirement pack for Sam Chen' });
  await choose(assign, 'Requirement pack', 'Lakeside LMFT');
  await assign.getByRole('button', { name: 'Change pack' }).click();
  await expect(assign).toBeHidden();
  await expect(
    page.getByRole('table', { name: 'Workers' }).getByRole('row', { name: /Sam Chen/ }),
  ).toContainText('Lakeside LMFT');
  await app.open(`#/dashboard?worker=${seeded.sam.id}`, 'Dashboard');
  await expect(page.getByTestId('requirement-total')).toContainText('of 3,200 h');
});
