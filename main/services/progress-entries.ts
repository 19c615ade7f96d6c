import type { Q } from '../db/query.js';
import { mapInTurns } from '../platform/event-loop-turns.js';
import { dayBucketsByWorker, dayTotalsByWorker } from '../db/tables/hour-entries.js';
import type { RollupBucket } from '../db/tables/hour-rollups.js';
import type { HourCategory } from '../../shared/domain/categories.js';
import { addDaysIso, weekStartOf, type IsoDate } from '../../shared/domain/dates.js';
import { countedCategories, type Pack } from '../../shared/domain/packs/schema.js';
import { addMonthsIso } from '../../shared/domain/progress-calendar.js';
import { EXPIRY_WARNING_DAYS, PACE_WINDOW_DAYS } from '../../shared/domain/progress.js';
import type { ProgressEntry } from '../../shared/domain/progress-types.js';

/**
 * A worker's hours as progress needs them, read from hour_rollups plus only what the rollups
 * cannot hold, so a worker with years of history costs thousands of rows, not tens of
 * thousands. The entries handed to computeProgress differ from the real ones, but every figure
 * computed from them is the same (tests/integration/progress-from-rollups.test.ts checks it):
 *
 * - progress sums minutes by category, week, month, site and supervisor, which is what a
 *   bucket holds, so a bucket stands in as one entry dated within its week and month;
 * - where a figure depends on the day, the weeks concerned are read day by day from
 *   hour_entries (summed per day, category, supervisor and site, which no figure can tell from
 *   the entries): the first week (the earliest date), the 84-day pace window and everything
 *   after it (today, future entries), the weeks where hours cross the age limit or lapse
 *   within 90 days, the first and last weeks that count (weeks or months spanned, the plan's
 *   deadline) and the weeks where a supervisor's license expires;
 * - the rolling weekly cap needs minutes per day, but only where the weeks a window can touch
 *   hold more than the cap between them: there the day totals of the counted categories are
 *   read and the week's buckets spread over those days.
 *
 * `buckets` are the worker's, from rollupBucketsOf. Entry minutes are at least 1 (the API refuses less), which the spreading relies on.
 */
export async function progressEntriesOf(
  q: Q,
  workerId: number,
  buckets: readonly RollupBucket[],
  pack: Pack | null,
  ctx: PlanContext,
): Promise<ProgressEntry[]> {
  return (await progressEntriesByWorker(q, [{ workerId, buckets, pack, ctx }])).get(workerId) ?? [];
}

/** One worker's part of progressEntriesByWorker. */
export interface EntriesAsk {
  workerId: number;
  buckets: readonly RollupBucket[];
  pack: Pack | null;
  ctx: PlanContext;
}

/**
 * progressEntriesOf for many workers with two reads in all (their weeks by day, their day
 * totals), not two per worker: the overview's cold path and the warm-up compute every worker.
 */
export async function progressEntriesByWorker(
  q: Q,
  asks: readonly EntriesAsk[],
): Promise<Map<number, ProgressEntry[]>> {
  const plans = await mapInTurns(asks, (ask) => ({
    ask,
    plan: planReads(ask.pack, ask.buckets, ask.ctx),
  }));
  const detail = await dayBucketsByWorker(
    q,
    plans.flatMap(({ ask, plan }) =>
      plan.detailRanges.map(([from, to]) => ({ workerId: ask.workerId, from, to })),
    ),
  );
  const totals = await dayTotalsByWorker(
    q,
    plans.flatMap(({ ask, plan }) =>
      plan.capRanges.map(([from, to]) => ({
        workerId: ask.workerId,
        from,
        to,
        categories: plan.counted,
      })),
    ),
  );
  return new Map(
    await mapInTurns(
      plans,
      ({ ask, plan }) =>
        [
          ask.workerId,
          assemble(
            ask.buckets,
            plan,
            detail.get(ask.workerId) ?? [],
            totals.get(ask.workerId) ?? new Map<IsoDate, number>(),
          ),
        ] as const,
    ),
  );
}

export interface PlanContext {
  today: IsoDate;
  /** License expiry dates of the supervisors the worker's hours or assignments name. */
  licenseExpiries: readonly IsoDate[];
}

/** The last day that can be stored: read-from-here ranges end on it. */
const LAST_DAY = '2999-12-31';

export interface ReadPlan {
  /** From this Monday on every entry is read by day (the pace window, today, the future). */
  tailStart: IsoDate;
  /** Earlier weeks read by day. */
  detailWeeks: Set<IsoDate>;
  /** Inclusive date ranges to read by day: the detail weeks, merged, and the tail. */
  detailRanges: [IsoDate, IsoDate][];
  /** Weeks whose buckets are spread over their day totals (rolling cap). */
  capWeeks: Set<IsoDate>;
  /**
   * The cap weeks as inclusive date ranges (consecutive weeks merged): only they are read by
   * day. One span from the first to the last would read most of a long history, since a few
   * busy weeks are spread over the years.
   */
  capRanges: [IsoDate, IsoDate][];
  counted: HourCategory[];
}

/** Which weeks progress must see by day, from the worker's buckets (see progressEntriesOf). */
export function planReads(
  pack: Pack | null,
  buckets: readonly RollupBucket[],
  { today, licenseExpiries }: PlanContext,
): ReadPlan {
  const tailStart = weekStartOf(addDaysIso(today, 1 - PACE_WINDOW_DAYS));
  const counted = pack ? countedCategories(pack) : [];
  const weeks = weekSums(buckets, new Set(counted));
  const early = [...weeks.keys()].filter((w) => w < tailStart);
  const detail = new Set<IsoDate>();
  const first = [...weeks.keys()][0];
  if (first !== undefined) detail.add(first);
  for (const expires of licenseExpiries) detail.add(weekStartOf(expires));

  const standing = ageStanding(pack, today);
  const live = early.filter((w) => standing(w) !== 'expired');
  for (const w of live) if (standing(w) === 'lapsing') detail.add(w);
  // The first hours that count (the plan's deadline) and the first and last that count toward
  // the total (weeks or months spanned).
  if (live[0] !== undefined) detail.add(live[0]);
  const liveCounted = live.filter((w) => (weeks.get(w)?.counted ?? 0) > 0);
  for (const w of [liveCounted[0], liveCounted.at(-1)]) if (w !== undefined) detail.add(w);

  const capWeeks = new Set<IsoDate>();
  const cap = pack?.rules.weeklyCap;
  if (cap) {
    // A window of windowDays starting in week W ends at most this many weeks after W.
    const reach = Math.floor((cap.windowDays + 5) / 7);
    for (const w of live) {
      const touched = Array.from({ length: reach + 1 }, (_, j) => addDaysIso(w, 7 * j));
      const minutes = touched.reduce((s, t) => s + (weeks.get(t)?.counted ?? 0), 0);
      if (minutes <= cap.maxMinutes) continue;
      for (const t of touched) if (t < tailStart && weeks.has(t) && !detail.has(t)) capWeeks.add(t);
    }
  }
  return {
    tailStart,
    detailWeeks: detail,
    detailRanges: [...mergeWeeks([...detail].filter((w) => w < tailStart)), [tailStart, LAST_DAY]],
    capWeeks,
    capRanges: mergeWeeks([...capWeeks]),
    counted,
  };
}

/** Per week: minutes in the counted categories (all weeks that have any bucket are present). */
function weekSums(buckets: readonly RollupBucket[], counted: ReadonlySet<HourCategory>) {
  const weeks = new Map<IsoDate, { counted: number }>();
  for (const b of buckets) {
    const w = weeks.get(b.weekStart) ?? { counted: 0 };
    if (counted.has(b.category)) w.counted += b.minutes;
    weeks.set(b.weekStart, w);
  }
  return weeks;
}

/**
 * Where a week stands under an age limit counted from each entry's date: all lapsed by today,
 * some lapsing by today + 90 days (read by day), or all counting past then. A limit counted
 * from supervision start lapses every entry on one day, so no week needs its days for it.
 */
function ageStanding(pack: Pack | null, today: IsoDate) {
  const limit = pack?.rules.ageLimit;
  if (!limit || limit.from !== 'entryDate') return () => 'counting' as const;
  const horizon = addDaysIso(today, EXPIRY_WARNING_DAYS);
  return (week: IsoDate): 'expired' | 'lapsing' | 'counting' => {
    // addMonthsIso never goes back as the date moves on, so a week's first and last day bound it.
    if (addMonthsIso(addDaysIso(week, 6), limit.months) <= today) return 'expired';
    if (addMonthsIso(week, limit.months) <= horizon) return 'lapsing';
    return 'counting';
  };
}

/** Consecutive Mondays merged into inclusive date ranges. */
function mergeWeeks(weeks: readonly IsoDate[]): [IsoDate, IsoDate][] {
  const ranges: [IsoDate, IsoDate][] = [];
  for (const w of [...weeks].sort()) {
    const last = ranges.at(-1);
    if (last && addDaysIso(last[1], 1) === w) last[1] = addDaysIso(w, 6);
    else ranges.push([w, addDaysIso(w, 6)]);
  }
  return ranges;
}

/** The entries handed to computeProgress: day buckets where read, buckets elsewhere, by date. */
export function assemble(
  buckets: readonly RollupBucket[],
  plan: ReadPlan,
  detail: readonly ProgressEntry[],
  dayTotals: ReadonlyMap<IsoDate, number>,
): ProgressEntry[] {
  const entries: ProgressEntry[] = [...detail];
  const counted = new Set(plan.counted);
  // The buckets of one week and month (a part of a week): spread together over its days.
  let part: RollupBucket[] = [];
  const flush = () => {
    const head = part[0];
    if (head) entries.push(...spreadPart(head, part, counted, dayTotals));
    part = [];
  };
  for (const b of buckets) {
    if (b.weekStart >= plan.tailStart || plan.detailWeeks.has(b.weekStart)) continue;
    if (!plan.capWeeks.has(b.weekStart)) {
      entries.push(entryOf(b, partStart(b), b.minutes));
      continue;
    }
    const head = part[0];
    if (head && (head.weekStart !== b.weekStart || head.monthStart !== b.monthStart)) flush();
    part.push(b);
  }
  flush();
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The first day of a bucket's week that falls in its month. */
const partStart = (b: RollupBucket): IsoDate =>
  b.monthStart > b.weekStart ? b.monthStart : b.weekStart;

const entryOf = (b: RollupBucket, date: IsoDate, minutes: number): ProgressEntry => ({
  date,
  category: b.category,
  minutes,
  supervisorId: b.supervisorId,
  siteId: b.siteId,
});

/**
 * A week part's counted buckets laid over its days so each day holds its real counted total
 * (filling days in order, a bucket split where a day is full); other buckets go on the part's
 * first day. The last day takes anything over, so a write between the reads cannot lose minutes.
 */
function spreadPart(
  head: RollupBucket,
  part: readonly RollupBucket[],
  counted: ReadonlySet<HourCategory>,
  dayTotals: ReadonlyMap<IsoDate, number>,
): ProgressEntry[] {
  const start = partStart(head);
  const days: [IsoDate, number][] = [];
  for (let d = start; d <= addDaysIso(head.weekStart, 6) && d.slice(0, 7) === start.slice(0, 7);) {
    const minutes = dayTotals.get(d);
    if (minutes !== undefined && minutes > 0) days.push([d, minutes]);
    d = addDaysIso(d, 1);
  }
  const out: ProgressEntry[] = [];
  let day = 0;
  let left = days[0]?.[1] ?? 0;
  for (const b of part) {
    if (!counted.has(b.category) || days.length === 0) {
      out.push(entryOf(b, start, b.minutes));
      continue;
    }
    let rest = b.minutes;
    while (rest > 0) {
      while (left <= 0 && day < days.length - 1) left = days[++day]?.[1] ?? 0;
      const last = day === days.length - 1;
      const take = last ? rest : Math.min(rest, left);
      out.push(entryOf(b, days[day]?.[0] ?? start, take));
      rest -= take;
      left -= take;
    }
  }
  return out;
}
