import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createKeytarSecretStore } from '../../main/platform/keytar-secret-store.js';
import { startHarness } from '../harness/server.js';
import { completeSetup, fakeClock } from '../support/temp-core.js';
import { NOW, OWNER, expect, signInThroughUi, test, type App } from './fixtures.js';
import { shot } from './shots.js';

const DAY = 24 * 60 * 60 * 1000;

const addWorker = (app: App, firstName: string, lastName: string) =>
  app.call('workers.create', {
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}@lakeside.example`,
    title: 'Associate MFT',
    registrationNumber: `AMFT ${firstName.length}0442`,
    registrationExpires: '2027-08-31',
    startDate: '2026-01-05',
  });

const workerNames = async (app: App) =>
  (await app.call('workers.list', {})).map((w) => `${w.firstName} ${w.lastName}`).sort();

const backupsTable = (page: Page) => page.getByRole('table', { name: 'Backups' });

test('back up now lists the backup with its expiry date, and restoring it undoes later changes', async ({
  app,
  page,
}) => {
  await addWorker(app, 'Sam', 'Chen');
  await app.open('#/backups', 'Backups');
  await expect(page.getByRole('heading', { name: 'No backups yet' })).toBeVisible();
  await expect(page.getByTestId('backup-folder')).toHaveText(join(app.dataFolder, 'backups'));

  await page.getByRole('button', { name: 'Back up now' }).first().click();
  await expect(page.getByText('Backed up', { exact: true })).toBeVisible();
  const row = backupsTable(page).getByRole('row', { name: /20 Nov 2026, 10:00/ });
  await expect(row).toContainText('Manual');
  await expect(row).toContainText('Verified');
  // Made 2026-11-20 with the default 365-day expiry age.
  await expect(row).toContainText('20 Nov 2027');
  await expect(row).toContainText('Daily');
  await expect(page.getByTestId('gone-by')).toHaveText(
    'Anything deleted today is gone from every backup by 20 November 2027.',
  );
  const [made] = (await app.call('backups.list', {})).items;

  // A change after the backup, which the restore takes away again.
  await app.advance(60_000);
  await addWorker(app, 'Priya', 'Natarajan');
  expect(await workerNames(app)).toEqual(['Priya Natarajan', 'Sam Chen']);

  await page.getByRole('button', { name: 'Restore the backup made 20 Nov 2026, 10:00' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
  const contents = dialog.getByTestId('backup-contents');
  await expect(contents).toContainText('My practice');
  await expect(contents).toContainText('20 Nov 2026, 10:00');
  await expect(dialog.getByTestId('count-workers')).toHaveText('1');
  await expect(dialog.getByTestId('count-hour-entries')).toHaveText('0');
  await page.waitForTimeout(250);
  await page.screenshot(shot('backups-restore-1-preview'));
  await dialog.getByRole('button', { name: 'Continue' }).click();

  // A wrong password is refused under its field, and nothing is restored.
  await expect(dialog.getByText('safety backup', { exact: false }).first()).toBeVisible();
  await dialog.getByLabel('Your password').fill('not my password');
  await dialog.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(dialog.getByText(/This is not your password/)).toBeVisible();
  expect(await workerNames(app)).toEqual(['Priya Natarajan', 'Sam Chen']);
  await page.screenshot(shot('backups-restore-2-confirm'));
  // A wrong password makes the next attempt wait a moment.
  await app.advance(2_000);

  await dialog.getByLabel('Your password').fill(OWNER.password);
  await dialog.getByRole('button', { name: 'Restore this backup' }).click();
  const summary = dialog.getByTestId('restore-summary');
  await expect(summary).toContainText('Restored');
  await expect(summary).toContainText('1 worker, 0 supervisors and 0 hour entries');
  await page.screenshot(shot('backups-restore-3-summary'));
  expect(await workerNames(app)).toEqual(['Sam Chen']);
  const safety = (await app.call('backups.list', {})).items.find((i) => i.tier === 'safety');
  await expect(summary).toContainText(`safety backup ${safety?.fileName ?? '?'}`);

  await dialog.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(dialog).toBeHidden();
  // The owner stays signed in; the list now holds the safety backup too.
  await expect(backupsTable(page).getByText('Before restore')).toBeVisible();
  await expect(backupsTable(page).getByRole('row')).toHaveCount(3);
  const audit = await app.call('audit.list', { action: 'restore', limit: 10 });
  expect(audit.map((a) => a.detail)).toEqual([expect.stringContaining(made?.fileName ?? '?')]);
});

test('the menu’s "Back up now" makes one backup per request, not one per reload', async ({
  app,
  page,
}) => {
  await app.open('#/backups?now=1700000000000', 'Backups');
  await expect(backupsTable(page).getByRole('row')).toHaveCount(2);
  await expect(page).toHaveURL(/#\/backups$/);
  await page.reload();
  await expect(backupsTable(page)).toBeVisible();
  expect((await app.call('backups.list', {})).items).toHaveLength(1);
});

test('a damaged backup file is refused with main’s message, and a bad folder under its field', async ({
  app,
  page,
}) => {
  const item = await app.call('backups.create', {});
  const bytes = await readFile(join(app.dataFolder, 'backups', item.fileName));
  const at = bytes.length - 40;
  bytes.writeUInt8((bytes.readUInt8(at) ^ 0xff) & 0xff, at);

  await app.open('#/backups', 'Backups');
  await page.locator('input[type="file"]').setInputFiles({
    name: 'damaged.hkbackup',
    mimeType: 'application/octet-stream',
    buffer: bytes,
  });
  const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
  await expect(dialog.getByRole('alert')).toContainText('This backup cannot be restored');
  await expect(dialog.getByRole('button', { name: 'Continue' })).toHaveCount(0);
  await page.screenshot(shot('backups-restore-damaged'));
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // A folder that cannot be created: a path under a regular file.
  const folder = page.getByRole('form', { name: 'Backup folder' });
  await folder.getByLabel('Folder').fill(join(app.dataFolder, 'hourkeep.db', 'backups'));
  await folder.getByRole('button', { name: 'Save folder' }).click();
  await expect(folder.getByLabel('Folder')).toHaveAttribute('aria-invalid', 'true');
  expect((await app.call('backups.list', {})).folder).toBe(join(app.dataFolder, 'backups'));

  // An all-zero policy is refused next to the fields.
  const rules = page.getByRole('form', { name: 'Which backups are kept' });
  for (const label of ['Days', 'Weeks', 'Months'])
    await rules.getByLabel(label, { exact: true }).fill('0');
  await rules.getByRole('button', { name: 'Save rules' }).click();
  await expect(rules.getByText(/Keep at least one backup by some rule/)).toBeVisible();
  // keep-within is a rule of its own, written as restic writes durations.
  await rules.getByLabel('Keep all within').fill('2 weeks');
  await rules.getByRole('button', { name: 'Save rules' }).click();
  await expect(rules.getByText(/Use a duration such as 7d, 2m or 1y6m/)).toBeVisible();
  await rules.getByRole('button', { name: 'Save rules' }).scrollIntoViewIfNeeded();
  await page.screenshot(shot('backups-settings-errors'));
  await rules.getByLabel('Keep all within').fill('14D');
  await rules.getByRole('button', { name: 'Save rules' }).click();
  await expect(rules.getByLabel('Keep all within')).toHaveValue('14d');
  expect((await app.call('settings.get', {})).retention).toMatchObject({
    keepDaily: 0,
    keepWithin: '14d',
  });
});

test('another practice’s backup asks for its recovery code before showing what it holds', async ({
  app,
  page,
}) => {
  const dataFolder = await mkdtemp(join(tmpdir(), 'hourkeep-e2e-other-practice-'));
  const other = await startHarness({
    dataFolder,
    rendererDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
    secrets: createKeytarSecretStore('Hourkeep (e2e)'),
    clock: fakeClock(NOW.toISOString()),
  });
  try {
    const code = await completeSetup(other.core, 'Harbor Counseling');
    const made = await other.core.invoke('backups.create', {});
    const fileName = made.ok ? (made.value as { fileName: string }).fileName : '?';
    const bytes = await readFile(join(dataFolder, 'backups', fileName));

    await app.open('#/backups', 'Backups');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: fileName, mimeType: 'application/octet-stream', buffer: bytes });
    const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
    await expect(dialog.getByText(/made with another data key/)).toBeVisible();
    await dialog.getByLabel('Recovery code').fill('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA');
    await dialog.getByRole('button', { name: 'Open backup' }).click();
    await expect(dialog.getByText('This recovery code does not open this backup')).toBeVisible();
    await page.screenshot(shot('backups-restore-recovery-code'));
    await dialog.getByLabel('Recovery code').fill(code);
    await dialog.getByRole('button', { name: 'Open backup' }).click();
    await expect(dialog.getByTestId('backup-contents')).toContainText('Harbor Counseling');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect((await app.call('practice.get', {})).name).toBe('My practice');
  } finally {
    await other.close();
    await rm(dataFolder, { recursive: true, force: true });
  }
});

test('screenshots: backups of every kind', async ({ app, page }) => {
  await addWorker(app, 'Sam', 'Chen');
  // Days pass with nobody at the keyboard: the app locks itself (closing the database) and the
  // owner unlocks it again before each backup.
  const later = async (ms: number) => {
    await app.advance(ms);
    await expect.poll(() => app.core.isOpen()).toBe(false);
    await app.call('auth.unlock', { password: OWNER.password });
  };
  // One a day apart each, so the rotation keeps them all.
  await app.core.services.backups.create('startup');
  await later(2 * DAY);
  await app.core.services.backups.create('daily');
  await later(3 * DAY);
  await app.core.services.backups.create('quit');
  await later(3 * DAY);
  await app.core.services.backups.create('manual');
  await writeFile(join(app.dataFolder, 'backups', 'copied-by-hand.hkbackup'), 'not a backup');
  await app.open('#/backups', 'Backups');
  await expect(backupsTable(page).getByRole('row')).toHaveCount(6);
  await expect(backupsTable(page).getByRole('button', { name: /Restore the backup/ })).toHaveCount(
    4,
  );
  await page.screenshot(shot('backups'));
  await page.screenshot({ ...shot('backups-full'), fullPage: true });
});

test('a practice comes back on a new computer through the first-run wizard', async ({
  app,
  page,
}) => {
  await addWorker(app, 'Sam', 'Chen');
  const item = await app.call('backups.create', {});
  const bytes = await readFile(join(app.dataFolder, 'backups', item.fileName));

  // Another computer: a fresh data folder, nothing set up.
  const dataFolder = await mkdtemp(join(tmpdir(), 'hourkeep-e2e-new-machine-'));
  const other = await startHarness({
    dataFolder,
    rendererDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
    secrets: createKeytarSecretStore('Hourkeep (e2e)'),
    clock: fakeClock(NOW.toISOString()),
    tickMs: 100,
  });
  try {
    await page.goto(other.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Set up Hourkeep' })).toBeVisible();
    await page.screenshot(shot('wizard-first-step'));
    await page.getByRole('button', { name: 'Restore from a backup' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Restore from a backup' }),
    ).toBeVisible();

    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: item.fileName, mimeType: 'application/octet-stream', buffer: bytes });
    await page.getByLabel('Recovery code').fill('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA');
    await page.getByRole('button', { name: 'Open backup' }).click();
    await expect(page.getByText('This recovery code does not open this backup')).toBeVisible();
    await page.screenshot(shot('wizard-restore-1-wrong-code'));

    await page.getByLabel('Recovery code').fill(app.recoveryCode ?? '');
    await page.getByRole('button', { name: 'Open backup' }).click();
    await expect(page.getByTestId('backup-contents')).toContainText('My practice');
    await expect(page.getByTestId('count-workers')).toHaveText('1');
    await page.screenshot(shot('wizard-restore-2-preview'));
    await page.getByRole('button', { name: 'Restore this practice' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('My practice', { exact: true })).toBeVisible();
    await page.screenshot(shot('wizard-restore-3-sign-in'));
    await signInThroughUi(page, OWNER.username, OWNER.password);
    await expect(page.getByTestId('practice-name')).toHaveText('My practice');
    const workers = await other.core.invoke('workers.list', {});
    expect(workers.ok && (workers.value as { lastName: string }[]).map((w) => w.lastName)).toEqual([
      'Chen',
    ]);
  } finally {
    await other.close();
    await rm(dataFolder, { recursive: true, force: true });
  }
});
