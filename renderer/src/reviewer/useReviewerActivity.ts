import { useEffect } from 'react';
import { api } from '../api/client';
import { ACTIVITY_THROTTLE_MS } from '../auth/useActivity';
import { lockReviewer, refreshReviewerStatus } from './reviewer-session';

/**
 * While the reviewer's screens show: tells main the reviewer is present (at most every 20 s,
 * as the workstation does), locks on Ctrl/Cmd+L, and follows main's lock events (idle time,
 * the OS locking the screen, suspend).
 */
export function useReviewerActivity() {
  useEffect(() => {
    let lastSent: number | null = null;
    const activity = () => {
      const now = performance.now();
      if (lastSent !== null && now - lastSent < ACTIVITY_THROTTLE_MS && now >= lastSent) return;
      lastSent = now;
      void api.call('reviewer.activity', {}).catch(() => undefined);
    };
    const keydown = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void lockReviewer();
        return;
      }
      activity();
    };
    const options = { capture: true, passive: true } as const;
    window.addEventListener('keydown', keydown, { capture: true });
    window.addEventListener('pointerdown', activity, options);
    window.addEventListener('wheel', activity, options);
    const off = window.hourkeep?.onEvent((event) => {
      if (event.type === 'lock-changed') void refreshReviewerStatus();
    });
    return () => {
      window.removeEventListener('keydown', keydown, { capture: true });
      window.removeEventListener('pointerdown', activity, options);
      window.removeEventListener('wheel', activity, options);
      off?.();
    };
  }, []);
}
