import { choose, expect, test, type App } from './fixtures.js';
import { seedBasics } from './seed.js';
import { shot } from './shots.js';

/** Signs the workstation in as `who` (app.signInAs reads the notice for them) and opens `hash`. */
async function switchTo(app: App, who: string, password: string, hash: string, title: string) {
  await app.signInAs(who, password);
  await app.open(hash, title);
}

async function accounts(app: App, workerId: number, supervisorId: number) {
  await app.addAccount('sam', 'Sam Chen', { workerId });
  await app.addAccount('maria', 'Maria Lopez', { supervisorId });
}

/** Sam's week of 16 Nov (one 60-minute entry) submitted by Sam and approved by Maria. */
async function approvedWeek(app: App) {
  const { worker, supervisor, log } = await seedBasics(app);
  await accounts(app, worker.id, supervisor.id);
  await log('2026-11-16', 60);
  await app.signInAs('sam', 'sam password 1');
  await app.call('weeks.submit', { workerId: worker.id, weekStart: '2026-11-16' });
  await app.signInAs('maria', 'maria password 1');
  await app.call('weeks.approve', {
    workerId: worker.id,
    weekStart: '2026-11-16',
    password: 'maria password 1',
  });
  return { worker };
}

test('a worker requests a profile correction, the owner accepts it, the worker sees it applied', async ({
  app,
  page,
}) => {
  test.slow();
  const { worker, supervisor } = await seedBasics(app);
  await accounts(app, worker.id, supervisor.id);

  await switchTo(app, 'sam', 'sam password 1', '#/my-data', 'My data');
  await page.getByRole('button', { name: 'Request a correction' }).click();
  const modal = page.getByRole('dialog', { name: 'Request a correction' });
  await choose(modal, 'Field to correct', 'Email');
  await expect(modal.getByLabel('Held now')).toHaveValue('sam@example.org');
  // A value the profile form would refuse is refused here, on the field.
  await modal.getByLabel('Correct value').fill('sam at example');
  await modal.getByRole('button', { name: 'Send request' }).click();
  await expect(modal.getByText('Enter a valid email address')).toBeVisible();
  await modal.getByLabel('Correct value').fill('sam.chen@example.org');
  await modal.getByLabel('Note (optional)').fill('My old address is closed');
  await page.screenshot(shot('privacy-request-correction-modal'));
  await modal.getByRole('button', { name: 'Send request' }).click();
  await expect(modal).toBeHidden();
  const card = page.getByTestId('request-1');
  await expect(card.getByTestId('request-status')).toHaveText('Open');
  await expect(card).toContainText('Email: "sam@example.org" → "sam.chen@example.org"');

  await switchTo(app, 'owner', 'owner password 1', '#/privacy?tab=requests', 'Privacy');
  const ownerCard = page.getByTestId('request-1');
  await expect(ownerCard).toContainText('Sam Chen');
  await expect(ownerCard).toContainText('Signed in to own account');
  await page.screenshot(shot('privacy-requests-tab'));
  await ownerCard.getByRole('button', { name: 'Decide' }).click();
  const decide = page.getByRole('dialog', { name: 'Decide request #1' });
  await decide.getByRole('button', { name: 'Accept' }).last().click();
  await expect(decide).toBeHidden();
  // The open filter no longer shows it; with any status it reads completed.
  await expect(page.getByText('No requests match')).toBeVisible();
  await choose(page.getByRole('main'), 'Status', 'Completed');
  await expect(page.getByTestId('request-1').getByTestId('request-status')).toHaveText('Completed');
  await page.screenshot(shot('privacy-requests-tab-completed'));

  await switchTo(app, 'sam', 'sam password 1', '#/my-data', 'My data');
  const done = page.getByTestId('request-1');
  await expect(done.getByTestId('request-status')).toHaveText('Completed');
  await expect(done.getByTestId('request-outcome')).toHaveText(
    'Applied: "sam@example.org" → "sam.chen@example.org"',
  );
  await page.screenshot(shot('my-requests-applied'));
  const stored = await app.core.db('workers').where({ id: worker.id }).first('email');
  expect(stored?.email).toBe('sam.chen@example.org');
});

test('a correction of an approved week is accepted by the supervisor and signed again as version 2', async ({
  app,
  page,
}) => {
  test.slow();
  const { worker } = await approvedWeek(app);

  await switchTo(app, 'sam', 'sam password 1', '#/hours', 'Hours');
  const bar = page.getByRole('region', { name: 'Week review' });
  await expect(bar.getByTestId('week-status')).toHaveText('Approved');
  await bar.getByRole('button', { name: 'Request a correction' }).click();
  const modal = page.getByRole('dialog', { name: 'Ask for a correction of a week' });
  await choose(modal, 'Entry', 'Mon 16 Nov · 60 min · Direct — individual');
  await modal.getByLabel('Minutes').fill('90');
  await modal.getByLabel('Why (optional)').fill('The session ran 90 minutes');
  await page.screenshot(shot('privacy-week-correction-modal'));
  await modal.getByRole('button', { name: 'Send request' }).click();
  await expect(modal).toBeHidden();

  await switchTo(app, 'maria', 'maria password 1', '#/review', 'Review');
  const card = page.getByTestId('request-1');
  await expect(card).toContainText('60 min');
  await expect(card).toContainText('90 min');
  await page.screenshot(shot('review-correction-requests'));
  await card.getByRole('button', { name: 'Decide' }).click();
  const decide = page.getByRole('dialog', { name: 'Decide request #1' });
  await decide.getByRole('button', { name: 'Accept' }).last().click();
  await expect(decide).toBeHidden();
  // The amended week is now in the supervisor's queue to sign again.
  await page.getByRole('link', { name: /^Review Sam Chen/ }).click();
  await page.getByRole('button', { name: 'Approve' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve amendment' });
  await approve.getByLabel('Your password').fill('maria password 1');
  await approve.getByRole('button', { name: 'Approve and sign' }).click();
  await expect(approve).toBeHidden();

  await switchTo(app, 'sam', 'sam password 1', '#/my-data', 'My data');
  const done = page.getByTestId('request-1');
  await expect(done.getByTestId('request-status')).toHaveText('Completed');
  await expect(done.getByTestId('request-outcome')).toContainText('the amended week is signed');
  await page.screenshot(shot('my-requests-week-completed'));
  const week = await app.call('weeks.get', { workerId: worker.id, weekStart: '2026-11-16' });
  expect(week.signatures.map((s) => s.version)).toEqual([1, 2]);
});

test('the owner registers a week correction the worker sent by email, with how identity was checked', async ({
  app,
  page,
}) => {
  test.slow();
  const { worker } = await approvedWeek(app);

  await switchTo(
    app,
    'owner',
    'owner password 1',
    `#/hours?worker=${worker.id}&week=2026-11-16`,
    'Hours',
  );
  const bar = page.getByRole('region', { name: 'Week review' });
  await expect(bar.getByTestId('week-status')).toHaveText('Approved');
  await bar.getByRole('button', { name: 'Register a correction request' }).click();
  const modal = page.getByRole('dialog', {
    name: 'Register a correction request from Sam Chen',
  });
  await choose(modal, 'Entry', 'Mon 16 Nov · 60 min · Direct — individual');
  await modal.getByLabel('Minutes').fill('90');
  // Who asked must be on record: without it the field says so and nothing is registered.
  await modal.getByRole('button', { name: 'Register' }).click();
  await expect(modal.getByText('Required')).toBeVisible();
  expect(await app.count('privacy_requests')).toBe(0);
  await modal.getByLabel('How identity was verified').fill('Email from the address on file');
  await page.screenshot(shot('privacy-week-correction-register'));
  await modal.getByRole('button', { name: 'Register' }).click();
  await expect(modal).toBeHidden();

  await page.goto(`${app.url}#/privacy?tab=requests`);
  const card = page.getByTestId('request-1');
  await expect(card).toContainText('Sam Chen');
  await expect(card).toContainText('Email from the address on file');
  await expect(card).toContainText('90 min');

  await switchTo(app, 'sam', 'sam password 1', '#/my-data', 'My data');
  await expect(page.getByTestId('request-1').getByTestId('request-status')).toHaveText('Open');
});
