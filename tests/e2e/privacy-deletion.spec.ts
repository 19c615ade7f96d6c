import { expect, test } from './fixtures.js';
import { seedDeletionRequest } from './seed.js';
import { shot } from './shots.js';

test('the owner deletes a person under the retention rules from a deletion request', async ({
  app,
  page,
}) => {
  test.slow();
  const { sam, request } = await seedDeletionRequest(app);
  await app.call('backups.create', {});

  await app.open(
    `#/privacy?tab=deletion&request=${request.id}&type=worker&id=${sam.id}`,
    'Privacy',
  );
  await expect(page.getByText('For deletion request #' + request.id)).toBeVisible();
  const kept = page.getByRole('table', { name: 'Kept' });
  // Sam is supervised today (open assignment): kept 7 years, to 20 Nov 2033.
  await expect(
    kept.getByRole('row', { name: /Supervision assignments.*Supervision records.*20 Nov 2033/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Deleted now' }).getByText('Hour entries (not signed)'),
  ).toBeVisible();
  // The backup made today expires after 365 days.
  await expect(page.getByTestId('gone-from-backups')).toHaveText('20 Nov 2027');
  await page.screenshot({ ...shot('privacy-deletion-plan'), fullPage: true });

  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: "Delete this person's data" });
  await dialog.getByLabel('Your password').fill('not my password');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog.getByText(/not your password/)).toBeVisible();
  expect(await app.count('hour_entries')).toBeGreaterThan(0);
  await app.advance(5_000);
  await dialog.getByLabel('Your password').fill('owner password 1');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();

  const result = page.getByTestId('deletion-result');
  await expect(result.getByText('Partly deleted; the rest is scheduled')).toBeVisible();
  await expect(result.getByText(/Scheduled for 20 Nov 2033/)).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Scheduled deletions' }).getByText('Sam Chen'),
  ).toBeVisible();
  await page.screenshot({ ...shot('privacy-deletion-result'), fullPage: true });

  const left = await app.core.db('hour_entries').where({ worker_id: sam.id });
  expect(left).toEqual([]);
  const row = (await app.core.db('privacy_requests').where({ id: request.id }).first()) as {
    status: string;
    person_id: number | null;
  };
  expect(row).toMatchObject({ status: 'partial', person_id: null });

  // Rules: a clear field error, then a saved change.
  await page.getByRole('button', { name: 'Edit Continuing education' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit retention rule' });
  await edit.getByLabel('Years kept').fill('0');
  await edit.getByRole('button', { name: 'Save rule' }).click();
  await expect(edit.getByText('At least 1 year')).toBeVisible();
  await edit.getByLabel('Years kept').fill('5');
  await edit.getByRole('button', { name: 'Save rule' }).click();
  await expect(edit).toBeHidden();
  await expect(
    page
      .getByRole('table', { name: 'Retention rules' })
      .getByRole('row', { name: /Continuing education.*5 years/ }),
  ).toBeVisible();
  await page.getByRole('table', { name: 'Retention rules' }).scrollIntoViewIfNeeded();
  await page.screenshot({ ...shot('privacy-retention-rules'), fullPage: true });

  // The audit trail marks the rows whose personal data the deletion removed.
  const redacted = await app.core.db('audit_log').whereNotNull('redacted_at').count({ n: '*' });
  expect(Number((redacted[0] as { n: number }).n)).toBeGreaterThan(0);
  await app.open('#/audit', 'Audit trail');
  const badge = page.getByText('Redacted', { exact: true }).first();
  await expect(badge).toBeVisible();
  await badge.hover();
  await expect(page.getByRole('tooltip')).toContainText('Personal data removed on 20 Nov 2026');
  await page.screenshot(shot('audit-redacted'));
});
