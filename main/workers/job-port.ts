import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type ErrorCode, type FieldErrors } from '../../shared/errors.js';
import { setDateLocale } from '../../shared/domain/format.js';
import { DATE_LOCALE_ARG } from '../platform/worker-thread.js';

/** What a job's thread tells the main process: progress, then one answer. */
export type JobMessage<T> =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; value: T }
  | { type: 'failed'; message: string; code: ErrorCode | null; fields: FieldErrors | null };

/** Reports `done` of `total` steps of a job. */
export type JobProgress = (done: number, total: number) => void;

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
 * the thread from outside (main/services/reports/worker-jobs.ts), so `work` needs no checks.
 */
export function serveJob<I, T>(work: (input: I, progress: JobProgress) => Promise<T> | T): void {
  const port = parentPort;
  if (!port) throw new Error('A job script runs as a worker thread.');
  const locale = process.argv.find((a) => a.startsWith(DATE_LOCALE_ARG));
  if (locale) setDateLocale(locale.slice(DATE_LOCALE_ARG.length));
  const post = (m: JobMessage<T>) => port.postMessage(m);
  void Promise.resolve()
    .then(() => work(workerData as I, (done, total) => post({ type: 'progress', done, total })))
    .then(
      (value) => post({ type: 'done', value }),
      (err: unknown) => post(failureMessage(err)),
    )
    .finally(() => port.close());
}
