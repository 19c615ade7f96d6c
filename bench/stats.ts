import { performance } from 'node:perf_hooks';

/** Timing helpers: figures are reported as median and p95 over repeated runs, in ms. */
export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
}

export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { runs: sorted.length, medianMs: round(at(0.5)), p95Ms: round(at(0.95)) };
}

export async function time(runs: number, fn: (i: number) => Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export const round = (ms: number) => Math.round(ms * 100) / 100;
/** median ÷ median, to two decimals, or two significant digits below 0.1 (so 0.004 is not 0). */
export const ratio = (a: Timing, b: Timing) => {
  const r = a.medianMs / b.medianMs;
  return r >= 0.1 ? Math.round(r * 100) / 100 : Number(r.toPrecision(2));
};
