import { afterEach, beforeEach } from 'vitest';
import { fakeClock, openTempCore, type TempCore } from './temp-core.js';

/**
 * The prelude most integration suites share: before each test a fresh core on its own temp
 * folder, on a fake clock set back to `start` and seeded by `seed`; disposed after the test.
 * Read `core` and `ids` (what `seed` returned) inside tests and hooks, not at describe time.
 */
export function coreEachTest<T>(
  start: string,
  seed: (core: TempCore) => Promise<T>,
  timeoutMs?: number,
) {
  const clock = fakeClock(start);
  let core: TempCore | null = null;
  let ids: T | null = null;
  beforeEach(async () => {
    clock.set(start);
    core = await openTempCore(clock);
    ids = await seed(core);
  }, timeoutMs);
  afterEach(async () => {
    // Taken first: when a slow beforeEach timed out, `core` is still the last test's, disposed.
    const done = core;
    core = null;
    await done?.dispose();
  });
  return {
    clock,
    get core(): TempCore {
      if (!core) throw new Error('coreEachTest: the core exists only while a test runs');
      return core;
    },
    get ids(): T {
      if (ids === null) throw new Error('coreEachTest: the seed exists only while a test runs');
      return ids;
    },
  };
}
