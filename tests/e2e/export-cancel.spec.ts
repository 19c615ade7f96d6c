import { choose, expect, test } from './fixtures.js';
import { seedPractice } from './seed.js';

/**
 * A long export shows a progress bar with a Cancel button: cancelling answers that nothing was
 * made or recorded, and the person's disclosure log stays empty.
 */
test('the owner cancels a large person-record PDF from its progress bar', async ({ app, page }) => {
  const { sam } = await seedPractice(app);
  // Ten months of hours, twenty short entries a day: a PDF of a few hundred pages.
  const rows = Array.from({ length: 6_000 }, (_, i) =>
    [
      new Date(Date.UTC(2026, 0, 5) + Math.floor(i / 20) * 86_400_000).toISOString().slice(0, 10),
      sam.id,
      'Downtown Clinic',
      'maria.lopez@lakeside.example',
      'direct_individual',
      '5',
      `session ${i}`,
    ].join(','),
  );
  const csv = ['date,worker_id,site,supervisor,category,minutes,note', ...rows].join('\n');
  await app.call('csv.importHours', { csv });

  await app.open('#/privacy?tab=records', 'Privacy');
  await choose(page.locator('body'), 'Person', 'Sam Chen');
  await page.getByRole('textbox', { name: 'Recipient' }).fill('Sam Chen (the person)');
  await page.getByRole('textbox', { name: 'Purpose' }).fill('Access request');
  await page.getByRole('button', { name: 'Export record as PDF' }).click();

  // The bar counts the rows drawn; Cancel stops the worker thread.
  const bar = page.getByRole('status').filter({ hasText: "Making the record's PDF file" });
  await expect(bar).toContainText(/ of \d,\d{3}/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    page.getByText('The export was cancelled: no file was made and no disclosure was recorded.'),
  ).toBeVisible();
  await expect(bar).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export record as PDF' })).toBeEnabled();
  const disclosures = await app.call('privacy.disclosures.list', {
    personType: 'worker',
    personId: sam.id,
  });
  expect(disclosures).toEqual([]);
});
