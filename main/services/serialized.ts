/**
 * Runs async jobs one at a time, in the order they were asked for. Opening, closing and
 * replacing the database must never interleave: a lock arriving while a sign-in opens the
 * database waits for it, then closes it.
 */
export function serialized() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}

export type Serialized = ReturnType<typeof serialized>;
