/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { choose, expect, test } from './fixtures.js';
import { seedBasics } from './seed.js';

/** Focus is on a control, never left on the page's body. */
async function expectFocusOnAControl(page: Page) {
  await page.waitForTimeout(300);
  const tag = await page.evaluate(() => document.activeElement?.tagName ?? 'none');
  expect(tag, 'focus fell to the page body').not.toBe('BODY');
}

test('deleting an hour entry can be undone; one notification at a time, beside the page, with a named close button', async ({
  app,
  page,
}) => {
  const { log } = await seedBasics(app);
  await log('2026-11-18', 60);
  await log('2026-11-19', 30);
  await app.open('#/hours', 'Hours');
  const wednesday = page.getByRole('region', { name: 'Wednesday 18 November' });
  await wednesday.getByRole('button', { name: 'Delete Direct — individual, 1 h' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete entry?' });
  // Destructive: the confirming button is red.
  await expect(confirm.getByRole('button', { name: 'Delete entry' })).toHaveCSS(
    'background-color',
    'rgb(224, 49, 49)',
  );
  await confirm.getByRole('button', { name: 'Delete entry' }).click();
  await expect(confirm).toBeHidden();
  expect(await app.count('hour_entries')).toBe(1);
  await expectFocusOnAControl(page);

  const notes = page.locator('.mantine-Notification-root');
  await expect(notes).toHaveCount(1);
  await expect(notes).toContainText('Entry deleted');
  await expect(notes.getByRole('button', { name: 'Close notification' })).toBeVisible();
  // Beside the page's content (over the sidebar's foot), never over the week or its totals.
  const note = await notes.boundingBox();
  const content = await page.locator('.page').boundingBox();
  expect((note?.x ?? Infinity) + (note?.width ?? 0)).toBeLessThanOrEqual(content?.x ?? 0);

  await notes.getByRole('button', { name: 'Undo' }).click();
  await expect(wednesday).toContainText('1 h');
  expect(await app.count('hour_entries')).toBe(2);
  await expect(notes).toHaveCount(1);
  await expect(notes).toContainText('Entry restored');

  // A second deletion while a notification shows: still one at a time.
  await page
    .getByRole('region', { name: 'Thursday 19 November' })
    .getByRole('button', { name: /^Delete / })
    .click();
  await page
    .getByRole('dialog', { name: 'Delete entry?' })
    .getByRole('button', { name: 'Delete entry' })
    .click();
  // The new notice replaces "Entry restored" in place: it does not wait the 5 s that notice has
  // left (Mantine's limit queued it), and the two are never in the page together.
  await expect(notes).toContainText('Entry deleted', { timeout: 3_000 });
  await expect(notes).toHaveCount(1);
  await expect(notes.getByRole('button', { name: 'Undo' })).toBeVisible();
});

test('keyboard: a skip link, shortcuts for a new entry, weeks and submit, their help dialog, and focus that never falls to the body', async ({
  app,
  page,
}) => {
  const { log } = await seedBasics(app);
  await log('2026-11-18', 60);
  await app.open('#/hours', 'Hours');

  // The first Tab reaches the skip link; it moves focus to the screen.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();
  await expect(page).toHaveURL(/#\/hours\?worker=/);

  // "?" lists the shortcuts.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const does of ['Log hours (new entry)', 'Previous week', 'Next week', 'Submit the week']) {
    await expect(
      help.getByRole('row', { name: new RegExp(does.replace(/[()]/g, '\\$&')) }),
    ).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // N: a new entry; saved, focus returns to the control that opened it (Log hours).
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'Log hours for Sam Chen' });
  await expect(dialog).toBeVisible();
  // Typing in a field is not a shortcut.
  await dialog.getByLabel('Hours').fill('2');
  await choose(dialog, 'Category', 'Direct — couples, family, children');
  await dialog.getByRole('button', { name: 'Log hours' }).click();
  await expect(dialog).toBeHidden();
  await expectFocusOnAControl(page);
  expect(await app.count('hour_entries')).toBe(2);

  // A dialog opened from a row's button gives the focus back to that button.
  const edit = page.getByRole('button', { name: 'Edit Direct — individual, 1 h' });
  await edit.click();
  await expect(page.getByRole('dialog', { name: 'Edit entry' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(edit).toBeFocused();

  // [ and ]: previous and next week.
  await page.keyboard.press('[');
  await expect(page).toHaveURL(/week=2026-11-09/);
  // An empty week still shows its seven days, each with its "+".
  await expect(page.getByRole('heading', { name: 'No entries this week' })).toBeVisible();
  for (const day of ['Monday 9 November', 'Wednesday 11 November', 'Sunday 15 November']) {
    await expect(page.getByRole('button', { name: `Log hours on ${day}` })).toBeVisible();
  }
  await page.keyboard.press(']');
  await expect(page).toHaveURL(/week=2026-11-16/);

  // S: submit the week (through its confirmation); focus stays on a control afterwards.
  await page.keyboard.press('s');
  const submit = page.getByRole('dialog', { name: 'Submit week for review?' });
  await expect(submit).toBeVisible();
  await submit.getByRole('button', { name: 'Submit week' }).click();
  await expect(submit).toBeHidden();
  await expect(page.locator('.mantine-Notification-root')).toContainText(
    'Week submitted for review',
  );
  await expectFocusOnAControl(page);
});

test('a field the person moves into while a dialog opens keeps the focus and what they type', async ({
  app,
  page,
}) => {
  await seedBasics(app);
  await app.open('#/workers', 'Workers');
  // On a loaded machine the dialog's initial focus (a zero-delay timer in Mantine's focus trap)
  // can run after the person has already clicked into another field. Holding such timers back
  // half a second reproduces that ordering every time.
  await page.evaluate(() => {
    const plain = window.setTimeout;
    window.setTimeout = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) =>
      plain(fn, ms ? ms : 500, ...rest)) as typeof window.setTimeout;
  });
  await page.getByRole('button', { name: 'Edit Sam Chen' }).click();
  const form = page.getByRole('dialog', { name: 'Edit worker' });
  await form.getByLabel('Degree').fill('MA Counseling Psychology');
  await page.waitForTimeout(700);
  await expect(form.getByLabel('Degree')).toBeFocused();
  await expect(form.getByLabel('Degree')).toHaveValue('MA Counseling Psychology');
  await expect(form.getByLabel('First name')).toHaveValue('Sam');
  await page.keyboard.type(', 2024');
  await expect(form.getByLabel('Degree')).toHaveValue('MA Counseling Psychology, 2024');
});
