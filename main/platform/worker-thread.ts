import { Worker } from 'node:worker_threads';
import { dateLocale } from '../../shared/domain/format.js';

/**
 * `bytes` as a view of a whole ArrayBuffer of its own, so it can be transferred to or from a
 * thread: a slice of a larger buffer (zlib's output, Node's pool) is copied first.
 */
export const transferable = (bytes: Uint8Array): Uint8Array =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);

/** The job threads running now (runWorkerThread's), and who waits for there to be none. */
const running = new Set<Worker>();
let waitingForNone: (() => void)[] = [];

/**
 * Resolves once no job thread is running (at once when none is), or after `limitMs` whatever
 * runs. A thread's long read holds the write-ahead log: a full checkpoint waits for it (see the
 * erasure's leaveNoTrace); the practice closes only after its threads let go of it.
 */
export function whenNoThreads(limitMs?: number): Promise<void> {
  if (running.size === 0) return Promise.resolve();
  return new Promise((done) => {
    waitingForNone.push(done);
    if (limitMs !== undefined) setTimeout(done, limitMs).unref();
  });
}

function track(worker: Worker): void {
  running.add(worker);
  worker.once('exit', () => {
    running.delete(worker);
    if (running.size > 0) return;
    const waiting = waitingForNone;
    waitingForNone = [];
    for (const done of waiting) done();
  });
}

/** How a job's thread learns the locale its dates are written for (main/workers/job-port.ts). */
export const DATE_LOCALE_ARG = '--date-locale=';

/**
 * Runs one job in a worker thread: `onMessage` sees each message; the promise settles with
 * what `settle` makes of a message (undefined: keep going), or rejects when the thread fails.
 * `signal` asks the thread to stop (it answers with its own message); with `stopWith`, the
 * promise rejects with that error at once and the thread is terminated, for jobs that run
 * synchronous stretches (a PDF's layout) and so could not read a cancel message in time.
 *
 * Terminated, not while `canStop` says no: a thread stopped in the middle of a database query
 * ends the whole process (the driver's reply reaches a thread being torn down, a fatal N-API
 * error). Such a thread is sent `{ type: 'cancel' }` instead and terminated once `canStop`
 * turns true on a later message (it has closed its connection), unless it ends by itself.
 */
export function runWorkerThread<M, T>(
  script: string,
  workerData: unknown,
  handlers: {
    onMessage?: (m: M) => void;
    settle: (m: M) => { value: T } | { error: Error } | undefined;
    signal?: AbortSignal;
    stopWith?: () => Error;
    /** Whether terminating the thread is safe now (read after each message); default yes. */
    canStop?: () => boolean;
  },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // A thread has its own copy of the formatter, so it is told the locale main writes for.
    const worker = new Worker(script, { workerData, argv: [DATE_LOCALE_ARG + dateLocale()] });
    track(worker);
    let settled = false;
    /** Cancelled while the thread could not be stopped: stopped as soon as it can be. */
    let stopWhenAble = false;
    const canStop = () => handlers.canStop?.() ?? true;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      handlers.signal?.removeEventListener('abort', cancel);
      fn();
    };
    const cancel = () => {
      const stopWith = handlers.stopWith;
      if (!stopWith) return worker.postMessage({ type: 'cancel' });
      finish(() => reject(stopWith()));
      if (canStop()) return void worker.terminate();
      stopWhenAble = true;
      worker.postMessage({ type: 'cancel' });
    };
    if (handlers.signal?.aborted) cancel();
    handlers.signal?.addEventListener('abort', cancel);
    worker.on('message', (m: M) => {
      handlers.onMessage?.(m);
      if (stopWhenAble && canStop()) {
        stopWhenAble = false;
        void worker.terminate();
        return;
      }
      const outcome = handlers.settle(m);
      if (!outcome) return;
      finish(() => ('value' in outcome ? resolve(outcome.value) : reject(outcome.error)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`The worker thread ended early (exit ${code}).`))),
    );
  });
}
