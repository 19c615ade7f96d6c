import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { choose, expect, test } from './fixtures.js';
import { seedPractice } from './seed.js';
import { shot } from './shots.js';

const pdfText = (path: string) =>
  execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

test('download a weekly log and an experience summary PDF through the UI', async ({
  app,
  page,
}) => {
  const ids = await seedPractice(app);
  await app.open('#/reports', 'Reports');
  await choose(page.locator('body'), 'Worker', 'Sam Chen');
  await page.getByLabel('Any day in the week').fill('2026-11-18');

  // A file of a person's data says who it is for and why; without both main refuses it.
  await page.getByRole('button', { name: 'Weekly log PDF' }).click();
  await expect(page.getByText('Say who the file is for and why')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Recipient' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await page.getByRole('textbox', { name: 'Recipient' }).fill('California BBS');
  await page.getByRole('textbox', { name: 'Purpose' }).fill('Licensure application');

  const folder = mkdtempSync(join(tmpdir(), 'hourkeep-e2e-pdf-'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Weekly log PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('weekly-log-chen-sam-2026-11-16.pdf');
  const path = join(folder, download.suggestedFilename());
  await download.saveAs(path);
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
  const text = pdfText(path);
  expect(text).toContain('Weekly log of supervised experience');
  expect(text).toContain('Lakeside Family Therapy');
  expect(text).toContain('Sam Chen, Associate MFT');
  expect(text).toContain('AMFT130442');
  expect(text).toContain('Week Monday 16 November 2026 to Sunday 22 November 2026');
  expect(text).toContain('Supervisor — signature');
  await expect(page.getByText('weekly-log-chen-sam-2026-11-16.pdf is ready.')).toBeVisible();

  const [summary] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Experience summary PDF' }).click(),
  ]);
  const summaryPath = join(folder, summary.suggestedFilename());
  await summary.saveAs(summaryPath);
  const summaryText = pdfText(summaryPath);
  expect(summaryText).toContain('Summary of supervised experience');
  expect(summaryText).toContain('Maria Lopez at Downtown Clinic');
  expect(summaryText).toContain('Total hours of experience');

  const [audit] = await app.call('audit.list', { action: 'export', limit: 1 });
  expect(audit?.detail).toContain('Experience summary PDF');
  const disclosed = await app.call('privacy.disclosures.list', {
    personType: 'worker',
    personId: ids.sam.id,
  });
  expect(disclosed.map((d) => [d.document, d.recipient, d.purpose])).toEqual([
    ['experience-summary', 'California BBS', 'Licensure application'],
    ['weekly-log', 'California BBS', 'Licensure application'],
  ]);
  await page.screenshot(shot('reports-screen'));
});

test('a CSV with one bad row lists the row and field and imports nothing', async ({
  app,
  page,
}) => {
  const ids = await seedPractice(app);
  const before = await app.count('hour_entries');
  await app.open('#/reports', 'Reports');

  const header = 'date,worker_id,site,supervisor,category,minutes,note';
  const row = (date: string, site: string) =>
    `${date},${ids.sam.id},${site},Maria Lopez,direct_individual,45,From the spreadsheet`;
  const bad = [
    header,
    row('2026-11-02', 'Downtown Clinic'),
    row('2026-11-03', 'Uptown'),
    row('2026-11-04', 'Downtown Clinic'),
  ].join('\n');
  const fileInput = page.locator('input[type="file"]');
  await fileInput.setInputFiles({
    name: 'hours.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(bad),
  });

  const problems = page.getByRole('list', { name: 'Problems by row' });
  await expect(problems).toContainText('Line 3, site: No site named "Uptown"');
  await expect(page.getByText('2 valid')).toBeVisible();
  await expect(page.getByText('1 with problems')).toBeVisible();
  await expect(
    page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Uptown' }) }),
  ).toHaveAttribute('data-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Import 2 rows' })).toBeDisabled();
  await page.screenshot({ ...shot('reports-import-error'), fullPage: true });
  expect(await app.count('hour_entries')).toBe(before);

  const good = [
    header,
    row('2026-11-02', 'Downtown Clinic'),
    row('2026-11-03', 'Downtown Clinic'),
  ].join('\n');
  await fileInput.setInputFiles({
    name: 'hours-fixed.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(good),
  });
  await expect(page.getByText('0 with problems')).toBeVisible();
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(page.getByRole('alert', { name: 'Imported' })).toContainText(
    '2 hour entries imported: Sam Chen (2)',
  );
  expect(await app.count('hour_entries')).toBe(before + 2);
  await page.screenshot({ ...shot('reports-import-done'), fullPage: true });
});
