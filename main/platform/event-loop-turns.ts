import { performance } from 'node:perf_hooks';

/** The longest stretch of synchronous work between two turns of the event loop. */
const SLICE_MS = 10;

/**
 * `items.map(each)`, letting the event loop run whenever SLICE_MS has passed since the last
 * turn. For work over many records on the main process (a hundred workers' progress rules):
 * done in one go it held every other call, the hours screen's week among them, for up to 0.45 s.
 */
export async function mapInTurns<T, R>(
  items: readonly T[],
  each: (item: T, index: number) => R,
): Promise<R[]> {
  const out: R[] = [];
  let since = performance.now();
  for (let i = 0; i < items.length; i++) {
    if (performance.now() - since > SLICE_MS) {
      await new Promise<void>((done) => setImmediate(done));
      since = performance.now();
    }
    out.push(each(items[i] as T, i));
  }
  return out;
}
