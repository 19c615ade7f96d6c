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

interface RollupRow {
  week_start: string;
  month_start: string;
  site_id: number;
  supervisor_id: number;
  category: string;
  minutes: number;
}

const bucketFromRow = (r: RollupRow): RollupBucket => ({
  weekStart: r.week_start,
  monthStart: r.month_start,
  siteId: Number(r.site_id),
  supervisorId: Number(r.supervisor_id),
  category: r.category as HourCategory,
  minutes: Number(r.minutes),
});

/** A worker's buckets in week order (the primary key's order, so no sort step). */
export async function rollupBucketsOf(q: Q, workerId: number): Promise<RollupBucket[]> {
  const rows = (await q.raw(
    `SELECT week_start, month_start, site_id, supervisor_id, category, minutes
       FROM hour_rollups WHERE worker_id = ?
      ORDER BY worker_id, week_start, month_start, site_id, supervisor_id, category`,
    [workerId],
  )) as RollupRow[];
  return rows.map(bucketFromRow);
}
