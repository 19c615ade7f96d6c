import type { Knex } from 'knex';
import { weekStartOf, type IsoDate } from '../domain/dates.js';

/**
 * Pre-aggregated minutes of hour_entries, kept in the same transaction as every write to them,
 * so reports over years of history read thousands of rows instead of a million.
 *
 * One row per worker, Monday week, calendar month, site, supervisor and category: a week that
 * spans two months is split, so both weekly rules (supervision per week and setting) and monthly
 * ones (supervision per month) sum exact buckets, and license checks can pick a supervisor.
 * `entries` counts the rows behind a bucket; a bucket whose count reaches 0 is deleted.
 */
export const HOUR_ROLLUPS = 'hour_rollups';

/** What a rollup needs of an hour entry. */
export interface RollupFacts {
  workerId: number;
  date: IsoDate;
  siteId: number;
  supervisorId: number;
  category: string;
  minutes: number;
}

const KEY_COLUMNS = [
  'worker_id',
  'week_start',
  'month_start',
  'site_id',
  'supervisor_id',
  'category',
] as const;

/** The SELECT both the migration's backfill and rebuilds use; `where` narrows hour_entries. */
export const rollupSelectSql = (where = '1 = 1') =>
  `SELECT worker_id, date(date, 'weekday 0', '-6 days') AS week_start,
          substr(date, 1, 7) || '-01' AS month_start, site_id, supervisor_id, category,
          SUM(minutes) AS minutes, COUNT(*) AS entries
     FROM hour_entries WHERE ${where}
    GROUP BY worker_id, week_start, month_start, site_id, supervisor_id, category`;

/**
 * Rebuilds the rollups from hour_entries: all of them, or one worker's, or those from a date
 * on (whole weeks, so a partly covered week is rebuilt in full). For the migration's backfill,
 * the bench generator's raw history and repairs; ordinary writes use `applyRollupDelta`.
 */
export async function rebuildHourRollups(
  q: Knex | Knex.Transaction,
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
    `INSERT INTO ${HOUR_ROLLUPS} (${KEY_COLUMNS.join(', ')}, minutes, entries) ${rollupSelectSql(all(entries))}`,
    bindings,
  );
}

const monthStartOf = (date: IsoDate) => `${date.slice(0, 7)}-01`;

/** Rows of the upsert statement; SQLite takes at most 32,766 bound values. */
const UPSERT_BATCH = 500;

/**
 * Adds (`sign` 1) or takes away (`sign` -1) entries' minutes, inside the caller's transaction.
 * Entries are summed per bucket first, so an import of thousands of rows writes one upsert per
 * few hundred buckets; emptied buckets are deleted.
 */
export async function applyRollupDelta(
  trx: Knex.Transaction,
  entries: readonly RollupFacts[],
  sign: 1 | -1,
): Promise<void> {
  if (entries.length === 0) return;
  const buckets = new Map<string, { key: (string | number)[]; minutes: number; entries: number }>();
  const weekOf = new Map<IsoDate, IsoDate>();
  for (const e of entries) {
    let week = weekOf.get(e.date);
    if (week === undefined) {
      week = weekStartOf(e.date);
      weekOf.set(e.date, week);
    }
    const key = [e.workerId, week, monthStartOf(e.date), e.siteId, e.supervisorId, e.category];
    const id = key.join('|');
    const b = buckets.get(id) ?? { key, minutes: 0, entries: 0 };
    b.minutes += sign * e.minutes;
    b.entries += sign;
    buckets.set(id, b);
  }
  const all = [...buckets.values()];
  for (let i = 0; i < all.length; i += UPSERT_BATCH) {
    const batch = all.slice(i, i + UPSERT_BATCH);
    await trx.raw(
      `INSERT INTO ${HOUR_ROLLUPS} (${KEY_COLUMNS.join(', ')}, minutes, entries)
       VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT (${KEY_COLUMNS.join(', ')}) DO UPDATE
         SET minutes = minutes + excluded.minutes, entries = entries + excluded.entries`,
      batch.flatMap((b) => [...b.key, b.minutes, b.entries]),
    );
  }
  if (sign < 0) await trx(HOUR_ROLLUPS).where('entries', '<=', 0).delete();
}

/** A row of hour_entries (as knex returns it) as rollup facts. */
export const rollupFactsOfRow = (r: Record<string, unknown>): RollupFacts => ({
  workerId: Number(r.worker_id),
  date: String(r.date),
  siteId: Number(r.site_id),
  supervisorId: Number(r.supervisor_id),
  category: String(r.category),
  minutes: Number(r.minutes),
});
