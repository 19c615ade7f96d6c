import { join } from 'node:path';
import { AppError } from '../../../shared/errors.js';
import { runWorkerThread } from '../../platform/worker-thread.js';
import { errorOf, type JobMessage, type JobProgress } from '../../workers/job-port.js';
import { progressReporter, type EventHub, type ProgressReporter } from '../events.js';

/** A job stopped by its cancel call; the long-job registry turns it into the caller's answer. */
export class JobCancelled extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'JobCancelled';
  }
}

/** Where long work runs: a worker thread per job (main/workers/<script>.ts, built to .cjs). */
export interface WorkerJobs {
  /** True when jobs run in threads; false runs them here (tools that run from source). */
  readonly threaded: boolean;
  /**
   * Runs `script` on `input` in a thread, or `inThread` on it here when no build is at hand:
   * one function, so both answer the same. Aborting `signal` ends the thread at once.
   */
  run<I, T>(
    script: string,
    input: I,
    inThread: (input: I, progress: JobProgress) => Promise<T>,
    options: { signal: AbortSignal; onProgress: JobProgress },
  ): Promise<T>;
}

export function makeWorkerJobs(workersFolder: string | null): WorkerJobs {
  return {
    threaded: workersFolder !== null,
    async run(script, input, inThread, { signal, onProgress }) {
      if (!workersFolder) {
        // Here the job can only stop between its progress steps.
        const checked: JobProgress = (done, total) => {
          if (signal.aborted) throw new JobCancelled();
          onProgress(done, total);
        };
        return inThread(input, checked);
      }
      type Out = Awaited<ReturnType<typeof inThread>>;
      // Until the thread says it holds no database connection, it is asked to stop, not
      // terminated (main/workers/job-port.ts serveJob).
      let stoppable = false;
      return runWorkerThread<JobMessage<Out>, Out>(join(workersFolder, `${script}.cjs`), input, {
        signal,
        stopWith: () => new JobCancelled(),
        canStop: () => stoppable,
        onMessage: (m) => {
          if (m.type === 'stoppable') stoppable = true;
          if (m.type === 'progress') onProgress(m.done, m.total);
        },
        settle: (m) => {
          if (m.type === 'done') return { value: m.value };
          if (m.type === 'failed') return { error: errorOf(m) };
          return undefined;
        },
      });
    },
  };
}

/** What a long call answers when the practice closes (lock, sign-out, quit) before it ends. */
export const STOPPED_BY_LOCK =
  'Hourkeep was locked before this finished, so it was stopped and nothing was kept. Unlock and start it again.';

/** What a long job gets: its cancel signal and a progress callback (any total, any time). */
export interface JobContext {
  signal: AbortSignal;
  progress: JobProgress;
  /** Throws when the job was cancelled: work in this thread calls it between steps. */
  stopIfCancelled(): void;
}

/**
 * The long calls under way (a PDF, a person-record export, a CSV import), one per progress
 * task, each cancellable by the renderer's Cancel button (reports.cancel). A cancelled call
 * answers `conflict` with `cancelledMessage`: its file was never handed over and nothing was
 * recorded (the disclosure and audit rows are written only after the work succeeds).
 */
export function makeLongJobs(events: EventHub) {
  const running = new Map<string, { controller: AbortController; settled: Promise<unknown> }>();
  return {
    async run<T>(
      task: string,
      cancelledMessage: string,
      body: (ctx: JobContext) => Promise<T>,
    ): Promise<T> {
      if (running.has(task))
        throw new AppError('conflict', 'The same kind of work is already running; wait for it.');
      const controller = new AbortController();
      let settle = () => {};
      running.set(task, { controller, settled: new Promise<void>((done) => (settle = done)) });
      let reporter = null as ProgressReporter | null;
      let reporterTotal = -1;
      const progress: JobProgress = (done, total) => {
        if (total !== reporterTotal) {
          reporter = progressReporter(events, task, total);
          reporterTotal = total;
        }
        reporter?.step(done);
      };
      try {
        const stopIfCancelled = () => {
          if (controller.signal.aborted) throw new JobCancelled();
        };
        const value = await body({ signal: controller.signal, progress, stopIfCancelled });
        reporter?.finish();
        return value;
      } catch (err) {
        // Stopped by stopAll: its answer (the lock's) rather than the Cancel button's.
        if (controller.signal.reason instanceof AppError) throw controller.signal.reason;
        if (err instanceof JobCancelled || controller.signal.aborted)
          throw new AppError('conflict', cancelledMessage);
        throw err;
      } finally {
        running.delete(task);
        settle();
      }
    },
    /**
     * Stops every call under way, each answering `answer`, and resolves once all have ended
     * (their transactions done, nothing more to write): the practice is about to close.
     */
    async stopAll(answer: AppError): Promise<void> {
      const calls = [...running.values()];
      for (const { controller } of calls) controller.abort(answer);
      await Promise.all(calls.map((c) => c.settled));
    },
    /** Stops the call under way for `task`; false when none runs. */
    cancel(task: string): boolean {
      const call = running.get(task);
      if (!call) return false;
      call.controller.abort();
      return true;
    },
  };
}

export type LongJobs = ReturnType<typeof makeLongJobs>;
