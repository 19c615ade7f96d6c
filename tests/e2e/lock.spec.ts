import type { Page } from '@playwright/test';
import { OWNER, expect, invokeInPage, test } from './fixtures.js';
import { seedBasics } from './seed.js';

/** What must not be anywhere in the page while it is locked: names, places, entries. */
async function expectNoRecords(page: Page) {
  for (const text of ['Sam Chen', 'Maria Lopez', 'Downtown Clinic', '1 h 30 min', 'Intake']) {
    await expect(page.getByText(text)).toHaveCount(0);
  }
  // Attributes and input values too (the worker picker holds the name as its value).
  const html = await page.content();
  for (const text of ['Sam Chen', 'Maria Lopez', 'Downtown Clinic', 'Intake']) {
    expect(html).not.toContain(text);
  }
}

test('idle past the timeout locks the app, drops every record, and unlocks with the password', async ({
  app,
  page,
}) => {
  const { worker, site, supervisor } = await seedBasics(app);
  await app.call('hours.add', {
    workerId: worker.id,
    date: '2026-11-18',
    siteId: site.id,
    supervisorId: supervisor.id,
    category: 'direct_individual',
    minutes: 90,
    note: 'Intake sessions',
  });
  await app.call('settings.update', { idleMinutes: 1 });

  await app.open(`#/hours?worker=${worker.id}&week=2026-11-16`, 'Hours');
  const wednesday = page.getByRole('region', { name: 'Wednesday 18 November' });
  await expect(wednesday).toContainText('1 h 30 min');
  await expect(page.getByRole('combobox', { name: 'Worker' })).toHaveValue('Sam Chen');

  // A minute and a second with nobody at the keyboard.
  await app.advance(61_000);
  await expect(page.getByRole('heading', { level: 1, name: 'Olivia Owner' })).toBeVisible();
  await expect(page.getByTestId('lock-reason')).toHaveText('Locked after 1 minute idle');
  await expect(page.getByText('My practice')).toBeVisible();
  await expectNoRecords(page);

  // Main refuses everything but status, unlock and sign-out, whoever asks.
  const direct = await app.core.invoke('workers.list', {});
  expect(direct).toMatchObject({ ok: false, error: { code: 'locked' } });
  const fromPage = await invokeInPage(page, 'hours.week', {
    workerId: worker.id,
    weekStart: '2026-11-16',
  });
  expect(fromPage).toMatchObject({ ok: false, error: { code: 'locked' } });

  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(wednesday).toContainText('1 h 30 min');
  await expect(wednesday).toContainText('Intake sessions');
  await expect(page.getByRole('combobox', { name: 'Worker' })).toHaveValue('Sam Chen');
});

test('Ctrl+L and the user menu lock at once; a wrong password keeps it locked', async ({
  app,
  page,
}) => {
  const { worker } = await seedBasics(app);
  await app.open(`#/hours?worker=${worker.id}`, 'Hours');
  await expect(page.getByRole('combobox', { name: 'Worker' })).toHaveValue('Sam Chen');

  await page.keyboard.press('Control+L');
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await expect(page.getByTestId('lock-reason')).toHaveText('Locked');
  await expectNoRecords(page);
  expect(await app.call('auth.status', {})).toMatchObject({
    phase: 'locked',
    lockReason: 'manual',
  });

  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not my password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong username or password.');
  await app.advance(2_000);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('combobox', { name: 'Worker' })).toHaveValue('Sam Chen');

  await page.getByRole('button', { name: 'Account: Olivia Owner' }).click();
  await page.getByRole('menuitem', { name: /Lock now/ }).click();
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await expectNoRecords(page);

  // The recovery code never just unlocks: an owner who forgot the password sets a new one
  // (from "Sign in as someone else"), and is signed in; both are in the audit trail.
  await page.getByRole('button', { name: 'Sign in as someone else' }).click();
  await page.getByRole('button', { name: 'Owners: use the recovery code' }).click();
  await page.getByLabel('Owner username').fill(OWNER.username);
  await page.getByLabel('Recovery code').fill(app.recoveryCode ?? '');
  await page.getByLabel('New password', { exact: true }).fill('a fresh owner password');
  await page.getByLabel('Confirm new password').fill('a fresh owner password');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const [reset] = await app.call('audit.list', { action: 'password_reset', limit: 1 });
  expect(reset?.detail).toBe('with the recovery code');
});
