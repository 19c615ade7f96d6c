import type { HourCategory } from '../categories.js';
import type { IsoDate } from '../dates.js';
import { minutesToDecimalHours } from '../reports.js';
import {
  CSV_SUPPRESSED,
  type ProgressBucket,
  type ShownFigure,
  type SuppressedTable,
} from './aggregate.js';

/** What the statistics screen and its CSV show. Every figure is already suppressed. */
export interface PracticeStatistics {
  period: { from: IsoDate; to: IsoDate; year: number | null; label: string };
  /** Progress is as of this day, whatever the period. */
  asOf: IsoDate;
  /** Workers who have agreed to be counted (the 'statistics' consent), read at this call. */
  consenting: number;
  /** Workers who have not agreed (no consent recorded, or withdrawn) and are left out. */
  notConsenting: number;
  /** Years with hours logged by consenting workers, newest first, for the year picker. */
  years: number[];
  /** Minutes. */
  byCategory: SuppressedTable<HourCategory>;
  /** Minutes; keys are site ids. */
  bySite: SuppressedTable;
  /** Minutes; keys are YYYY-MM. */
  byMonth: SuppressedTable;
  /** People per bucket; only consenting active workers with a pack. */
  progress: SuppressedTable<ProgressBucket>;
}

const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** "2026-03" → "Mar 2026". */
export const monthLabel = (month: string): string =>
  `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;

/** The twelve YYYY-MM months of a year, or the twelve ending with `today`'s month. */
export function periodMonths(today: IsoDate, year: number | null): string[] {
  const out: string[] = [];
  let y = year ?? Number(today.slice(0, 4)) - 1;
  let m = year === null ? Number(today.slice(5, 7)) + 1 : 1;
  for (let i = 0; i < 12; i++) {
    if (m > 12) {
      m = 1;
      y += 1;
    }
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
  }
  return out;
}

const hoursCell = (f: ShownFigure): string =>
  f.suppressed ? CSV_SUPPRESSED[f.suppressed] : minutesToDecimalHours(f.value ?? 0);
const peopleCell = (f: ShownFigure): string =>
  f.suppressed ? CSV_SUPPRESSED[f.suppressed] : String(f.people ?? 0);

/**
 * The CSV rows: a heading block, then one section per table with its total. Suppressed cells
 * are written "<5" (fewer than 5 people) or "suppressed" (hidden so a small group cannot be
 * worked out by subtraction), as the legend at the top says.
 */
export function statisticsCsvRows(s: PracticeStatistics): string[][] {
  const rows: string[][] = [
    ['Practice statistics (aggregate only)'],
    ['Period', `${s.period.from} to ${s.period.to}`],
    ['Progress as of', s.asOf],
    ['Workers counted', String(s.consenting), 'only workers who agreed to be counted'],
    ['Workers not counted', String(s.notConsenting), 'no consent, or consent withdrawn'],
    [CSV_SUPPRESSED.small, 'fewer than 5 people: not shown'],
    [
      CSV_SUPPRESSED.complementary,
      'not shown so that a group of fewer than 5 cannot be worked out from the total',
    ],
    [],
  ];
  const section = (title: string, first: string, t: SuppressedTable) => {
    rows.push([title], [first, 'Hours', 'People']);
    for (const r of t.rows) rows.push([r.label, hoursCell(r), peopleCell(r)]);
    rows.push(['Total', hoursCell(t.total), peopleCell(t.total)], []);
  };
  section('Hours by category', 'Category', s.byCategory);
  section('Hours by site', 'Site', s.bySite);
  section('Hours by month', 'Month', s.byMonth);
  rows.push(
    ["Progress toward the total hours required by each worker's pack"],
    ['Share', 'People'],
  );
  for (const r of s.progress.rows) rows.push([r.label, peopleCell(r)]);
  rows.push(['Total', peopleCell(s.progress.total)]);
  return rows;
}
