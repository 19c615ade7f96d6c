import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type ErrorCode, type FieldErrors } from '../../shared/errors.js';
import { setDateLocale } from '../../shared/domain/format.js';
import { DATE_LOCALE_ARG } from '../platform/worker-thread.js';

/**
 * What a job's thread tells the main process: progress, then one answer; `stoppable` once it
 * holds no database connection, from when on it may be terminated (see runWorkerThread).
 */
export type JobMessage<T> =
  | { type: 'progress'; done: number; total: number }
  | { type: 'stoppable' }
  | { type: 'done'; value: T }
  | { type: 'failed'; message: string; code: ErrorCode | null; fields: FieldErrors | null };

/** Reports `done` of `total` steps of a job. */
export type JobProgress = (done: number, total: number) => void;

/** What a job that reads the database learns of a cancel, and how it says it is done reading. */
export interface JobControl {
  /** True once the main process asked the job to stop. */
  readonly cancelled: boolean;
  /** The thread holds no database connection any more: it may be terminated from now on. */
  stoppable(): void;
}

/** Thrown inside a job's thread that stops because it was cancelled. */
export class ThreadCancelled extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'ThreadCancelled';
  }
}

/** An AppError crosses the thread as its code, message and fields, and is rebuilt on arrival. */
export function failureMessage(err: unknown): JobMessage<never> {
  if (err instanceof AppError)
    return { type: 'failed', message: err.message, code: err.code, fields: err.fields ?? null };
  return {
    type: 'failed',
    message: err instanceof Error ? err.message : String(err),
    code: null,
    fields: null,
  };
}

export function errorOf(m: Extract<JobMessage<unknown>, { type: 'failed' }>): Error {
  return m.code ? new AppError(m.code, m.message, m.fields ?? undefined) : new Error(m.message);
}

/**
 * The body of a worker-thread script (main/workers/<job>.ts): runs `work` on the data the main
 * process handed over, posting progress and then the answer or the failure. Cancelling ends
 * the thread from outside (main/services/reports/worker-jobs.ts), so `work` needs no checks;
 * except with `readsDatabase`: terminated in the middle of a query, the thread would take the
 * whole process with it, so such a job calls `control.stoppable()` once its connection is
 * closed, and until then a cancel only sets `control.cancelled` (and the next progress report
 * throws ThreadCancelled).
 */
export function serveJob<I, T>(
  work: (input: I, progress: JobProgress, control: JobControl) => Promise<T> | T,
  { readsDatabase = false }: { readsDatabase?: boolean } = {},
): void {
  const port = parentPort;
  if (!port) throw new Error('A job script runs as a worker thread.');
  const locale = process.argv.find((a) => a.startsWith(DATE_LOCALE_ARG));
  if (locale) setDateLocale(locale.slice(DATE_LOCALE_ARG.length));
  const post = (m: JobMessage<T>) => port.postMessage(m);
  let stoppable = false;
  const control = {
    cancelled: false,
    stoppable() {
      if (stoppable) return;
      stoppable = true;
      post({ type: 'stoppable' });
    },
  };
  port.on('message', (m: { type?: string }) => {
    if (m.type === 'cancel') control.cancelled = true;
  });
  if (!readsDatabase) control.stoppable();
  const progress: JobProgress = (done, total) => {
    if (control.cancelled) throw new ThreadCancelled();
    post({ type: 'progress', done, total });
  };
  void Promise.resolve()
    .then(() => work(workerData as I, progress, control))
    .then(
      (value) => post({ type: 'done', value }),
      (err: unknown) => post(failureMessage(err)),
    )
    .finally(() => port.close());
}
