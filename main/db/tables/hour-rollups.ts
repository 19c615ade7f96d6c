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

const BUCKET_LINE = `week_start || ',' || month_start || ',' || site_id || ',' || supervisor_id || ','
              || category || ',' || minutes`;
const BUCKET_ORDER = 'worker_id, week_start, month_start, site_id, supervisor_id, category';

/**
 * A worker's buckets in week order. They come back
 * as one text value, a line per bucket, parsed here: for thousands of small rows that is several
 * times faster than the driver building an object per row.
 */
export async function rollupBucketsOf(q: Q, workerId: number): Promise<RollupBucket[]> {
  const rows = (await q.raw(
    `SELECT group_concat(line, char(10)) AS lines FROM (
       SELECT ${BUCKET_LINE} AS line
         FROM hour_rollups WHERE worker_id = ?
        ORDER BY ${BUCKET_ORDER})`,
    [workerId],
  )) as { lines: string | null }[];
  return parseBuckets(rows[0]?.lines ?? null);
}

/**
 * The buckets of every worker in `workerIds` (or of all), by worker, each list in week order:
 * one read for a whole overview instead of one per worker. Workers without buckets are absent.
 */
export async function rollupBucketsByWorker(
  q: Q,
  workerIds: readonly number[] | 'all',
): Promise<Map<number, RollupBucket[]>> {
  const rows = (await q.raw(
    `SELECT worker_id, group_concat(line, char(10)) AS lines FROM (
       SELECT worker_id, ${BUCKET_LINE} AS line
         FROM hour_rollups
        ${workerIds === 'all' ? '' : 'WHERE worker_id IN (SELECT value FROM json_each(?))'}
        ORDER BY ${BUCKET_ORDER})
      GROUP BY worker_id`,
    workerIds === 'all' ? [] : [JSON.stringify(workerIds)],
  )) as { worker_id: number; lines: string | null }[];
  return new Map(rows.map((r) => [Number(r.worker_id), parseBuckets(r.lines)]));
}

function parseBuckets(text: string | null): RollupBucket[] {
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
