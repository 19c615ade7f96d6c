import type { AppEvent } from '../../shared/api/bridge.js';

type Listener = (event: AppEvent) => void;

/**
 * Events main pushes to the renderer from inside services (progress of long work). The
 * transports (Electron IPC, the test harness's event stream) subscribe through the core.
 */
export function makeEventHub() {
  const listeners = new Set<Listener>();
  return {
    emit(event: AppEvent): void {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A broken listener (a closed window) must not fail the work it reports on.
        }
      }
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type EventHub = ReturnType<typeof makeEventHub>;

/** At most one progress event per this many steps or milliseconds, whichever comes later. */
const EVERY_STEPS = 100;
const EVERY_MS = 50;

/**
 * Reports `done` of `total` for a task, throttled so a 20,000-row import sends a few hundred
 * events, not 20,000. The first and last steps are always sent. Time here is wall time for
 * pacing only, never a business timestamp, so it does not come from the app clock.
 */
export function progressReporter(hub: EventHub, task: string, total: number) {
  let lastDone = -Infinity;
  let lastAt = 0;
  const send = (done: number) => {
    lastDone = done;
    lastAt = performance.now();
    hub.emit({ type: 'progress', task, done, total });
  };
  return {
    step(done: number): void {
      if (done >= total || lastDone < 0) return send(done);
      if (done - lastDone >= EVERY_STEPS && performance.now() - lastAt >= EVERY_MS) send(done);
    },
    finish(): void {
      if (lastDone !== total) send(total);
    },
  };
}

export type ProgressReporter = ReturnType<typeof progressReporter>;
