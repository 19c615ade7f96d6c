import { whenNoThreads } from '../../main/platform/worker-thread.js';
import { STOPPED_BY_LOCK } from '../../main/services/reports/worker-jobs.js';

/** What a long call answers when the practice locks (or closes) before it ends. */
export const STOPPED_BY_LOCK_ANSWER = {
  ok: false,
  error: { code: 'locked', message: STOPPED_BY_LOCK },
} as const;

/** Whether a job thread is still running: whenNoThreads answers at once when none is. */
export const threadRunning = (): Promise<boolean> =>
  Promise.race([
    whenNoThreads().then(() => false),
    new Promise<boolean>((r) => setImmediate(() => r(true))),
  ]);
