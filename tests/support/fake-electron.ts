// A recording stand-in for the 'electron' module, for unit tests of main/electron/ on machines
// where Electron's binary cannot be installed. Use it only through vi.mock:
//
//   vi.mock('electron', async () => (await import('../support/fake-electron.js')).electronModule);
//   import { fake } from '../support/fake-electron.js';
//
// It records what the shell asks of Electron (window options, handlers, menus); it does not
// imitate Electron's behaviour. Each test file runs in its own module graph, so state is
// per file.
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  listeners = new Map<string, Listener[]>();
  on(name: string, fn: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  once(name: string, fn: Listener): this {
    return this.on(name, fn);
  }
  removeListener(name: string, fn: Listener): this {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((l) => l !== fn),
    );
    return this;
  }
  emit(name: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(name) ?? []) fn(...args);
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: string };

class FakeWebContents extends Emitter {
  send = vi.fn();
  isDestroyed = vi.fn(() => false);
  windowOpenHandler: WindowOpenHandler | null = null;
  setWindowOpenHandler(fn: WindowOpenHandler): void {
    this.windowOpenHandler = fn;
  }
}

class FakeBrowserWindow extends Emitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadURL = vi.fn(async (_url: string) => {});
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = vi.fn(() => false);
  isDestroyed = vi.fn(() => false);
  setContentProtection = vi.fn((_enabled: boolean) => {});
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
}

let markReady: () => void = () => {};
const ready = new Promise<void>((resolve) => (markReady = resolve));
const paths = new Map<string, string>();

const app = Object.assign(new Emitter(), {
  isPackaged: false,
  // Electron's app.getLocale(): the OS's locale; en-GB as the suites read dates.
  getLocale: vi.fn(() => 'en-GB'),
  getPath: vi.fn((name: string) => paths.get(name) ?? `/nonexistent/${name}`),
  setPath: vi.fn((name: string, value: string) => void paths.set(name, value)),
  enableSandbox: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
  /** Resolves when the test calls fake.markReady(). */
  whenReady: vi.fn(() => ready),
  quit: vi.fn(),
  exit: vi.fn(),
});

/** Tests emit 'lock-screen' and 'suspend' and set the idle readings. */
const powerMonitor = Object.assign(new Emitter(), {
  getSystemIdleTime: vi.fn((): number => 0),
  getSystemIdleState: vi.fn(
    (_idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown' => 'active',
  ),
});

export const fake = {
  FakeWebContents,
  FakeBrowserWindow,
  app,
  powerMonitor,
  markReady: (): void => markReady(),
  defaultSession: {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  },
  shell: {
    openExternal: vi.fn(async (_url: string) => {}),
    openPath: vi.fn(async (_p: string) => ''),
  },
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  Menu: {
    buildFromTemplate: vi.fn((template: unknown) => ({ template })),
    setApplicationMenu: vi.fn(),
  },
  dialog: {
    showErrorBox: vi.fn(),
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 1, checkboxChecked: false })),
  },
};

/** The renderer-side modules the preload uses. */
const ipcRenderer = Object.assign(new Emitter(), {
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined),
});
export const fakeRenderer = {
  ipcRenderer,
  contextBridge: { exposeInMainWorld: vi.fn() },
};

/** What `import … from 'electron'` resolves to under vi.mock. */
export const electronModule = {
  app: fake.app,
  BrowserWindow: fake.FakeBrowserWindow,
  session: { defaultSession: fake.defaultSession },
  shell: fake.shell,
  ipcMain: fake.ipcMain,
  protocol: fake.protocol,
  Menu: fake.Menu,
  dialog: fake.dialog,
  powerMonitor: fake.powerMonitor,
  ipcRenderer: fakeRenderer.ipcRenderer,
  contextBridge: fakeRenderer.contextBridge,
};

/** electron-store imports the real 'electron' from node_modules, out of vi.mock's reach; stand in for it. */
export const electronStoreModule = {
  default: class FakeElectronStore {
    private readonly values = new Map<string, unknown>();
    get(key: string): unknown {
      return this.values.get(key);
    }
    set(key: string, value: unknown): void {
      this.values.set(key, value);
    }
  },
};
