import type { Page } from '@playwright/test';
import { expect, test, type App } from './fixtures.js';
import { seedBasics } from './seed.js';
import { shot } from './shots.js';

/** Signs the workstation in as someone else and opens a screen afresh as them. */
async function switchTo(app: App, page: Page, who: string, hash: string, title: string) {
  await app.signInAs(who, `${who} password 1`);
  await page.goto(`${app.url}${hash}`);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('submit → return with comment → edit → resubmit → approve → locked; an amendment goes back for approval', async ({
  app,
  page,
}) => {
  // Four changes of user and a dozen dialogs: well past the default per-test budget on CI.
  test.slow();
  const { worker, supervisor, log } = await seedBasics(app);
  await log('2026-11-16', 120);
  await log('2026-11-18', 90, 'supervision_individual');
  await app.addAccount('sam', 'Sam Chen', { workerId: worker.id });
  await app.addAccount('maria', 'Maria Lopez', { supervisorId: supervisor.id });
  const bar = page.getByRole('region', { name: 'Week review' });
  const monday = page.getByRole('region', { name: 'Monday 16 November' });

  // The worker submits the week; its edit controls go while it is under review.
  await switchTo(app, page, 'sam', '#/hours', 'Hours');
  await expect(bar.getByTestId('week-status')).toHaveText('Draft');
  await expect(monday.getByRole('button', { name: /^Edit / })).toHaveCount(1);
  await bar.getByRole('button', { name: 'Submit week' }).click();
  const confirm = page.getByRole('dialog', { name: 'Submit week for review?' });
  await confirm.getByRole('button', { name: 'Submit week' }).click();
  await expect(bar.getByTestId('week-status')).toHaveText('Submitted');
  await expect(page.getByRole('button', { name: 'Log hours' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Edit|Delete) / })).toHaveCount(0);

  // The supervisor finds it in the queue and returns it; a comment is required.
  await switchTo(app, page, 'maria', '#/review', 'Review');
  const queue = page.getByRole('table', { name: 'Weeks to review' });
  await expect(queue.getByRole('row')).toHaveCount(2);
  await expect(queue.getByRole('row', { name: /Sam Chen/ })).toContainText('3 h 30 min');
  await page.getByRole('link', { name: 'Review Sam Chen, week of 16–22 Nov 2026' }).click();
  await expect(page.getByRole('table', { name: 'Entries' }).getByRole('row')).toHaveCount(3);
  await page.getByRole('button', { name: 'Return' }).click();
  const returning = page.getByRole('dialog', { name: 'Return week' });
  await returning.getByRole('button', { name: 'Return week' }).click();
  await expect(returning.getByText('Required')).toBeVisible();
  await returning.getByLabel('Comment').fill('Monday should be 2 h 30 min.');
  await returning.getByRole('button', { name: 'Return week' }).click();
  await expect(page.getByText('Nothing to review')).toBeVisible();

  // The worker sees the comment, corrects Monday and resubmits.
  await switchTo(app, page, 'sam', '#/hours', 'Hours');
  await expect(bar.getByTestId('week-status')).toHaveText('Returned');
  await expect(bar.getByTestId('return-comment')).toContainText('Monday should be 2 h 30 min.');
  await page.screenshot(shot('hours-week-returned'));
  await monday.getByRole('button', { name: 'Edit Direct — individual, 2 h' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit entry' });
  await edit.getByLabel('Minutes').fill('30');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(monday).toContainText('2 h 30 min');
  await bar.getByRole('button', { name: 'Submit week' }).click();
  await page
    .getByRole('dialog', { name: 'Submit week for review?' })
    .getByRole('button', { name: 'Submit week' })
    .click();
  await expect(bar.getByTestId('week-status')).toHaveText('Submitted');

  // The supervisor approves with their password; a wrong one is refused on the field.
  await switchTo(app, page, 'maria', '#/review', 'Review');
  await expect(queue.getByRole('row', { name: /Sam Chen/ })).toContainText('Resubmitted');
  await page.screenshot(shot('review-queue'));
  await page.getByRole('link', { name: /^Review Sam Chen/ }).click();
  await expect(page.getByText('Monday should be 2 h 30 min.')).toBeVisible();
  await page.screenshot(shot('review-week'));
  await page.getByRole('button', { name: 'Approve' }).click();
  const approving = page.getByRole('dialog', { name: 'Approve and sign week' });
  await approving.getByLabel('Your password').fill('not my password');
  await approving.getByRole('button', { name: 'Approve and sign' }).click();
  await expect(approving.getByText(/This is not your password/)).toBeVisible();
  await page.screenshot(shot('review-approve-wrong-password'));
  await app.advance(2_000);
  await approving.getByLabel('Your password').fill('maria password 1');
  await approving.getByRole('button', { name: 'Approve and sign' }).click();
  await expect(approving).toBeHidden();
  await expect(page.getByTestId('week-status')).toHaveText('Approved');
  const signatures = page.getByRole('list', { name: 'Signatures' });
  await expect(signatures.getByRole('listitem')).toHaveCount(1);
  await expect(signatures).toContainText('Version 1 · Maria Lopez');
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // For the worker the week is locked: no way to add, edit or delete, and it says who signed.
  await switchTo(app, page, 'sam', '#/hours', 'Hours');
  await expect(bar.getByTestId('week-status')).toHaveText('Approved');
  await expect(bar.getByTestId('week-status-line')).toContainText('Signed by Maria Lopez');
  await expect(page.getByRole('button', { name: 'Log hours' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Log hours on / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Edit|Delete) / })).toHaveCount(0);
  await expect(bar.getByRole('button', { name: 'Submit week' })).toHaveCount(0);
  await page.screenshot(shot('hours-week-approved'));

  // An amendment reopens it with a reason, and goes back for approval.
  await bar.getByRole('button', { name: 'Start amendment' }).click();
  const amend = page.getByRole('dialog', { name: 'Start amendment' });
  await amend.getByRole('button', { name: 'Start amendment' }).click();
  await expect(amend.getByText('Required')).toBeVisible();
  await amend.getByLabel('Reason').fill('Wednesday supervision was 1 h, not 1 h 30 min.');
  await amend.getByRole('button', { name: 'Start amendment' }).click();
  await expect(bar.getByTestId('week-status')).toHaveText('Amending');
  const wednesday = page.getByRole('region', { name: 'Wednesday 18 November' });
  await wednesday
    .getByRole('button', { name: 'Edit Supervision — individual, 1 h 30 min' })
    .click();
  await edit.getByLabel('Minutes').fill('0');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await bar.getByRole('button', { name: 'Submit amendment' }).click();
  await page
    .getByRole('dialog', { name: 'Submit amendment?' })
    .getByRole('button', { name: 'Submit amendment' })
    .click();
  await expect(bar.getByTestId('week-status')).toHaveText('Submitted');
  await expect(page.getByRole('button', { name: /^(Edit|Delete) / })).toHaveCount(0);

  await switchTo(app, page, 'maria', '#/review', 'Review');
  await expect(queue.getByRole('row', { name: /Sam Chen/ })).toContainText('Amendment');
  await page.getByRole('link', { name: /^Review Sam Chen/ }).click();
  await expect(page.getByText('Wednesday supervision was 1 h, not 1 h 30 min.')).toBeVisible();
  // The supervisor sees exactly what changed against the signed version.
  const changes = page.getByRole('list', { name: 'Changes' });
  await expect(changes.getByRole('listitem', { name: 'Removed' })).toHaveText(
    'Wed 18 Nov · Supervision — individual · 1 h 30 min',
  );
  await expect(changes.getByRole('listitem', { name: 'Added' })).toHaveText(
    'Wed 18 Nov · Supervision — individual · 1 h',
  );
  await page.screenshot({ ...shot('review-amendment'), fullPage: true });

  // What the screens showed is what main stored: one signature so far, the amendment pending.
  const stored = await app.call('weeks.get', { workerId: worker.id, weekStart: '2026-11-16' });
  expect(stored).toMatchObject({ status: 'submitted', version: 1, signedBefore: true });
  expect(stored.signatures).toHaveLength(1);
  expect(stored.currentHash).not.toBe(stored.signatures[0]?.entriesHash);
});
