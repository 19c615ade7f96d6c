// The packaged shape of the app, end to end: Electron loads dist/main/index.cjs, which serves
// the built renderer on app://hourkeep/ and answers window.hourkeep over IPC. Needs a Secret
// Service (or the platform's keychain) for the first-run set-up, like the app itself.
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
import type { HourkeepBridge } from '../../shared/api/bridge.js';
import { MISSING_BINARY, electronBinary, root } from './electron-binary.js';

const binary = electronBinary();
test.skip(binary === null, MISSING_BINARY);

type PageGlobals = { hourkeep?: HourkeepBridge };

const PASSWORD = 'owner password 1';

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
    env: {
      ...process.env,
      HOURKEEP_USER_DATA: userData,
      HOURKEEP_KEYCHAIN_SERVICE: 'Hourkeep (test)',
    },
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

test('refuses data calls before set-up and sign-in', async () => {
  const refused = await page.evaluate(() =>
    (globalThis as PageGlobals).hourkeep?.invoke('sites.create', { name: 'Too early' }),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});

test('sets up the practice, then creates a site through the API the UI uses', async () => {
  // The first-run wizard's two calls; set-up signs the owner in.
  const done = await page.evaluate(async (password) => {
    const bridge = (globalThis as PageGlobals).hourkeep;
    const prepared = await bridge?.invoke('setup.prepare', {});
    if (!prepared?.ok) return prepared;
    const { recoveryCode } = prepared.value as { recoveryCode: string };
    return bridge?.invoke('setup.complete', {
      practiceName: 'Lakeside',
      ownerName: 'Olivia Owner',
      username: 'owner',
      password,
      recoveryCodeCheck: recoveryCode.slice(-11),
    });
  }, PASSWORD);
  expect(done).toMatchObject({ ok: true, value: { phase: 'active' } });

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

test('suspend and the File menu lock the app; the page hears lock-changed', async () => {
  const invoke = (name: string, input: unknown = {}) =>
    page.evaluate(([n, i]) => (globalThis as PageGlobals).hourkeep?.invoke(n as string, i), [
      name,
      input,
    ] as const);
  // Record main's events in the page, as the renderer's listener receives them.
  await page.evaluate(() => {
    const seen: unknown[] = [];
    (globalThis as unknown as { lockEvents: unknown[] }).lockEvents = seen;
    (globalThis as PageGlobals).hourkeep?.onEvent((event) => {
      if (event.type === 'lock-changed') seen.push(event);
    });
  });
  const lockEvents = () =>
    page.evaluate(() => (globalThis as unknown as { lockEvents: unknown[] }).lockEvents);

  // The real powerMonitor, in main, emitting what the OS would.
  await app.evaluate(({ powerMonitor }) => {
    powerMonitor.emit('suspend');
  });
  expect(await invoke('auth.status')).toMatchObject({
    ok: true,
    value: { phase: 'locked', lockReason: 'suspend' },
  });
  expect(await invoke('sites.list')).toMatchObject({ ok: false, error: { code: 'locked' } });
  await expect
    .poll(lockEvents)
    .toEqual([{ type: 'lock-changed', locked: true, reason: 'suspend' }]);

  expect(await invoke('auth.unlock', { password: PASSWORD })).toMatchObject({
    ok: true,
    value: { phase: 'active' },
  });

  // File → Lock Hourkeep, clicked in main.
  await app.evaluate(({ Menu }) => {
    const file = Menu.getApplicationMenu()?.items.find((item) => item.label === 'File');
    const lock = file?.submenu?.items.find((item) => item.label === 'Lock Hourkeep');
    if (!lock) throw new Error('no File → Lock Hourkeep');
    lock.click();
  });
  expect(await invoke('auth.status')).toMatchObject({
    ok: true,
    value: { phase: 'locked', lockReason: 'manual' },
  });
  await expect.poll(lockEvents).toEqual([
    { type: 'lock-changed', locked: true, reason: 'suspend' },
    { type: 'lock-changed', locked: false, reason: null },
    { type: 'lock-changed', locked: true, reason: 'manual' },
  ]);
  // The menu follows the viewer: while locked it offers no Admin screens.
  const topMenus = () =>
    app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label) ?? []);
  expect(await topMenus()).not.toContain('Admin');
  await invoke('auth.unlock', { password: PASSWORD });
  expect(await topMenus()).toContain('Admin');
});
