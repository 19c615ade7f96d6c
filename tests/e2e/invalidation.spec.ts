import { expect, test } from './fixtures.js';
import { seedBasics, seedDeletionRequest } from './seed.js';
import { formatHours } from '../../renderer/src/screens/dashboard/format.js';

/**
 * Issue 17: a write refreshes every query that reads a table it changed, with no list of
 * screens to refresh. The example the issue found missing: erasing a person's hours refreshed
 * neither their week nor their progress. The page's clock stands still, so nothing read before
 * ever goes stale by age: only the invalidation can bring the new figures.
 */
test("erasing a person's hours refreshes their week and progress without a reload", async ({
  app,
  page,
}) => {
  test.slow();
  const { sam, request } = await seedDeletionRequest(app);
  // In-page navigation (a new fragment) keeps the query cache, as the sidebar does.
  const go = async (hash: string, title: string) => {
    await page.evaluate((h) => (window.location.hash = h), hash);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  };
  const week = `#/hours?worker=${sam.id}&week=2026-11-16`;
  const tuesday = page.getByRole('region', { name: 'Tuesday 17 November' });
  // Sam has no requirement pack: the dashboard says how much is logged in all.
  const logged = page.getByText(/logged so far/);

  await app.open(week, 'Hours');
  await expect(tuesday).toContainText('3 h');
  await go(`#/?worker=${sam.id}`, 'Dashboard');
  await expect(logged).toContainText(`${formatHours(1305)} logged so far`);

  await go(`#/privacy?tab=deletion&request=${request.id}&type=worker&id=${sam.id}`, 'Privacy');
  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: "Delete this person's data" });
  await dialog.getByLabel('Your password').fill('owner password 1');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByTestId('deletion-result')).toBeVisible();
  expect(await app.core.db('hour_entries').where({ worker_id: sam.id })).toEqual([]);

  await go(week, 'Hours');
  await expect(tuesday).not.toContainText('3 h');
  await go(`#/?worker=${sam.id}`, 'Dashboard');
  await expect(logged).toContainText(`${formatHours(0)} logged so far`);
});

test('a write outside any call (scheduled work) refreshes what it changed on screen', async ({
  app,
  page,
}) => {
  const { site } = await seedBasics(app);
  await app.open('#/sites', 'Sites');
  await expect(page.getByText('Downtown Clinic')).toBeVisible();
  // Straight to the database, as the hourly deletions and scheduled backups write: main sees
  // the statement outside any call and pushes a `changed` event.
  await app.core.db('sites').where({ id: site.id }).update({ name: 'Uptown Clinic' });
  await expect(page.getByText('Uptown Clinic')).toBeVisible();
  await expect(page.getByText('Downtown Clinic')).toBeHidden();
});
