import { useEffect } from 'react';
import { api } from '../api/client';
import { enterLocked } from './session';

/** At most one activity report per this many milliseconds. */
export const ACTIVITY_THROTTLE_MS = 20_000;

/**
 * While a screen is shown: reports that the person is present (keys, pointer, wheel) through
 * `report`, at most once every 20 s, and calls `lock` on Ctrl/Cmd+L (Electron's menu has the
 * same shortcut). The workstation and the reviewer's computer differ only in those two calls.
 */
export function useActivityReports(report: () => Promise<unknown>, lock: () => Promise<void>) {
  useEffect(() => {
    let lastSent: number | null = null;
    const activity = () => {
      const now = performance.now();
      if (lastSent !== null && now - lastSent < ACTIVITY_THROTTLE_MS && now >= lastSent) return;
      lastSent = now;
      void report().catch(() => undefined);
    };
    const keydown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void lock();
        return;
      }
      activity();
    };
    const options = { capture: true, passive: true } as const;
    window.addEventListener('keydown', keydown, { capture: true });
    window.addEventListener('pointerdown', activity, options);
    window.addEventListener('wheel', activity, options);
    return () => {
      window.removeEventListener('keydown', keydown, { capture: true });
      window.removeEventListener('pointerdown', activity, options);
      window.removeEventListener('wheel', activity, options);
    };
  }, [report, lock]);
}

const reportActivity = () => api.call('lock.activity', {});

/** The workstation's: activity to `lock.activity`, Ctrl/Cmd+L locks the practice. */
export const useActivityAndLockShortcut = () => useActivityReports(reportActivity, lockNow);

/** Locks now; the lock screen shows at once, without waiting for main's event. */
export async function lockNow(): Promise<void> {
  try {
    const status = await api.call('lock.now', {});
    enterLocked(status.lockReason ?? 'manual');
  } catch {
    enterLocked('manual');
  }
}
