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

/** A subject against its baseline, timed run by run in alternating order. */
export interface Interleaved {
  subject: Timing;
  baseline: Timing;
  ratio: number;
}

/**
 * Subject and baseline alternate run by run, and which goes first alternates too, so both see
 * the same machine (other load, CPU frequency, the OS cache). `before` runs untimed before each
 * subject run, `beforeBaseline` before each baseline run; each gets the run's index.
 */
export async function alternate(
  runs: number,
  subject: (i: number) => Promise<unknown>,
  baseline: (i: number) => Promise<unknown>,
  before: (i: number) => Promise<unknown> = async () => {},
  beforeBaseline: (i: number) => Promise<unknown> = async () => {},
): Promise<Interleaved> {
  const s: number[] = [];
  const b: number[] = [];
  const timed = async (
    prepare: (i: number) => Promise<unknown>,
    fn: (i: number) => Promise<unknown>,
    i: number,
    into: number[],
  ) => {
    await prepare(i);
    const t = performance.now();
    await fn(i);
    into.push(performance.now() - t);
  };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      await timed(before, subject, i, s);
      await timed(beforeBaseline, baseline, i, b);
    } else {
      await timed(beforeBaseline, baseline, i, b);
      await timed(before, subject, i, s);
    }
  }
  const subjectT = summarize(s);
  const baselineT = summarize(b);
  return { subject: subjectT, baseline: baselineT, ratio: ratio(subjectT, baselineT) };
}
