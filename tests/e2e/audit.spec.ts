import { choose, expect, test } from './fixtures.js';
import { seedBasics } from './seed.js';

test('the audit trail lists sign-ins and changes, shows what changed, and verifies intact', async ({
  app,
  page,
}) => {
  const { worker } = await seedBasics(app);
  await app.call('workers.update', {
    id: worker.id,
    firstName: 'Sam',
    lastName: 'Chen-Park',
    email: 'sam@example.org',
    startDate: '2026-01-05',
    active: true,
  });
  await app.open('#/audit', 'Audit trail');
  const table = page.getByRole('table', { name: 'Audit trail' });

  // Newest first; the set-up, the owner's sign-in and every record written are there.
  await expect(table.getByRole('row', { name: /Set-up/ })).toContainText('practice set up');
  await expect(table.getByRole('row', { name: /Sign in/ }).first()).toContainText('owner');
  const created = table
    .getByRole('row')
    .filter({ hasText: 'Create' })
    .filter({ hasText: /Worker #1/ });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText('Sam Chen-Park');

  // The update, expanded: before beside after, the changed field marked.
  const updated = table
    .getByRole('row')
    .filter({ hasText: 'Update' })
    .filter({ hasText: /Worker #1/ });
  await updated.getByRole('button', { name: /Show changes/ }).click();
  const diff = page.locator('.diff-table tr[data-changed]');
  await expect(diff).toHaveCount(1);
  await expect(diff).toContainText('lastName');
  await expect(diff).toContainText('Chen');
  await expect(diff).toContainText('Chen-Park');

  // Filtered to sign-ins only.
  await choose(page.getByRole('main'), 'Action', 'Sign in');
  await expect(table.getByRole('row').filter({ hasText: 'Create' })).toHaveCount(0);
  await expect(table.getByRole('row', { name: /Sign in/ })).toHaveCount(1);

  await page.getByRole('button', { name: 'Verify integrity' }).click();
  const count = await app.count('audit_log');
  await expect(page.getByRole('status').filter({ hasText: 'intact' })).toContainText(
    `Audit trail intact — ${count} entries checked`,
  );
  // Nothing signed yet: the signature half of the run says so.
  await expect(page.getByRole('status').filter({ hasText: 'sign-offs' })).toContainText(
    'Week sign-offs valid — 0 sign-offs checked',
  );
});

test('a broken chain is reported at the first changed entry', async ({ app, page }) => {
  await seedBasics(app);
  // Someone edits the file behind the app's back (the append-only trigger dropped first).
  await app.core.db.raw('DROP TRIGGER audit_log_no_update');
  await app.core.db('audit_log').where({ id: 3 }).update({ detail: 'edited behind the app' });
  await app.open('#/audit', 'Audit trail');
  await page.getByRole('button', { name: 'Verify integrity' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Audit trail broken at entry #3: its content was changed',
  );
});
