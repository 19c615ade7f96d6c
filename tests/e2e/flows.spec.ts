import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, invokeInPage, test, type App } from './fixtures.js';
import { MARIA } from './lakeside.js';
import { seedBasics } from './seed.js';
import { shot } from './shots.js';

/** Issue 19's flows: each one as a person meets it, in real Chromium against a real core. */

const pdfText = (path: string) =>
  execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

/** Signs the workstation in as someone else and opens a screen afresh as them. */
async function switchTo(app: App, page: Page, who: string, hash: string, title: string) {
  await app.signInAs(who, `${who} password 1`);
  await page.goto(`${app.url}${hash}`);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

const account = (
  app: App,
  username: string,
  link: { workerId: number } | { supervisorId: number },
) =>
  app.call('users.create', {
    username,
    displayName: username,
    role: 'workerId' in link ? 'worker' : 'supervisor',
    ...link,
    password: `${username} password 1`,
  });

test('the owner’s first-run checklist ticks itself from the records and leaves when done; dismissing it is remembered', async ({
  app,
  page,
}) => {
  await app.open('#/dashboard', 'Dashboard');
  const checklist = page.getByRole('region', { name: 'Set up your practice' });
  await expect(checklist).toContainText('0 of 6 done');
  await expect(checklist.getByRole('link', { name: 'Add sites' })).toHaveAttribute(
    'href',
    '#/sites',
  );
  await page.screenshot(shot('dashboard-checklist-empty'));

  // Sites, supervisors, workers and an assignment: four steps done, each from the real records.
  const { worker, supervisor } = await seedBasics(app);
  await app.open('#/dashboard', 'Dashboard');
  await expect(checklist).toContainText('4 of 6 done');
  const steps = checklist.getByRole('list', { name: 'Set-up steps' }).getByRole('listitem');
  await expect(steps).toHaveCount(6);
  await expect(steps.nth(3)).toContainText('(done)');
  await expect(steps.nth(4)).toContainText('(to do)');
  await expect(checklist.getByRole('link', { name: 'Assign packs' })).toBeVisible();
  await expect(checklist.getByRole('link', { name: 'Create sign-ins' })).toHaveAttribute(
    'href',
    '#/users',
  );

  await app.call('workers.setPack', { workerId: worker.id, packId: 'generic' });
  await account(app, 'maria', { supervisorId: supervisor.id });
  await app.open('#/dashboard', 'Dashboard');
  await expect(checklist).toHaveCount(0);
  await expect(page.getByRole('table', { name: /workers/i }).first()).toBeVisible();
});

test('dismissing the checklist keeps it away after a reload, kept in the settings', async ({
  app,
  page,
}) => {
  await app.open('#/dashboard', 'Dashboard');
  const checklist = page.getByRole('region', { name: 'Set up your practice' });
  await expect(checklist).toBeVisible();
  await checklist.getByRole('button', { name: 'Dismiss checklist' }).click();
  await expect(checklist).toHaveCount(0);
  await app.open('#/dashboard', 'Dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(checklist).toHaveCount(0);
  expect((await app.call('settings.get', {})).setupChecklistDismissed).toBe(true);
});

test('Approve & next signs the week and opens the next week in the queue', async ({
  app,
  page,
}) => {
  test.slow();
  const { worker, supervisor, site, log } = await seedBasics(app);
  const priya = await app.call('workers.create', {
    firstName: 'Priya',
    lastName: 'Natarajan',
    email: 'priya@example.org',
    startDate: '2026-01-05',
  });
  await app.call('assignments.create', {
    workerId: priya.id,
    supervisorId: supervisor.id,
    siteId: site.id,
    startDate: '2026-01-05',
  });
  await log('2026-11-09', 60);
  await app.call('hours.add', {
    workerId: priya.id,
    date: '2026-11-16',
    siteId: site.id,
    supervisorId: supervisor.id,
    category: 'direct_individual',
    minutes: 90,
  });
  await app.call('weeks.submit', { workerId: worker.id, weekStart: '2026-11-09' });
  await app.call('weeks.submit', { workerId: priya.id, weekStart: '2026-11-16' });
  await account(app, 'maria', { supervisorId: supervisor.id });

  await switchTo(app, page, 'maria', '#/review', 'Review');
  await page.getByRole('link', { name: /^Review Sam Chen/ }).click();
  await expect(page.getByText('Sam Chen · week of 9–15 Nov 2026')).toBeVisible();
  await page.screenshot(shot('review-approve-and-next'));
  await page.getByRole('button', { name: 'Approve & next' }).click();
  const approving = page.getByRole('dialog', { name: 'Approve and sign week' });
  await approving.getByLabel('Your password').fill('maria password 1');
  await approving.getByRole('button', { name: 'Approve and sign' }).click();
  await expect(approving).toBeHidden();

  // On to Priya's week, the queue's next; Sam's is signed.
  await expect(page.getByText('Priya Natarajan · week of 16–22 Nov 2026')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`worker=${priya.id}&week=2026-11-16`));
  const sams = await app.call('weeks.get', { workerId: worker.id, weekStart: '2026-11-09' });
  expect(sams.status).toBe('approved');
  // The last week in the queue offers no "next".
  await expect(page.getByRole('button', { name: 'Approve', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve & next' })).toHaveCount(0);
});

test('Statistics with nobody counted says so and what to do, with no charts of zeros', async ({
  app,
  page,
}) => {
  await seedBasics(app);
  await app.open('#/statistics', 'Practice statistics');
  await expect(page.getByRole('heading', { name: 'No workers counted yet' })).toBeVisible();
  await expect(page.getByText('My data → Consents')).toBeVisible();
  await expect(page.getByRole('link', { name: 'See who has agreed' })).toHaveAttribute(
    'href',
    '#/privacy',
  );
  await expect(page.getByTestId('stats-category')).toHaveCount(0);
  await expect(page.getByTestId('stats-counted')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue('Last 12 months');
  await page.screenshot(shot('statistics-empty'));
});

test('CE for a person with no cycle and no courses says what to do', async ({ app, page }) => {
  const { worker } = await seedBasics(app);
  await app.open(`#/ce?type=worker&id=${worker.id}`, 'Continuing education');
  await expect(page.getByRole('heading', { name: 'No courses yet' })).toBeVisible();
  await expect(page.getByText(/Use Add course, at the top of the page/)).toBeVisible();
  await expect(page.getByTestId('ce-no-cycle')).toContainText(
    'Set up a renewal cycle under Renewal cycles',
  );
  await page.screenshot(shot('ce-empty-person'));
});

test('a worker’s own reports ask no recipient, offer no CSV import, and main refuses a worker’s import', async ({
  app,
  page,
}) => {
  const { worker, log } = await seedBasics(app);
  await log('2026-11-17', 60);
  await account(app, 'sam', { workerId: worker.id });
  const disclosuresBefore = await app.count('disclosures');

  await switchTo(app, page, 'sam', '#/reports', 'Reports');
  await expect(page.getByRole('textbox', { name: 'Recipient' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Who the files are for' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Preview|Import/ })).toHaveCount(0);
  await expect(page.getByText('worker_id')).toHaveCount(0);
  await page.screenshot({ ...shot('reports-worker-own'), fullPage: true });

  await page.getByLabel('Any day in the week').fill('2026-11-17');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Weekly log PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('weekly-log-chen-sam-2026-11-16.pdf');
  expect(pdfText(await download.path())).toContain('Weekly log of supervised experience');
  // The worker's own copy: audited as their access, no disclosure recorded.
  expect(await app.count('disclosures')).toBe(disclosuresBefore);
  const row = (await app.core
    .db('audit_log')
    .orderBy('id', 'desc')
    .first('action', 'actor', 'detail')) as { action: string; actor: string; detail: string };
  expect(row).toEqual({
    action: 'export',
    actor: 'sam',
    detail: "Weekly log PDF, week of 2026-11-16 (the worker's own copy)",
  });

  // The page's own bridge, as a tampered renderer would call it: refused, nothing imported.
  const entries = await app.count('hour_entries');
  const refused = await invokeInPage(page, 'csv.importHours', {
    csv: `date,worker_id,site,supervisor,category,minutes,note\n2026-11-18,${worker.id},Downtown Clinic,maria@example.org,direct_individual,60,\n`,
  });
  expect(refused).toEqual({
    ok: false,
    error: {
      code: 'forbidden',
      message:
        'Importing hours from a CSV file is for the owner and supervisors; log your hours on the Hours screen.',
    },
  });
  expect(await app.count('hour_entries')).toBe(entries);
});

test('education entered on the worker form prints on the experience summary', async ({
  app,
  page,
}) => {
  const { log } = await seedBasics(app);
  // A section of the summary is a supervisor and site with hours.
  await log('2026-11-17', 60);
  await app.open('#/workers', 'Workers');
  await page.getByRole('button', { name: 'Edit Sam Chen' }).click();
  const form = page.getByRole('dialog', { name: 'Edit worker' });
  await form.getByLabel('Degree').fill('MA Counseling Psychology');
  await form.getByLabel('School').fill('Pacific State University');
  await form.getByLabel('Graduation date').fill('2025-05-17');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();

  await app.open('#/reports', 'Reports');
  await page.getByRole('textbox', { name: 'Recipient' }).fill('California BBS');
  await page.getByRole('textbox', { name: 'Purpose' }).fill('Licensure application');
  const [summary] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Experience summary PDF' }).click(),
  ]);
  const text = pdfText(await summary.path());
  expect(text).toContain('Degree MA Counseling Psychology');
  expect(text).toContain('School Pacific State University');
  expect(text).toMatch(/Graduation date 17 May 2025/);
});

test('one date and name format: the audit trail shows no raw ISO dates, and pickers name people as everywhere', async ({
  app,
  page,
}) => {
  const { supervisor } = await seedBasics(app);
  // A licence renewed: its expiry date moves, a day in the before and after.
  await app.call('supervisors.update', {
    ...MARIA,
    id: supervisor.id,
    licenseExpires: '2030-06-30',
    active: true,
  });
  await app.open('#/audit', 'Audit trail');
  const table = page.getByRole('table', { name: 'Audit trail' });
  await table
    .getByRole('row')
    .filter({ hasText: 'Update' })
    .filter({ hasText: /Supervisor #1/ })
    .getByRole('button', { name: /Show changes/ })
    .click();
  const diff = page.locator('.diff-table tr[data-changed]');
  await expect(diff).toContainText('licenseExpires');
  await expect(diff).toContainText('30 Jun 2028');
  await expect(diff).toContainText('30 Jun 2030');
  await expect(page.locator('.diff-table').first()).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  await expect(table).not.toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  await page.screenshot(shot('audit-dates'));

  // The deletion picker and the request form name people as every other screen does.
  await app.open('#/privacy', 'Privacy');
  await page.getByRole('tab', { name: 'Deletion and retention' }).click();
  await page.getByRole('combobox', { name: 'Person', exact: true }).click();
  await expect(page.getByRole('option', { name: 'Sam Chen', exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: 'Chen, Sam' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Requests' }).click();
  await page
    .getByRole('button', { name: /^Register/ })
    .first()
    .click();
  const register = page.getByRole('dialog');
  await register.getByRole('combobox', { name: 'Person', exact: true }).click();
  await expect(page.getByRole('option', { name: 'Sam Chen', exact: true })).toBeVisible();
  await expect(page.getByRole('option', { name: /\((worker|supervisor)\)/ })).toHaveCount(0);
});
