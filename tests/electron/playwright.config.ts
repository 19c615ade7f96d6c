import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

// The real app under Electron, launched from the built dist/ (npm run build). One app at a
// time: each spec file starts its own Electron with its own data folder.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  testDir: here,
  testMatch: '**/*.spec.ts',
  globalSetup: fileURLToPath(new URL('./global-setup.ts', import.meta.url)),
  outputDir: fileURLToPath(new URL('../../test-results/electron', import.meta.url)),
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  forbidOnly: Boolean(process.env.CI),
});
