import { readFile } from 'node:fs/promises';
import { choose, expect, invokeInPage, test } from './fixtures.js';
import { seedPractice } from './seed.js';
import { shot } from './shots.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

test('the owner sets up a licensee cycle and adds a course with its certificate', async ({
  app,
  page,
}) => {
  const { maria } = await seedPractice(app);
  await app.open('#/ce', 'Continuing education');

  // Everyone starts without a cycle.
  const overview = page.getByRole('table', { name: 'Continuing education by person' });
  await expect(overview.getByRole('row', { name: /Maria Lopez/ })).toContainText('No cycle');
  await expect(overview.getByRole('row', { name: /Sam Chen/ })).toContainText('No cycle');

  await choose(page.locator('main'), 'Person', 'Maria Lopez');
  await expect(page).toHaveURL(new RegExp(`#/ce\\?type=supervisor&id=${maria.id}$`));
  const card = page.getByRole('region', { name: 'Continuing education status' });
  await expect(card).toContainText('No cycle');

  // The preset's dates follow from the license expiry: 2 years ending 30 Jun 2028.
  await page.getByRole('button', { name: 'Set up cycle' }).click();
  const cycleDialog = page.getByRole('dialog', { name: 'Set up a renewal cycle for Maria Lopez' });
  await expect(cycleDialog.getByLabel('Start date')).toHaveValue('2026-07-01');
  await expect(cycleDialog.getByLabel('End date (due date)')).toHaveValue('2028-06-30');
  await expect(cycleDialog.getByLabel('Total CE hours required')).toHaveValue('36');
  await expect(cycleDialog.getByLabel('Of which law & ethics')).toHaveValue('6');
  await page.screenshot(shot('ce-cycle-modal'));
  await cycleDialog.getByRole('button', { name: 'Set up cycle' }).click();
  await expect(cycleDialog).toBeHidden();
  await expect(card).toContainText('Due in 588 days');
  await expect(card).toContainText('0 min of 36 h');

  await page.getByRole('button', { name: 'Add course' }).click();
  const add = page.getByRole('dialog', { name: 'Add a course for Maria Lopez' });
  await add.getByLabel('Course title').fill('California law and ethics 2026');
  await add.getByLabel('Provider').fill('CAMFT');
  await add.getByLabel('Date completed').fill('2026-09-12');
  await choose(add, 'Category', 'Law & ethics');
  await add.getByRole('textbox', { name: 'Hours' }).fill('6');
  // A text file calling itself a PDF is refused on the certificate field, nothing saved.
  await add.locator('input[type=file]').setInputFiles({
    name: 'certificate.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('not really a pdf'),
  });
  await add.getByRole('button', { name: 'Add course' }).click();
  await expect(add.getByText("The file's contents are not a PDF")).toBeVisible();
  await page.screenshot(shot('ce-course-modal'));
  expect(await app.count('ce_records')).toBe(0);

  await add.locator('input[type=file]').setInputFiles({
    name: 'ethics-certificate.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await add.getByRole('button', { name: 'Add course' }).click();
  await expect(add).toBeHidden();
  await expect(card).toContainText('6 h of 36 h');
  await expect(card.getByRole('progressbar', { name: 'Law & ethics: 6 h of 6 h' })).toBeVisible();

  // The download asks who the file is for (a disclosure); without a recipient it names the
  // field and hands nothing over. Then the same file comes back, audited and logged.
  const courses = page.getByRole('table', { name: 'Courses' });
  await courses
    .getByRole('button', { name: 'Download certificate ethics-certificate.pdf' })
    .click();
  const ask = page.getByRole('dialog', { name: 'Download certificate' });
  await ask.getByLabel('Purpose').fill('CE audit');
  await ask.getByRole('button', { name: 'Download' }).click();
  await expect(ask.getByText('Required')).toBeVisible();
  await ask.getByLabel('Recipient').fill('California BBS');
  const downloading = page.waitForEvent('download');
  await ask.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  await expect(ask).toBeHidden();
  expect(download.suggestedFilename()).toBe('ethics-certificate.pdf');
  expect(await readFile(await download.path())).toEqual(PDF);
  const exports = await app.call('audit.list', { action: 'export', limit: 5 });
  expect(exports[0]).toMatchObject({
    entity: 'ce_records',
    subjectType: 'supervisor',
    subjectId: maria.id,
    detail: 'certificate ethics-certificate.pdf',
  });
  const logged = await app.call('privacy.disclosures.list', {
    personType: 'supervisor',
    personId: maria.id,
  });
  expect(logged).toEqual([
    expect.objectContaining({
      recipient: 'California BBS',
      purpose: 'CE audit',
      document: 'ce-certificate',
      format: 'pdf',
    }),
  ]);
});

test('courses count toward the cycle they fall in, and are edited and deleted', async ({
  app,
  page,
}) => {
  // Twice it waits for a confirmation toast to close (4 s each) before clicking under it.
  test.setTimeout(90_000);
  const { maria } = await seedPractice(app);
  const person = { personType: 'supervisor' as const, personId: maria.id };
  await app.call('ce.cycles.save', {
    ...person,
    preset: 'ca-licensee',
    startDate: '2026-07-01',
    endDate: '2028-06-30',
  });
  const course = (title: string, date: string, minutes: number, category: 'law_ethics' | 'other') =>
    app.call('ce.create', { ...person, title, provider: 'CAMFT', date, minutes, category });
  await course('California law and ethics 2026', '2026-09-12', 360, 'law_ethics');
  // Before the cycle: listed and dimmed, not counted.
  await course('Telehealth basics', '2026-05-20', 90, 'other');
  await app.open(`#/ce?type=supervisor&id=${maria.id}`, 'Continuing education');

  // Hours as a certificate states them: 7.5 h.
  await page.getByRole('button', { name: 'Add course' }).click();
  const add = page.getByRole('dialog', { name: 'Add a course for Maria Lopez' });
  await add.getByLabel('Course title').fill('Trauma-informed care');
  await add.getByLabel('Provider').fill('PESI');
  await add.getByLabel('Date completed').fill('2026-10-03');
  await choose(add, 'Category', 'General');
  await add.getByRole('textbox', { name: 'Hours' }).fill('7.5');
  await add.getByRole('button', { name: 'Add course' }).click();
  await expect(add).toBeHidden();

  const card = page.getByRole('region', { name: 'Continuing education status' });
  const courses = page.getByRole('table', { name: 'Courses' });
  await expect(courses.getByRole('row')).toHaveCount(4);
  await expect(courses.getByRole('row', { name: /Trauma-informed care/ })).toContainText(
    '7 h 30 min',
  );
  await expect(page.getByText('One course is dimmed')).toBeVisible();
  await expect(card).toContainText('13 h 30 min of 36 h');
  await expect(card).toContainText('22 h 30 min to go');
  await expect(page.getByText('Added Trauma-informed care (7 h 30 min)')).toBeHidden();
  await page.screenshot(shot('ce-person'));

  await courses.getByRole('button', { name: 'Edit Trauma-informed care' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit course' });
  await expect(edit.getByRole('textbox', { name: 'Hours' })).toHaveValue('7');
  await expect(edit.getByRole('textbox', { name: 'Minutes' })).toHaveValue('30');
  await edit.getByRole('textbox', { name: 'Minutes' }).fill('0');
  await edit.getByRole('textbox', { name: 'Hours' }).fill('12');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(card).toContainText('18 h of 36 h');
  // The confirmation toast sits over the last row's buttons until it closes.
  await expect(page.getByText('Saved Trauma-informed care (12 h)')).toBeHidden();

  await courses.getByRole('button', { name: 'Delete Telehealth basics' }).click();
  await page
    .getByRole('dialog', { name: 'Delete this course?' })
    .getByRole('button', { name: 'Delete course' })
    .click();
  await expect(courses.getByRole('row')).toHaveCount(3);
  expect(await app.count('ce_records')).toBe(2);

  await app.open('#/ce', 'Continuing education');
  const row = page
    .getByRole('table', { name: 'Continuing education by person' })
    .getByRole('row', { name: /Maria Lopez/ });
  await expect(row).toContainText('Due in 588 days');
  await expect(row).toContainText('18 h of 36 h');
  await page.screenshot(shot('ce-overview'));
});

test('an associate keeps their own CE, and the status follows the registration year', async ({
  app,
  page,
}) => {
  const { sam, maria } = await seedPractice(app);
  // Sam's registration expires 2027-08-31: the associate year runs from 2026-09-01.
  await app.call('ce.cycles.save', {
    personType: 'worker',
    personId: sam.id,
    preset: 'ca-associate',
    startDate: '2026-09-01',
    endDate: '2027-08-31',
  });
  await app.addAccount('sam', 'Sam Chen', { workerId: sam.id });
  await app.signInAs('sam', 'sam password 1');
  await app.open('#/ce', 'Continuing education');

  await expect(page.getByRole('combobox', { name: 'Person' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Set up cycle' })).toHaveCount(0);
  const card = page.getByRole('region', { name: 'Continuing education status' });
  await expect(card).toContainText('California associate');
  await expect(card).toContainText('Due in 284 days');
  // One bar: the associate's year asks for law & ethics only.
  await expect(card.getByRole('progressbar')).toHaveCount(1);
  await expect(card.getByRole('progressbar', { name: 'Law & ethics: 0 min of 3 h' })).toHaveCount(
    1,
  );

  await page.getByRole('button', { name: 'Add course' }).click();
  const add = page.getByRole('dialog', { name: 'Add a course for Sam Chen' });
  await add.getByLabel('Course title').fill('Law and ethics for associates');
  await add.getByLabel('Provider').fill('CAMFT');
  await add.getByLabel('Date completed').fill('2026-11-02');
  await choose(add, 'Category', 'Law & ethics');
  await add.getByRole('textbox', { name: 'Hours' }).fill('3');
  await add.locator('input[type=file]').setInputFiles({
    name: 'scan.png',
    mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
  });
  await add.getByRole('button', { name: 'Add course' }).click();
  await expect(add).toBeHidden();
  await expect(card).toContainText('Compliant');
  await expect(card).toContainText('Requirement met');
  await page.screenshot(shot('ce-worker'));

  // Nobody else's CE, whatever the page asks main for.
  const other = await invokeInPage(page, 'ce.list', {
    personType: 'supervisor',
    personId: maria.id,
  });
  expect(other).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});

test('a supervisor sees their own CE and their supervisees, nobody else', async ({ app, page }) => {
  const { david } = await seedPractice(app);
  await app.addAccount('david', 'David Okafor', { supervisorId: david.id });
  await app.signInAs('david', 'david password 1');
  await app.open('#/ce', 'Continuing education');

  const overview = page.getByRole('table', { name: 'Continuing education by person' });
  // David himself, and Sam and Priya whom he supervises; not Maria, Helen or Jordan.
  await expect(overview.getByRole('row')).toHaveCount(4);
  await expect(overview).toContainText('David Okafor');
  await expect(overview).not.toContainText('Maria Lopez');
  await overview.getByRole('link', { name: 'Priya Natarajan' }).click();
  await expect(page.getByRole('table', { name: 'Courses' })).toHaveCount(0);
  await expect(page.getByText('No courses yet')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Set up cycle' })).toHaveCount(0);
});
