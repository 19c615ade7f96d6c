import type { HourCategory } from '../../../shared/domain/categories.js';
import type { IsoDate } from '../../../shared/domain/dates.js';
import type { Q } from '../query.js';

/**
 * Reads of `hour_rollups` (minutes per worker, Monday week, calendar month, site, supervisor
 * and category, kept by triggers on hour_entries: see main/services/hour-rollups.ts).
 */
export interface RollupBucket {
  weekStart: IsoDate;
  monthStart: IsoDate;
  siteId: number;
  supervisorId: number;
  category: HourCategory;
  minutes: number;
}

/**
 * A worker's buckets in week order. They come back
 * as one text value, a line per bucket, parsed here: for thousands of small rows that is several
 * times faster than the driver building an object per row.
 */
export async function rollupBucketsOf(q: Q, workerId: number): Promise<RollupBucket[]> {
  const rows = (await q.raw(
    `SELECT group_concat(line, char(10)) AS lines FROM (
       SELECT week_start || ',' || month_start || ',' || site_id || ',' || supervisor_id || ','
              || category || ',' || minutes AS line
         FROM hour_rollups WHERE worker_id = ?
        ORDER BY worker_id, week_start, month_start, site_id, supervisor_id, category)`,
    [workerId],
  )) as { lines: string | null }[];
  const text = rows[0]?.lines;
  if (!text) return [];
  const buckets = text.split('\n').map((line): RollupBucket => {
    const [weekStart = '', monthStart = '', site = '', supervisor = '', category = '', minutes] =
      line.split(',');
    return {
      weekStart,
      monthStart,
      siteId: Number(site),
      supervisorId: Number(supervisor),
      category: category as HourCategory,
      minutes: Number(minutes),
    };
  });
  // SQLite does not promise group_concat keeps the subquery's order; already sorted, this is
  // one pass.
  return buckets.sort((a, b) =>
    a.weekStart !== b.weekStart
      ? a.weekStart < b.weekStart
        ? -1
        : 1
      : a.monthStart < b.monthStart
        ? -1
        : a.monthStart > b.monthStart
          ? 1
          : 0,
  );
}
