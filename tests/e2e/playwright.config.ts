import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.js';

// Chromium writes profile and cache data under XDG folders (and TMPDIR): keep them out of $HOME.
// Workers and the browsers they launch inherit this environment.
const scratch = mkdtempSync(join(tmpdir(), 'hourkeep-e2e-'));
process.env.XDG_CONFIG_HOME ??= join(scratch, 'config');
process.env.XDG_CACHE_HOME ??= join(scratch, 'cache');

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  testDir: here,
  testMatch: '**/*.spec.ts',
  globalSetup: join(here, 'global-setup.ts'),
  outputDir: join(here, '../../test-results/e2e'),
  // Every test has its own harness, data folder and page: spread them over both workers.
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous: CI machines have two cores shared by two browsers, two harnesses and builds.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  forbidOnly: Boolean(process.env.CI),
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    // The theme honours reduced motion: dialogs open without transitions, so steps don't wait.
    contextOptions: { reducedMotion: 'reduce' },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
});
