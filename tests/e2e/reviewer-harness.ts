import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { createKeytarSecretStore } from '../../main/platform/keytar-secret-store.js';
import { startHarness, type Harness } from '../harness/server.js';
import { TEST_PASSWORD_KDF, fakeClock } from '../support/temp-core.js';
import { NOW } from './fixtures.js';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface ReviewerComputer {
  harness: Harness;
  page: Page;
  dataFolder: string;
  clock: ReturnType<typeof fakeClock>;
  close(): Promise<void>;
}

/**
 * A second computer for offline review (issue 20): its own data folder and harness (the real
 * core on the real keychain, nothing set up), and its own browser context and page, beside the
 * practice's `app` and `page`.
 */
export async function reviewerComputer(browser: Browser): Promise<ReviewerComputer> {
  const dataFolder = await mkdtemp(join(tmpdir(), 'hourkeep-e2e-reviewer-'));
  const clock = fakeClock(NOW.toISOString());
  const harness = await startHarness({
    dataFolder,
    rendererDir,
    clock,
    secrets: createKeytarSecretStore('Hourkeep (e2e reviewer)'),
    tickMs: 100,
    passwordKdf: TEST_PASSWORD_KDF,
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  return {
    harness,
    page,
    dataFolder,
    clock,
    async close() {
      await context.close();
      await harness.close();
      await rm(dataFolder, { recursive: true, force: true });
    },
  };
}
