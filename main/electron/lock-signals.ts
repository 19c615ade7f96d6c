import { powerMonitor, type BrowserWindow } from 'electron';
import { IPC_EVENT_CHANNEL, type AppEvent } from '../../shared/api/bridge.js';
import type { Core } from '../core.js';

type Log = (message: string, err?: unknown) => void;

/** How often the idle check runs: the app locks at most this long after the idle timeout. */
export const IDLE_CHECK_INTERVAL_MS = 15_000;

export interface LockSignals {
  /** One idle check, exactly as the interval runs it. */
  tick(): void;
  /** Stops the interval and unhooks every listener (on quit, before the core closes). */
  dispose(): void;
}

/**
 * Translates the OS's signals into the core's lock events; the lock state machine itself lives
 * in the core. Call after 'ready' (powerMonitor is unusable before).
 *
 * - 'lock-screen' → lock('os-lock'). Electron emits it on macOS and Windows only. On Linux
 *   the idle check asks getSystemIdleState(), which answers 'locked' where the desktop
 *   reports a locked screen; elsewhere the idle timeout is what locks.
 * - 'suspend' → lock('suspend'), on every platform.
 * - every IDLE_CHECK_INTERVAL_MS: tick(OS idle seconds). The core locks when both the app and
 *   the OS have been idle for the configured minutes.
 * - the core's lock changes go to the window as `lock-changed` events on IPC_EVENT_CHANNEL.
 */
export function bindLockSignals(
  core: Pick<Core, 'tick' | 'lock' | 'onLockChange'>,
  getWindow: () => BrowserWindow | null,
  log: Log = console.error,
): LockSignals {
  const onLockScreen = (): void => core.lock('os-lock');
  const onSuspend = (): void => core.lock('suspend');
  powerMonitor.on('lock-screen', onLockScreen);
  powerMonitor.on('suspend', onSuspend);

  // Some desktops report an OS idle time of 0 forever (GNOME on Wayland without an idle
  // protocol: electron#34826). Because the core takes the shorter of app and OS idle time, a
  // stuck 0 would keep the app unlocked indefinitely. So the OS figure counts only once it has
  // been seen above 0; until then the app's own activity alone decides (the stricter rule).
  let osIdleWorks = false;

  const tick = (): void => {
    try {
      if (powerMonitor.getSystemIdleState(1) === 'locked') core.lock('os-lock');
      const osIdleSeconds = powerMonitor.getSystemIdleTime();
      if (osIdleSeconds > 0) osIdleWorks = true;
      core.tick(osIdleWorks ? osIdleSeconds : undefined);
    } catch (err) {
      log('Idle check failed', err);
    }
  };
  const timer = setInterval(tick, IDLE_CHECK_INTERVAL_MS);

  const unsubscribe = core.onLockChange(({ locked, reason }) => {
    const win = getWindow();
    if (!win || win.webContents.isDestroyed()) return;
    const event: AppEvent = { type: 'lock-changed', locked, reason };
    win.webContents.send(IPC_EVENT_CHANNEL, event);
  });

  return {
    tick,
    dispose() {
      clearInterval(timer);
      powerMonitor.removeListener('lock-screen', onLockScreen);
      powerMonitor.removeListener('suspend', onSuspend);
      unsubscribe();
    },
  };
}
