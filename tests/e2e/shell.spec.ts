/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { seedPractice } from './seed.js';

/**
 * The shell at the smallest window the app allows (1024×700, main/electron/window.ts) and at a
 * 1280×800 laptop: every sidebar item can be reached, and the tables keep their actions and
 * key columns on screen.
 */
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
];

/** The element's box lies inside the window (nothing cut off at the right or the bottom). */
async function inWindow(
  page: Page,
  name: string,
  box: { x: number; y: number; width: number; height: number } | null,
) {
  const size = page.viewportSize() ?? { width: 0, height: 0 };
  if (!box) throw new Error(`${name} is not on the page`);
  expect(box.x, `${name} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${name} ends inside the window`).toBeLessThanOrEqual(size.width + 0.5);
  expect(box.y + box.height, `${name} is above the bottom edge`).toBeLessThanOrEqual(
    size.height + 0.5,
  );
}

for (const size of SIZES) {
  test(`shell at ${size.width}×${size.height}: every sidebar item reachable, table actions and key columns in view`, async ({
    app,
    page,
  }) => {
    test.setTimeout(150_000);
    await page.setViewportSize(size);
    const { sam } = await seedPractice(app);
    await app.open('#/dashboard', 'Dashboard');

    const nav = page.getByRole('navigation', { name: 'Main' });
    const links = nav.getByRole('link');
    const names = await links.allInnerTexts();
    expect(names).toContain('Settings');
    expect(names).toContain('Audit trail');
    // Each item, the last ones too, scrolls into the window and opens its screen.
    for (const name of ['Backups', 'Privacy', 'Audit trail', 'Settings']) {
      const link = nav.getByRole('link', { name, exact: true });
      await link.scrollIntoViewIfNeeded();
      await inWindow(page, name, await link.boundingBox());
      await link.click();
      await expect(page).toHaveTitle(`${name} — Hourkeep`);
    }

    // Workers: Supervision and Edit stay on screen for every row.
    await app.open('#/workers', 'Workers');
    const supervision = page
      .getByRole('button', { name: 'Supervision for Sam Chen' })
      .locator('visible=true');
    const edit = page.getByRole('button', { name: 'Edit Sam Chen' });
    // The rows render after the list's query answers: wait for them before measuring.
    await expect(supervision).toBeVisible();
    await expect(edit).toBeVisible();
    await inWindow(page, 'Supervision', await supervision.boundingBox());
    await inWindow(page, 'Edit', await edit.boundingBox());
    await supervision.click();
    await expect(page.getByRole('list', { name: 'Assignments' })).toBeVisible();
    await page.keyboard.press('Escape');
    await edit.click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');

    // Dashboard: Projected and CE in view.
    await app.open('#/dashboard', 'Dashboard');
    const table = page.getByRole('table', { name: "Workers' progress" });
    for (const column of ['Projected', 'CE']) {
      await inWindow(
        page,
        column,
        await table.getByRole('columnheader', { name: column, exact: true }).boundingBox(),
      );
    }

    // Audit trail: Detail in view.
    await app.open('#/audit', 'Audit trail');
    const audit = page.getByRole('table', { name: 'Audit trail' });
    await inWindow(
      page,
      'Detail',
      await audit.getByRole('columnheader', { name: 'Detail', exact: true }).boundingBox(),
    );

    // The page itself never scrolls sideways.
    for (const hash of [
      '#/dashboard',
      `#/hours?worker=${sam.id}&week=2026-11-16`,
      '#/workers',
      '#/audit',
    ]) {
      await page.goto(`${app.url}${hash}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${hash} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  });
}
