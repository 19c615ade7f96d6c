import { describe, expect, it } from 'vitest';
import { mapInTurns } from '../../main/platform/event-loop-turns.js';

/** Keeps the thread busy for `ms`, as a worker's progress rules do. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* busy */
  }
}

describe('mapInTurns', () => {
  it('answers what map answers, in order', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    expect(await mapInTurns(items, (n, i) => n * 2 + i)).toEqual(items.map((n, i) => n * 2 + i));
    expect(await mapInTurns([], () => 1)).toEqual([]);
  });

  it('lets other work run between items once a slice of time has gone by', async () => {
    let done = 0;
    let otherRanAfter: number | null = null;
    setImmediate(() => {
      otherRanAfter = done;
    });
    await mapInTurns(Array.from({ length: 20 }), () => {
      work(5);
      done++;
    });
    // Another turn came before the 20 items (100 ms of work) were through, not after them.
    expect(otherRanAfter).not.toBeNull();
    expect(otherRanAfter).toBeLessThan(20);
    expect(otherRanAfter).toBeGreaterThan(0);
  });
});
