import type { BrowserFigures } from './browser.bench.js';
import type { Row } from './row.js';
import type { CsvFigures, Compared, OverviewFigures } from './services.bench.js';
import { ratio } from './stats.js';

/** The figures of the everyday calls (`--only-services` measures them alone). */
export interface ServiceFigures {
  save: Compared;
  week: Compared;
  weekSmall: Compared;
  progress: Compared;
  overview: OverviewFigures;
  csv: CsvFigures;
  counts: { large: number; small: number };
}

const fmtCount = (n: number) => n.toLocaleString('en-US');

/** latest.md's rows for the everyday calls, each subject interleaved with its baseline. */
export function serviceRows(f: ServiceFigures): Row[] {
  const { save, week, weekSmall, progress, overview, csv } = f;
  const weekScale = ratio(week.subject, weekSmall.subject);
  return [
    {
      name: 'Save one hour entry: hours.add through dispatch vs raw INSERT in a transaction (interleaved)',
      subject: save.subject,
      baseline: save.baseline,
      ratio: save.ratio,
      target: '≤ 3×',
      met: save.ratio <= 3,
    },
    {
      name: "Worker's week view: hours.week through dispatch vs raw SELECT of the week's rows (interleaved)",
      subject: week.subject,
      baseline: week.baseline,
      ratio: week.ratio,
      target: '—',
      met: null,
    },
    {
      name: "Worker's progress: progress.worker vs raw SELECT of the worker's entries (interleaved)",
      subject: progress.subject,
      baseline: progress.baseline,
      ratio: progress.ratio,
      target: '—',
      met: null,
    },
    {
      name: "Overview of all workers, warm (today's progress cache in place): progress.overview vs raw full-scan SUM GROUP BY worker, category (interleaved)",
      subject: overview.subject,
      baseline: overview.baseline,
      ratio: overview.ratio,
      target: '≤ 0.1× (10× faster)',
      met: overview.ratio <= 0.1,
    },
    {
      name: 'Overview of all workers, cold (cache empty: the first of a day before the warm-up ran) vs the same full scan (interleaved)',
      subject: overview.cold,
      baseline: overview.coldBaseline,
      ratio: overview.coldRatio,
      target: '—',
      met: null,
    },
    {
      name: `Hours screen data: hours.week at ${fmtCount(f.counts.large)} vs at ${fmtCount(f.counts.small)} entries`,
      subject: week.subject,
      baseline: weekSmall.subject,
      ratio: weekScale,
      target: '≤ 1.2×',
      met: weekScale <= 1.2,
    },
    {
      name: `CSV import of ${fmtCount(csv.rows)} rows through dispatch (${csv.filesPerRun} files of ${fmtCount(csv.rowsPerFile)}, the limit) vs raw batched insert (500 rows a statement) (interleaved)`,
      subject: csv.subject,
      baseline: csv.baseline,
      ratio: csv.ratio,
      target: '≤ 2×',
      met: csv.ratio <= 2,
    },
  ];
}

/** latest.md's rows for the hours screen in Chromium (`--browser-only` measures them alone). */
export function browserRows(browser: BrowserFigures): Row[] {
  return [
    {
      name: 'Chromium, hours screen first render: a week of 10,000 entries vs 10 (interleaved)',
      subject: browser.large.firstRender,
      baseline: browser.small.firstRender,
      ratio: browser.firstRenderRatio,
      target: '≤ 1.5×',
      met: browser.firstRenderRatio <= 1.5,
    },
    {
      name: 'Chromium, hours screen scroll of 1,000 rows: 10,000 entries vs 10 (to the end) (interleaved)',
      subject: browser.large.scroll,
      baseline: browser.small.scroll,
      ratio: browser.scrollRatio,
      target: '≤ 1.5×',
      met: browser.scrollRatio <= 1.5,
    },
  ];
}
