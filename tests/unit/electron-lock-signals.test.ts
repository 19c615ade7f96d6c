// Auto-lock, Electron side: the OS's signals (powerMonitor), the 15-second idle check, the
// menu's Lock item and the lock-changed events to the window, as index.ts wires them to the
// real core (real dispatch, SQLite and keychain) behind a fake 'electron' module. Only
// setInterval and Date are faked, so the idle check and the idle timeout pass without waiting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type AppEvent } from '../../shared/api/bridge.js';
import { IDLE_CHECK_INTERVAL_MS } from '../../main/electron/lock-signals.js';
import { fake } from '../support/fake-electron.js';

vi.mock('electron', async () => (await import('../support/fake-electron.js')).electronModule);
vi.mock(
  'electron-store',
  async () => (await import('../support/fake-electron.js')).electronStoreModule,
);

type Envelope = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
type IpcHandler = (event: unknown, name: string, input: unknown) => Promise<Envelope>;

const PASSWORD = 'owner password 1';
const FROM_APP = { senderFrame: { url: 'app://hourkeep/index.html' } };
const MINUTE = 60_000;

function ipc(): IpcHandler {
  const call = fake.ipcMain.handle.mock.calls.find(([channel]) => channel === IPC_INVOKE_CHANNEL);
  if (!call) throw new Error('no IPC handler registered');
  return call[1] as IpcHandler;
}
const invoke = (name: string, input: unknown = {}) => ipc()(FROM_APP, name, input);

const win = () => {
  const [first] = fake.FakeBrowserWindow.instances;
  if (!first) throw new Error('no window');
  return first;
};

/** The lock-changed events the window received since the last mockClear. */
const lockEvents = (): AppEvent[] =>
  win()
    .webContents.send.mock.calls.filter(
      ([channel, event]) =>
        channel === IPC_EVENT_CHANNEL && (event as AppEvent).type === 'lock-changed',
    )
    .map(([, event]) => event as AppEvent);

async function expectLocked(reason: string): Promise<void> {
  expect(await invoke('auth.status')).toMatchObject({
    ok: true,
    value: { phase: 'locked', lockReason: reason },
  });
  expect(await invoke('sites.list')).toMatchObject({ ok: false, error: { code: 'locked' } });
}

async function expectActive(): Promise<void> {
  expect(await invoke('auth.status')).toMatchObject({ ok: true, value: { phase: 'active' } });
  expect(await invoke('sites.list')).toMatchObject({ ok: true });
}

async function unlock(): Promise<void> {
  expect(await invoke('auth.unlock', { password: PASSWORD })).toMatchObject({
    ok: true,
    value: { phase: 'active' },
  });
  win().webContents.send.mockClear();
}

/** Moves the clock and runs every idle check that falls due on the way. */
const pass = (ms: number) => vi.advanceTimersByTime(ms);

describe('auto-lock signals (index.ts + lock-signals.ts, against a fake electron module)', () => {
  const userData = mkdtempSync(join(tmpdir(), 'hourkeep-electron-lock-'));
  const log = vi.spyOn(console, 'error').mockImplementation(() => {});
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.stubGlobal('__APP_VERSION__', '9.9.9-test');
    vi.stubEnv('HOURKEEP_USER_DATA', userData);
    vi.stubEnv('HOURKEEP_KEYCHAIN_SERVICE', 'Hourkeep (test)');
    await import('../../main/electron/index.js');
    fake.markReady();
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.instances).toHaveLength(1));

    // First-run set-up through IPC, as the renderer's wizard does; it signs the owner in.
    const prepared = await invoke('setup.prepare');
    const { recoveryCode } = prepared.value as { recoveryCode: string };
    const done = await invoke('setup.complete', {
      practiceName: 'Lakeside',
      ownerName: 'Olivia Owner',
      username: 'owner',
      password: PASSWORD,
      recoveryCodeCheck: recoveryCode.slice(-11),
    });
    expect(done).toMatchObject({ ok: true, value: { phase: 'active', idleMinutes: 5 } });
    win().webContents.send.mockClear();
  });

  afterAll(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
    log.mockRestore();
    warn.mockRestore();
    rmSync(userData, { recursive: true, force: true });
  });

  it('protects the window from screen capture', () => {
    expect(win().setContentProtection).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('listens for lock-screen and suspend once each', () => {
    expect(fake.powerMonitor.listeners.get('lock-screen')).toHaveLength(1);
    expect(fake.powerMonitor.listeners.get('suspend')).toHaveLength(1);
  });

  it("'lock-screen' locks the core (os-lock) and tells the window; unlocking tells it too", async () => {
    fake.powerMonitor.emit('lock-screen');
    await expectLocked('os-lock');
    expect(lockEvents()).toEqual([{ type: 'lock-changed', locked: true, reason: 'os-lock' }]);

    win().webContents.send.mockClear();
    expect(await invoke('auth.unlock', { password: PASSWORD })).toMatchObject({ ok: true });
    expect(lockEvents()).toEqual([{ type: 'lock-changed', locked: false, reason: null }]);
    await expectActive();
    win().webContents.send.mockClear();
  });

  it("'suspend' locks the core (suspend); a second signal while locked changes nothing", async () => {
    fake.powerMonitor.emit('suspend');
    fake.powerMonitor.emit('lock-screen');
    await expectLocked('suspend');
    expect(lockEvents()).toEqual([{ type: 'lock-changed', locked: true, reason: 'suspend' }]);
    await unlock();
  });

  it('until the OS has reported an idle time above 0, the app’s own idle time decides', async () => {
    // Desktops that cannot tell report 0 forever; trusting that would never lock.
    fake.powerMonitor.getSystemIdleTime.mockReturnValue(0);
    fake.powerMonitor.getSystemIdleTime.mockClear();
    pass(4 * MINUTE);
    expect(fake.powerMonitor.getSystemIdleTime).toHaveBeenCalledTimes(
      (4 * MINUTE) / IDLE_CHECK_INTERVAL_MS,
    );
    await expectActive();
    expect(lockEvents()).toEqual([]);

    pass(MINUTE + IDLE_CHECK_INTERVAL_MS);
    await expectLocked('idle');
    expect(lockEvents()).toEqual([{ type: 'lock-changed', locked: true, reason: 'idle' }]);
    await unlock();
  });

  it('an OS idle time below the timeout keeps it unlocked; above the timeout it locks', async () => {
    // Someone working in another program: the app is idle, the OS is not.
    fake.powerMonitor.getSystemIdleTime.mockReturnValue(30);
    pass(10 * MINUTE);
    await expectActive();
    expect(lockEvents()).toEqual([]);

    // Nobody at the machine: 5 minutes (the default) and one second of OS idle time.
    fake.powerMonitor.getSystemIdleTime.mockReturnValue(5 * 60 + 1);
    pass(IDLE_CHECK_INTERVAL_MS);
    await expectLocked('idle');
    expect(lockEvents()).toEqual([{ type: 'lock-changed', locked: true, reason: 'idle' }]);
    await unlock();
  });

  it('once the OS idle time has worked, a reading of 0 counts as presence', async () => {
    fake.powerMonitor.getSystemIdleTime.mockReturnValue(0);
    pass(10 * MINUTE);
    await expectActive();
  });

  it("locks as os-lock when the idle state reads 'locked' (desktops without lock-screen)", async () => {
    fake.powerMonitor.getSystemIdleState.mockReturnValue('locked');
    pass(IDLE_CHECK_INTERVAL_MS);
    fake.powerMonitor.getSystemIdleState.mockReturnValue('active');
    await expectLocked('os-lock');
    expect(lockEvents()).toEqual([{ type: 'lock-changed', locked: true, reason: 'os-lock' }]);
    await unlock();
  });

  it('logs a failing idle check and keeps checking', async () => {
    log.mockClear();
    fake.powerMonitor.getSystemIdleTime.mockImplementationOnce(() => {
      throw new Error('no idle time today');
    });
    pass(IDLE_CHECK_INTERVAL_MS);
    expect(log).toHaveBeenCalledWith('[hourkeep] Idle check failed', expect.any(Error));
    fake.powerMonitor.getSystemIdleTime.mockReturnValue(5 * 60 + 1);
    pass(10 * MINUTE);
    await expectLocked('idle');
    await unlock();
    fake.powerMonitor.getSystemIdleTime.mockReturnValue(0);
  });

  it("the menu's Lock Hourkeep locks the core in main (manual)", async () => {
    const [template] = fake.Menu.buildFromTemplate.mock.calls.at(-1) as [
      MenuItemConstructorOptions[],
    ];
    const file = template.find((item) => item.label === 'File')?.submenu;
    if (!Array.isArray(file)) throw new Error('no File menu');
    const lockItem = file.find((item) => item.label === 'Lock Hourkeep');
    expect(lockItem?.accelerator).toBe('CmdOrCtrl+L');
    (lockItem?.click as () => void)();
    await expectLocked('manual');
    expect(lockEvents()).toEqual([{ type: 'lock-changed', locked: true, reason: 'manual' }]);
    await unlock();
  });

  it('sends nothing to a destroyed window, and still locks', async () => {
    win().isDestroyed.mockReturnValue(true);
    fake.powerMonitor.emit('suspend');
    win().isDestroyed.mockReturnValue(false);
    expect(win().webContents.send).not.toHaveBeenCalled();
    await expectLocked('suspend');
    await unlock();
  });

  it('on quit, stops the idle check and unhooks powerMonitor before closing the database', async () => {
    const event = { preventDefault: vi.fn() };
    fake.app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(fake.powerMonitor.listeners.get('lock-screen')).toEqual([]);
    expect(fake.powerMonitor.listeners.get('suspend')).toEqual([]);
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());

    fake.powerMonitor.getSystemIdleTime.mockClear();
    fake.powerMonitor.getSystemIdleState.mockClear();
    pass(10 * MINUTE);
    expect(fake.powerMonitor.getSystemIdleTime).not.toHaveBeenCalled();
    expect(fake.powerMonitor.getSystemIdleState).not.toHaveBeenCalled();
  });
});
