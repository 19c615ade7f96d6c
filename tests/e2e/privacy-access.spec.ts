import { readFile } from 'node:fs/promises';
import { choose, expect, signInThroughUi, test } from './fixtures.js';
import { seedPractice } from './seed.js';
import { shot } from './shots.js';

test('the owner exports a record; the worker sees it under My data as a disclosure', async ({
  app,
  page,
}) => {
  const { sam } = await seedPractice(app);
  await app.addAccount('sam', 'Sam Chen', { workerId: sam.id });

  await app.open('#/privacy?tab=records', 'Privacy');
  await choose(page.locator('body'), 'Person', 'Sam Chen');

  // Without a recipient main refuses, and the field says so.
  await page.getByRole('textbox', { name: 'Purpose' }).fill('Access request');
  await page.getByRole('button', { name: 'Export record as JSON' }).click();
  await expect(page.getByRole('textbox', { name: 'Recipient' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(page.getByText('Required')).toBeVisible();

  await page.getByRole('textbox', { name: 'Recipient' }).fill('Sam Chen (the person)');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export record as JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('person-record-chen-sam-2026-11-20.json');
  const json = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    schema: string;
    person: { email: string };
  };
  expect(json.schema).toBe('hourkeep.person-record/1');
  expect(json.person.email).toBe(sam.email);

  const disclosures = page.getByRole('table', { name: "Disclosures of Sam Chen's data" });
  await expect(disclosures).toContainText('Sam Chen (the person)');
  await expect(disclosures).toContainText('Full personal record');
  await expect(
    page.getByRole('table', { name: 'Disclosures in 2026' }).getByRole('row'),
  ).toHaveCount(2);
  await page.screenshot({ ...shot('privacy-records-tab'), fullPage: true });

  await app.call('auth.signOut', {});
  // A fragment change keeps the page's session; a reload shows the sign-in screen for certain.
  await page.goto(`${app.url}#/my-data`);
  await page.reload();
  await signInThroughUi(page, 'sam', 'sam password 1');
  await page.goto(`${app.url}#/my-data`);
  await expect(page.getByRole('heading', { level: 1, name: 'My data' })).toBeVisible();
  const mine = page.getByRole('table', { name: 'Disclosures of your data' });
  await expect(mine).toContainText('Sam Chen (the person)');
  await expect(mine).toContainText('Access request');
  await expect(mine).toContainText('owner');
  await expect(page.getByRole('table', { name: 'Hour entries' })).toBeVisible();
  await page.screenshot({ ...shot('my-data-record'), fullPage: true });
});
