import type { Timing } from './stats.js';

/** One line of the results table: a measurement against its baseline. */
export interface Row {
  name: string;
  subject: Timing;
  baseline: Timing;
  ratio: number;
  target: string;
  /** null where the issue sets no target (the figure is reported for reference). */
  met: boolean | null;
  /** Set when a partial run measured this row again after the full run (update-latest.ts). */
  remeasured?: { day: string; mode: string };
}
