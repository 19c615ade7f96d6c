// The packaged shape of the app, end to end: Electron loads dist/main/index.cjs, which serves
// the built renderer on app://hourkeep/ and answers window.hourkeep over IPC.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import type { HourkeepBridge } from '../../main/api/bridge.js';
import { MISSING_BINARY, electronBinary, root } from './electron-binary.js';

const binary = electronBinary();
test.skip(binary === null, MISSING_BINARY);

type PageGlobals = { hourkeep?: HourkeepBridge };

let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeAll(async () => {
  for (const built of [
    'dist/main/index.cjs',
    'dist/preload/index.cjs',
    'dist/renderer/index.html',
  ]) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run npm run build`);
  }
  userData = mkdtempSync(join(tmpdir(), 'hourkeep-electron-'));
  app = await electron.launch({
    executablePath: binary ?? undefined,
    // Chromium refuses to start as root without --no-sandbox (CI containers); never otherwise.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '.'],
    cwd: root,
    // Honoured only by an unpackaged app: a throwaway data folder for this run.
    env: { ...process.env, HOURKEEP_USER_DATA: userData },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

test('opens one window titled Hourkeep from app://hourkeep/', async () => {
  await expect(page).toHaveTitle('Hourkeep');
  expect(new URL(page.url()).protocol).toBe('app:');
  expect(page.url()).toBe('app://hourkeep/index.html');
  expect(app.windows()).toHaveLength(1);
});

test('the page has window.hourkeep and no Node', async () => {
  const globals = await page.evaluate(() => ({
    invoke: typeof (globalThis as PageGlobals).hourkeep?.invoke,
    onEvent: typeof (globalThis as PageGlobals).hourkeep?.onEvent,
    require: typeof require,
    process: typeof process,
  }));
  expect(globals).toEqual({
    invoke: 'function',
    onEvent: 'function',
    require: 'undefined',
    process: 'undefined',
  });
});

test('creates a site through the API the UI uses', async () => {
  const created = await page.evaluate(() =>
    (globalThis as PageGlobals).hourkeep?.invoke('sites.create', { name: 'Eastside clinic' }),
  );
  expect(created).toMatchObject({ ok: true, value: { name: 'Eastside clinic' } });
  const listed = await page.evaluate(() =>
    (globalThis as PageGlobals).hourkeep?.invoke('sites.list', {}),
  );
  expect(listed).toMatchObject({ ok: true, value: [{ name: 'Eastside clinic' }] });
});

test('navigation away from the app is blocked', async () => {
  await page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href =
      'https://example.org/';
  });
  // A blocked navigation leaves no trace but the unchanged page; give it time to not happen.
  await page.waitForTimeout(1_000);
  expect(page.url()).toBe('app://hourkeep/index.html');
  expect(app.windows()).toHaveLength(1);
  const stillWorks = await page.evaluate(() =>
    (globalThis as PageGlobals).hourkeep?.invoke('sites.list', {}),
  );
  expect(stillWorks).toMatchObject({ ok: true });
});
