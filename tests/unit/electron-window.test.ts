// The Electron shell, run against a recording fake of the 'electron' module: Electron's
// binary cannot be installed on every machine that runs the tests, and these are the
// settings that must never regress. Everything behind the fake — the core, dispatch, SQLite,
// the file server — is real.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/api/bridge.js';
import type { Role } from '../../shared/api/contract-kit.js';
import { SCREENS, mayOpen, type Screen } from '../../shared/domain/screens.js';
import { contentSecurityPolicy } from '../../main/electron/csp.js';
import { menuTemplate, type MenuContext } from '../../main/electron/menu.js';
import { serveAppRequest } from '../../main/electron/protocol.js';
import { fake } from '../support/fake-electron.js';

// The fake lives in tests/support so the start-up failure test can share it.
vi.mock('electron', async () => (await import('../support/fake-electron.js')).electronModule);
vi.mock(
  'electron-store',
  async () => (await import('../support/fake-electron.js')).electronStoreModule,
);

const EXPECTED_WEB_PREFERENCES = {
  preload: expect.stringMatching(/[\\/]preload[\\/]index\.cjs$/),
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  spellcheck: true,
};

type IpcHandler = (event: unknown, name: unknown, input: unknown) => Promise<unknown>;
type ProtocolHandler = (request: { url: string; method: string }) => Promise<Response>;
type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'hid',
  'serial',
  'usb',
  'midiSysex',
  'openExternal',
  'pointerLock',
  'storage-access',
  'unknown',
];

function lastCall<T>(mock: { mock: { calls: unknown[][] } }, index = 0): T {
  const call = mock.mock.calls.at(-1);
  if (!call) throw new Error('expected the mock to have been called');
  return call[index] as T;
}

/** Emits web-contents-created for a fresh webContents, as Electron does for every one. */
function newGuardedWebContents() {
  const contents = new fake.FakeWebContents();
  fake.app.emit('web-contents-created', {}, contents);
  return contents;
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('the Electron main process (index.ts wiring, against a fake electron module)', () => {
  const userData = mkdtempSync(join(tmpdir(), 'hourkeep-electron-'));
  const log = vi.spyOn(console, 'error').mockImplementation(() => {});
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

  beforeAll(async () => {
    vi.stubGlobal('__APP_VERSION__', '9.9.9-test');
    vi.stubEnv('HOURKEEP_USER_DATA', userData);
    vi.stubEnv('HOURKEEP_KEYCHAIN_SERVICE', 'Hourkeep (test)');
    await import('../../main/electron/index.js');
    // What must happen before 'ready'.
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
    fake.markReady();
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.instances).toHaveLength(1));
  });

  afterAll(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
    log.mockRestore();
    warn.mockRestore();
    rmSync(userData, { recursive: true, force: true });
  });

  it('takes the single-instance lock, sandboxes every renderer and uses the override folder', () => {
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', userData);
    expect(fake.app.listeners.get('second-instance')).toHaveLength(1);
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('registers app:// as standard, secure and fetchable, and nothing more', () => {
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('creates every window with the hardened webPreferences, exactly', () => {
    for (const win of fake.FakeBrowserWindow.instances) {
      expect(win.options.webPreferences).toEqual(EXPECTED_WEB_PREFERENCES);
    }
  });

  it('creates one hidden 1280×800 window titled Hourkeep, shows it when ready, loads app://', () => {
    const [win] = fake.FakeBrowserWindow.instances;
    expect(win?.options).toMatchObject({
      title: 'Hourkeep',
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 700,
      show: false,
    });
    expect(win?.loadURL).toHaveBeenCalledWith('app://hourkeep/index.html');
    // Screen capture and recording are refused from the start, not only while locked.
    expect(win?.setContentProtection).toHaveBeenCalledExactlyOnceWith(true);
    expect(win?.show).not.toHaveBeenCalled();
    win?.emit('ready-to-show');
    expect(win?.show).toHaveBeenCalled();
  });

  it('refuses every permission request and check', () => {
    const request = lastCall<PermissionRequestHandler>(
      fake.defaultSession.setPermissionRequestHandler,
    );
    const check = lastCall<(...args: unknown[]) => boolean>(
      fake.defaultSession.setPermissionCheckHandler,
    );
    const device = lastCall<(...args: unknown[]) => boolean>(
      fake.defaultSession.setDevicePermissionHandler,
    );
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      request({}, permission, callback, { requestingUrl: 'app://hourkeep/index.html' });
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(check({}, permission, 'app://hourkeep', {}), permission).toBe(false);
    }
    expect(device({ deviceType: 'usb', origin: 'app://hourkeep' })).toBe(false);
  });

  it('blocks navigation and redirects away from app://hourkeep/ in every webContents', () => {
    const contents = newGuardedWebContents();
    for (const url of [
      'https://example.org/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'javascript:alert(1)',
    ]) {
      for (const name of ['will-navigate', 'will-redirect']) {
        const event = navigationEvent(url);
        contents.emit(name, event);
        expect(event.preventDefault, `${name} ${url}`).toHaveBeenCalled();
      }
    }
    const inside = navigationEvent('app://hourkeep/index.html');
    contents.emit('will-navigate', inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('denies window.open; http(s) goes to the browser, other schemes nowhere', () => {
    const contents = newGuardedWebContents();
    const open = (url: string) => contents.windowOpenHandler?.({ url });
    fake.shell.openExternal.mockClear();

    expect(open('https://example.org/help')).toEqual({ action: 'deny' });
    expect(open('http://example.org/')).toEqual({ action: 'deny' });
    expect(fake.shell.openExternal.mock.calls).toEqual([
      ['https://example.org/help'],
      ['http://example.org/'],
    ]);

    fake.shell.openExternal.mockClear();
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'app://hourkeep/index.html',
      'about:blank',
    ]) {
      expect(open(url), url).toEqual({ action: 'deny' });
    }
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach <webview>', () => {
    const contents = newGuardedWebContents();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  describe('IPC', () => {
    const handler = () => {
      expect(fake.ipcMain.handle).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, expect.any(Function));
      return lastCall<IpcHandler>(fake.ipcMain.handle, 1);
    };

    it('runs calls from the app page through the real core', async () => {
      const frame = { url: 'app://hourkeep/index.html' };
      // The first-run wizard's two calls, which also sign the owner in.
      const prepared = (await handler()({ senderFrame: frame }, 'setup.prepare', {})) as {
        value: { recoveryCode: string };
      };
      const done = await handler()({ senderFrame: frame }, 'setup.complete', {
        practiceName: 'Lakeside',
        ownerName: 'Olivia Owner',
        username: 'owner',
        password: 'owner password 1',
        recoveryCodeCheck: prepared.value.recoveryCode.slice(-11),
      });
      expect(done).toMatchObject({ ok: true, value: { phase: 'active' } });
      const created = await handler()({ senderFrame: frame }, 'sites.create', {
        name: 'Eastside clinic',
      });
      expect(created).toMatchObject({ ok: true, value: { name: 'Eastside clinic' } });
      const listed = await handler()({ senderFrame: frame }, 'sites.list', {});
      expect(listed).toMatchObject({ ok: true, value: [{ name: 'Eastside clinic' }] });
    });

    it('refuses other origins, file:// and destroyed frames with forbidden', async () => {
      for (const senderFrame of [
        { url: 'https://example.org/' },
        { url: 'file:///tmp/index.html' },
        { url: 'app://evil/index.html' },
        null,
      ]) {
        const res = await handler()({ senderFrame }, 'sites.create', { name: 'Injected' });
        expect(res, JSON.stringify(senderFrame)).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
      }
      const listed = await handler()(
        { senderFrame: { url: 'app://hourkeep/index.html' } },
        'sites.list',
        {},
      );
      expect(listed).toMatchObject({ ok: true });
      expect(JSON.stringify(listed)).not.toContain('Injected');
    });
  });

  describe('app:// protocol', () => {
    const serve = () => {
      expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
      return lastCall<ProtocolHandler>(fake.protocol.handle, 1);
    };

    it('answers with the CSP and nosniff even when the file is missing', async () => {
      const res = await serve()({ url: 'app://hourkeep/no-such-file.js', method: 'GET' });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });

  it('closes the database once on will-quit, then quits', async () => {
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    // The second round (from app.quit) goes through untouched.
    const again = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});

describe('serveAppRequest (files from the renderer folder)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'hourkeep-renderer-'));
  beforeAll(() => {
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Hourkeep</title>');
    writeFileSync(join(folder, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(folder, '..', 'hourkeep-outside.txt'), 'secret');
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(join(folder, '..', 'hourkeep-outside.txt'), { force: true });
  });

  const get = async (url: string, method = 'GET') => {
    const res = await serveAppRequest({ url, method }, folder, () => {});
    // Every response, whatever its status, carries the policy and nosniff.
    expect(res.headers.get('content-security-policy')).toBe(
      contentSecurityPolicy({ connectSelf: false }),
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    return res;
  };

  it('serves files with their MIME type', async () => {
    const page = await get('app://hourkeep/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>Hourkeep</title>');

    const script = await get('app://hourkeep/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('refuses traversal, other hosts, folders and other methods', async () => {
    expect((await get('app://hourkeep/..%2fhourkeep-outside.txt')).status).toBe(403);
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://hourkeep/assets')).status).toBe(404);
    expect((await get('app://hourkeep/missing.css')).status).toBe(404);
    expect((await get('app://hourkeep/index.html', 'POST')).status).toBe(405);
    const traversal = await get('app://hourkeep/..%2fhourkeep-outside.txt');
    expect(await traversal.text()).not.toContain('secret');
  });
});

describe('the application menu', () => {
  const context = (overrides: Partial<MenuContext> = {}) => {
    const win = new fake.FakeBrowserWindow({});
    const lock = vi.fn();
    const ctx: MenuContext = {
      getWindow: () => win as never,
      version: '9.9.9-test',
      userDataPath: '/data/hourkeep',
      isPackaged: true,
      platform: 'linux',
      lock,
      ...overrides,
    };
    return { ctx, win, lock };
  };

  type Item = MenuItemConstructorOptions;
  const submenu = (items: Item[], label: string): Item[] => {
    const top = items.find((i) => i.label === label || (label === 'Help' && i.role === 'help'));
    if (!top || !Array.isArray(top.submenu)) throw new Error(`no ${label} menu`);
    return top.submenu;
  };
  const click = (item: Item | undefined) =>
    (item?.click as (() => void) | undefined)?.call(undefined);

  it('has File, Edit, View, Admin and Help (and the app menu first on macOS)', () => {
    const labels = (items: Item[]) => items.map((i) => i.label ?? i.role);
    expect(labels(menuTemplate(context().ctx, 'owner'))).toEqual([
      'File',
      'Edit',
      'View',
      'Admin',
      'help',
    ]);
    expect(labels(menuTemplate(context({ platform: 'darwin' }).ctx, 'owner'))).toEqual([
      'Hourkeep',
      'File',
      'Edit',
      'View',
      'Admin',
      'help',
    ]);
  });

  it('File: Lock (CmdOrCtrl+L) locks in main; Change password and Sign out go to the renderer', () => {
    const { ctx, win, lock } = context();
    const file = submenu(menuTemplate(ctx, 'owner'), 'File');
    expect(file.map((i) => i.label ?? i.type ?? i.role)).toEqual([
      'Lock Hourkeep',
      'Change password…',
      'Sign out',
      'separator',
      'quit',
    ]);
    expect(
      submenu(menuTemplate(context({ platform: 'darwin' }).ctx, 'owner'), 'File').at(-1)?.role,
    ).toBe('close');

    const lockItem = file.find((i) => i.label === 'Lock Hourkeep');
    expect(lockItem?.accelerator).toBe('CmdOrCtrl+L');
    // A reviewer's computer has no viewer role but an unlocked profile: Lock is enabled alone.
    const reviewer = submenu(menuTemplate(ctx, null, true), 'File');
    expect(reviewer.find((i) => i.label === 'Lock Hourkeep')?.enabled).toBe(true);
    expect(reviewer.map((i) => i.label)).not.toContain('Sign out');
    expect(
      submenu(menuTemplate(ctx, null, false), 'File').find((i) => i.label === 'Lock Hourkeep')
        ?.enabled,
    ).toBe(false);
    click(lockItem);
    expect(lock).toHaveBeenCalledTimes(1);
    // Not a request the page could ignore or a compromised page could fake.
    expect(win.webContents.send).not.toHaveBeenCalled();

    for (const [label, command] of [
      ['Change password…', 'change-password'],
      ['Sign out', 'sign-out'],
    ] as const) {
      win.webContents.send.mockClear();
      click(file.find((i) => i.label === label));
      expect(win.webContents.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, {
        type: 'command',
        command,
      });
    }
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('does nothing (and does not throw) when the window is closed', () => {
    const { ctx, lock } = context({ getWindow: () => null });
    const file = submenu(menuTemplate(ctx, 'owner'), 'File');
    for (const item of file) click(item);
    for (const item of submenu(menuTemplate(ctx, 'owner'), 'Admin')) click(item);
    // Locking needs no window: the core is locked either way.
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('sends navigate events for the everyday screens, with CmdOrCtrl+1..6', () => {
    const { ctx, win } = context();
    const view = submenu(menuTemplate(ctx, 'owner'), 'View');
    const screens = [
      ['Dashboard', 'dashboard', 'CmdOrCtrl+1'],
      ['Hours', 'hours', 'CmdOrCtrl+2'],
      ['Review', 'review', 'CmdOrCtrl+3'],
      ['Supervision sessions', 'sessions', 'CmdOrCtrl+4'],
      ['Continuing education', 'ce', 'CmdOrCtrl+5'],
      ['Reports', 'reports', 'CmdOrCtrl+6'],
    ] as const;
    for (const [label, screen, accelerator] of screens) {
      const item = view.find((i) => i.label === label);
      expect(item?.accelerator).toBe(accelerator);
      win.webContents.send.mockClear();
      click(item);
      expect(win.webContents.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, {
        type: 'navigate',
        screen,
      });
    }
  });

  it('Admin: people, sites and packs, backups, then users, privacy, the audit trail and settings', () => {
    const { ctx, win } = context();
    const admin = submenu(menuTemplate(ctx, 'owner'), 'Admin');
    expect(admin.map((i) => i.label ?? i.type)).toEqual([
      'Workers',
      'Supervisors',
      'Sites',
      'Requirement packs',
      'separator',
      'Back up now',
      'Backups and restore…',
      'Database…',
      'separator',
      'Users',
      'Privacy…',
      'Audit trail',
      'Verify a signed file…',
      'Settings',
    ]);
    const screens = admin
      .filter((i) => i.label)
      .map((item) => {
        win.webContents.send.mockClear();
        click(item);
        return (win.webContents.send.mock.calls[0]?.[1] as { screen?: string } | undefined)?.screen;
      });
    expect(screens).toEqual([
      'workers',
      'supervisors',
      'sites',
      'packs',
      undefined, // Back up now is a command for the renderer, checked below
      'backups',
      'database',
      'users',
      'privacy',
      'audit',
      'verify',
      'settings',
    ]);
    win.webContents.send.mockClear();
    click(admin.find((i) => i.label === 'Back up now'));
    expect(win.webContents.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, {
      type: 'command',
      command: 'backup-now',
    });
  });

  it('offers each role only the screens it may open, the same list the sidebar uses', () => {
    const { ctx } = context();
    const mayOpenAll = (role: Role) => SCREENS.filter((screen) => mayOpen(role, screen));
    // What clicking every item of File, View and Admin asks the renderer to show.
    const screensOffered = (role: Role | null) => {
      const { ctx: c, win } = context();
      return menuTemplate(c, role)
        .filter((top) => top.role !== 'help')
        .flatMap((top) => (Array.isArray(top.submenu) ? top.submenu : []))
        .map((item) => {
          win.webContents.send.mockClear();
          click(item);
          return (win.webContents.send.mock.calls[0]?.[1] as { screen?: Screen } | undefined)
            ?.screen;
        })
        .filter((screen): screen is Screen => screen !== undefined)
        .sort();
    };
    for (const role of ['owner', 'supervisor', 'worker'] as const) {
      expect(screensOffered(role), role).toEqual([...mayOpenAll(role)].sort());
    }
    expect(screensOffered(null)).toEqual([]);
    expect(menuTemplate(ctx, 'worker').map((i) => i.label ?? i.role)).toEqual([
      'File',
      'Edit',
      'View',
      'help',
    ]);
    expect(
      submenu(menuTemplate(ctx, 'worker'), 'View').map((i) => i.label ?? i.type ?? i.role),
    ).toEqual([
      'Dashboard',
      'Hours',
      'Continuing education',
      'Reports',
      'separator',
      'Practice statistics',
      'Surveys',
      'My data',
      'separator',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'separator',
      'togglefullscreen',
    ]);
    expect(submenu(menuTemplate(ctx, 'supervisor'), 'Admin').map((i) => i.label)).toEqual([
      'Workers',
    ]);
  });

  it('while signed out or locked offers no screen, and Lock is greyed out', () => {
    const { ctx, win } = context();
    const menu = menuTemplate(ctx, null);
    expect(menu.map((i) => i.label ?? i.role)).toEqual(['File', 'Edit', 'View', 'help']);
    const file = submenu(menu, 'File');
    expect(file.map((i) => i.label ?? i.type ?? i.role)).toEqual([
      'Lock Hourkeep',
      'separator',
      'quit',
    ]);
    expect(file[0]?.enabled).toBe(false);
    expect(submenu(menu, 'View').map((i) => i.label ?? i.type ?? i.role)).toEqual([
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'separator',
      'togglefullscreen',
    ]);
    for (const item of [...file, ...submenu(menu, 'View')]) click(item);
    expect(win.webContents.send).not.toHaveBeenCalled();
  });

  it('has the standard edit roles', () => {
    const edit = submenu(menuTemplate(context().ctx, 'owner'), 'Edit');
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
  });

  it('offers developer tools only when not packaged', () => {
    const roles = (isPackaged: boolean) =>
      submenu(menuTemplate(context({ isPackaged }).ctx, 'owner'), 'View').map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('Help → Keyboard shortcuts asks the renderer for its shortcuts dialog', () => {
    const { ctx, win } = context();
    const help = submenu(menuTemplate(ctx, 'owner'), 'Help');
    win.webContents.send.mockClear();
    click(help.find((i) => i.label === 'Keyboard shortcuts'));
    expect(win.webContents.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, {
      type: 'command',
      command: 'keyboard-shortcuts',
    });
    // Nobody signed in: no app to show it in.
    const none = submenu(menuTemplate(context().ctx, null), 'Help');
    expect(none.map((i) => i.label)).not.toContain('Keyboard shortcuts');
  });

  it('shows the data folder and opens it on request', async () => {
    const { ctx } = context();
    const help = submenu(menuTemplate(ctx, 'owner'), 'Help');
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    fake.shell.openPath.mockClear();
    click(help.find((i) => i.label === 'Privacy and data folder'));
    await vi.waitFor(() => expect(fake.shell.openPath).toHaveBeenCalledWith('/data/hourkeep'));
    expect(JSON.stringify(fake.dialog.showMessageBox.mock.calls.at(-1))).toContain(
      '/data/hourkeep',
    );

    click(help.find((i) => i.label === 'About Hourkeep'));
    await vi.waitFor(() =>
      expect(JSON.stringify(fake.dialog.showMessageBox.mock.calls.at(-1))).toContain(
        'Hourkeep 9.9.9-test',
      ),
    );
  });
});
