import { useEffect } from 'react';
import { api } from '../api/client';
import { useActivityReports } from '../auth/useActivity';
import { lockReviewer, refreshReviewerStatus } from './reviewer-session';

const reportActivity = () => api.call('reviewer.activity', {});

/**
 * While the reviewer's screens show: tells main the reviewer is present (at most every 20 s,
 * as the workstation does), locks on Ctrl/Cmd+L, and follows main's lock events (idle time,
 * the OS locking the screen, suspend).
 */
export function useReviewerActivity() {
  useActivityReports(reportActivity, lockReviewer);
  useEffect(
    () =>
      window.hourkeep?.onEvent((event) => {
        if (event.type === 'lock-changed') void refreshReviewerStatus();
      }),
    [],
  );
}
