import type { HourCategory } from '../../../shared/domain/categories.js';
import type { IsoDate } from '../../../shared/domain/dates.js';
import { isPostgres, rawRows, sqlPieces } from '../dialect/index.js';
import type { Q } from '../query.js';
import { mapInTurns } from '../../platform/event-loop-turns.js';

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
  const rows = await rawRows<{ lines: string | null }>(
    q,
    bucketLinesSql(q, 'WHERE worker_id = ?', false),
    [workerId],
  );
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
  const rows = await rawRows<{ worker_id: number; lines: string | null }>(
    q,
    bucketLinesSql(
      q,
      workerIds === 'all' ? '' : `WHERE worker_id IN (${sqlPieces(q).jsonIntegers})`,
      true,
    ),
    workerIds === 'all' ? [] : [JSON.stringify(workerIds)],
  );
  // Turns of the event loop between workers: all 345 of a 1M-entry practice take about 0.25 s.
  return new Map(
    await mapInTurns(rows, (r) => [Number(r.worker_id), parseBuckets(r.lines)] as const),
  );
}

/**
 * The statement answering `lines` (and `worker_id`, a row per worker, when `byWorker`) for the
 * buckets `where` keeps, in bucket order: SQLite joins an ordered subquery's lines, PostgreSQL
 * orders inside the aggregate.
 */
function bucketLinesSql(q: Q, where: string, byWorker: boolean): string {
  const worker = byWorker ? 'worker_id, ' : '';
  const group = byWorker ? ' GROUP BY worker_id' : '';
  const { linesAgg } = sqlPieces(q);
  if (isPostgres(q))
    return `SELECT ${worker}${linesAgg(BUCKET_LINE, BUCKET_ORDER)} AS lines
              FROM hour_rollups ${where}${group}`;
  return `SELECT ${worker}${linesAgg('line')} AS lines FROM (
            SELECT ${worker}${BUCKET_LINE} AS line
              FROM hour_rollups ${where}
             ORDER BY ${BUCKET_ORDER})${group}`;
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
  // one pass (PostgreSQL's string_agg sorts them itself).
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
