import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { expectAccessible } from './a11y.js';
import { seedPractice } from './seed.js';

/**
 * Every screen of the owner's app, and the main dialogs, at the smallest window the app allows
 * and at a large one: each passes the accessibility check (tests/e2e/a11y.ts: no critical or
 * serious violation), and a screenshot of each is saved in the test's output folder
 * (test-results/e2e/tour-…/) for a person to look at.
 */
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
];

const SCREENS = [
  'dashboard',
  'hours',
  'review',
  'sessions',
  'ce',
  'reports',
  'workers',
  'supervisors',
  'sites',
  'statistics',
  'surveys',
  'my-data',
  'packs',
  'users',
  'backups',
  'database',
  'privacy',
  'audit',
  'settings',
];

async function settle(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Queries resolve; no loader left.
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
}

for (const size of SIZES) {
  test(`tour at ${size.width}×${size.height}: every screen and the main dialogs pass the accessibility check; screenshots`, async ({
    app,
    page,
  }, testInfo) => {
    test.setTimeout(360_000);
    await page.setViewportSize(size);
    const { sam } = await seedPractice(app);
    const snap = (name: string) =>
      page.screenshot({ path: testInfo.outputPath(`${size.width}x${size.height}-${name}.png`) });

    for (const screen of SCREENS) {
      const hash = screen === 'hours' ? `#/hours?worker=${sam.id}&week=2026-11-16` : `#/${screen}`;
      await page.goto(`${app.url}${hash}`);
      await settle(page);
      await snap(screen);
      await expectAccessible(page, `${screen} at ${size.width}×${size.height}`);
    }

    // The main dialogs.
    await page.goto(`${app.url}#/hours?worker=${sam.id}&week=2026-11-16`);
    await settle(page);
    await page.getByRole('button', { name: 'Log hours', exact: true }).first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await snap('dialog-entry');
    await expectAccessible(page, 'the entry dialog');
    await page.keyboard.press('Escape');

    for (const [screen, button] of [
      ['workers', 'Add worker'],
      ['supervisors', 'Add supervisor'],
      ['sites', 'Add site'],
    ] as const) {
      await page.goto(`${app.url}#/${screen}`);
      await settle(page);
      await page.getByRole('button', { name: button }).first().click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await snap(`dialog-${screen}`);
      await expectAccessible(page, `the ${button} dialog`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }
  });
}
