/**
 * Debian's Chromium as the e2e suites and the bench run it (../shared/MACHINE.md: the browser
 * is never downloaded): no sandbox (root in CI), no GPU, no shared-memory folder, and none of
 * the background work that would run beside what is measured or tested.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
