import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The API calls under way that need the open practice, so that closing it (a lock, quit) lets
 * them end first. A call cut off when the database closed under it answered "Something went
 * wrong" after its work was done: a backup written whose audit row was then lost.
 *
 * Two kinds of call are not waited for, or a close would wait for something that waits for
 * it: the call a close begins in (a password change that locked the account out), and a call
 * that is queued for or holds the practice's door (`aside`: a restore, which the close is
 * serialised with anyway).
 *
 * `holding` keeps calls that start meanwhile from running until its work is done: a move to a
 * server copies the practice and then switches to the copy, and a write that ran in between
 * went to the file only (the call answered that it was saved).
 */
export function makeCallsInFlight() {
  const calls = new Set<object>();
  const asideNow = new Set<object>();
  const current = new AsyncLocalStorage<object>();
  /** While set, calls that start wait for it (set aside meanwhile, so nothing waits for them). */
  let held: Promise<void> | null = null;
  let changed: (() => void)[] = [];
  const notify = () => {
    const waiting = changed;
    changed = [];
    for (const done of waiting) done();
  };
  const end = (token: object) => {
    calls.delete(token);
    notify();
  };
  /** Runs `work` with the call it runs in (if any) not waited for by `ended` meanwhile. */
  async function aside<T>(work: () => Promise<T>): Promise<T> {
    const token = current.getStore();
    if (!token || asideNow.has(token)) return work();
    asideNow.add(token);
    notify();
    try {
      return await work();
    } finally {
      asideNow.delete(token);
    }
  }

  return {
    /** Runs one call, counted as under way until it settles. */
    run<T>(call: () => Promise<T>): Promise<T> {
      const token = {};
      calls.add(token);
      const running = current.run(token, async () => {
        while (held) await aside(() => held ?? Promise.resolve());
        return call();
      });
      void running.then(
        () => end(token),
        () => end(token),
      );
      return running;
    },

    aside,

    /** Runs `work` while calls that start meanwhile wait for it to end (one hold at a time). */
    async holding<T>(work: () => Promise<T>): Promise<T> {
      if (held) throw new Error('Calls are already held.');
      let release = () => {};
      held = new Promise<void>((done) => (release = done));
      try {
        return await work();
      } finally {
        held = null;
        release();
      }
    },

    /**
     * Resolves once every call under way has ended (but the one this runs in, and those
     * aside), or after `limitMs` whatever still runs.
     */
    async ended(limitMs: number): Promise<void> {
      const self = current.getStore();
      const waitedFor = () => [...calls].some((t) => t !== self && !asideNow.has(t));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        notify();
      }, limitMs);
      try {
        while (waitedFor() && !timedOut) await new Promise<void>((done) => changed.push(done));
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
