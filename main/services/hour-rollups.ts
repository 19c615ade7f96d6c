import { sqlPieces } from '../db/dialect/index.js';
import type { Q } from '../db/query.js';
import { weekStartOf, type IsoDate } from '../../shared/domain/dates.js';

/**
 * Pre-aggregated minutes of hour_entries, kept by triggers on hour_entries inside the statement
 * of every write to them, so reports over years of history read thousands of rows instead of a
 * million, and no writer (service, import, deletion, repair) can leave them behind.
 *
 * One row per worker, Monday week, calendar month, site, supervisor and category: a week that
 * spans two months is split, so both weekly rules (supervision per week and setting) and monthly
 * ones (supervision per month) sum exact buckets, and license checks can pick a supervisor.
 * `entries` counts the rows behind a bucket; a bucket whose count reaches 0 is deleted.
 */
export const HOUR_ROLLUPS = 'hour_rollups';

const KEY_COLUMNS = [
  'worker_id',
  'week_start',
  'month_start',
  'site_id',
  'supervisor_id',
  'category',
] as const;

/** An entry's bucket: its Monday and the first of its month, from an ISO date column. */
const monthStartSql = (date: string) => `substr(${date}, 1, 7) || '-01'`;

/** The SELECT rebuilds use; `where` narrows hour_entries. */
export const rollupSelectSql = (q: Q, where = '1 = 1') =>
  `SELECT worker_id, ${sqlPieces(q).mondayOf('date')} AS week_start,
          ${monthStartSql('date')} AS month_start, site_id, supervisor_id, category,
          SUM(minutes) AS minutes, COUNT(*) AS entries
     FROM hour_entries WHERE ${where}
    GROUP BY worker_id, week_start, month_start, site_id, supervisor_id, category`;

/**
 * Rebuilds the rollups from hour_entries: all of them, or one worker's, or those from a date
 * on (whole weeks, so a partly covered week is rebuilt in full). For repairs; every write to
 * hour_entries is followed by the triggers of migrations/20261125000000_hour_rollup_triggers.ts.
 */
export async function rebuildHourRollups(
  q: Q,
  scope: { workerId?: number; fromDate?: IsoDate } = {},
): Promise<void> {
  const entries: string[] = [];
  const rollups: string[] = [];
  const bindings: (string | number)[] = [];
  if (scope.workerId !== undefined) {
    entries.push('worker_id = ?');
    rollups.push('worker_id = ?');
    bindings.push(scope.workerId);
  }
  if (scope.fromDate !== undefined) {
    entries.push('date >= ?');
    rollups.push('week_start >= ?');
    bindings.push(weekStartOf(scope.fromDate));
  }
  const all = (clauses: string[]) => (clauses.length ? clauses.join(' AND ') : '1 = 1');
  await q.raw(`DELETE FROM ${HOUR_ROLLUPS} WHERE ${all(rollups)}`, bindings);
  await q.raw(
    `INSERT INTO ${HOUR_ROLLUPS} (${KEY_COLUMNS.join(', ')}, minutes, entries) ${rollupSelectSql(q, all(entries))}`,
    bindings,
  );
}
