import type { Knex } from 'knex';
import { weekStartOf, type IsoDate } from '../domain/dates.js';

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
const weekStartSql = (date: string) => `date(${date}, 'weekday 0', '-6 days')`;
const monthStartSql = (date: string) => `substr(${date}, 1, 7) || '-01'`;

/** The SELECT both the migration's backfill and rebuilds use; `where` narrows hour_entries. */
export const rollupSelectSql = (where = '1 = 1') =>
  `SELECT worker_id, ${weekStartSql('date')} AS week_start,
          ${monthStartSql('date')} AS month_start, site_id, supervisor_id, category,
          SUM(minutes) AS minutes, COUNT(*) AS entries
     FROM hour_entries WHERE ${where}
    GROUP BY worker_id, week_start, month_start, site_id, supervisor_id, category`;

/**
 * Rebuilds the rollups from hour_entries: all of them, or one worker's, or those from a date
 * on (whole weeks, so a partly covered week is rebuilt in full). For the migration's backfill
 * and repairs; every write to hour_entries is followed by the triggers below.
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

export const HOUR_ROLLUP_TRIGGERS = [
  'hour_rollups_entry_insert',
  'hour_rollups_entry_update',
  'hour_rollups_entry_delete',
] as const;

/** SQL that adds NEW's minutes to its bucket, creating the bucket if it is the first. */
const addNew = `INSERT INTO ${HOUR_ROLLUPS} (${KEY_COLUMNS.join(', ')}, minutes, entries)
  VALUES (NEW.worker_id, ${weekStartSql('NEW.date')}, ${monthStartSql('NEW.date')},
          NEW.site_id, NEW.supervisor_id, NEW.category, NEW.minutes, 1)
  ON CONFLICT (${KEY_COLUMNS.join(', ')}) DO UPDATE
    SET minutes = minutes + excluded.minutes, entries = entries + 1;`;

/** SQL that takes OLD's minutes from its bucket and drops the bucket once it is empty. */
const oldBucket = `worker_id = OLD.worker_id AND week_start = ${weekStartSql('OLD.date')}
  AND month_start = ${monthStartSql('OLD.date')} AND site_id = OLD.site_id
  AND supervisor_id = OLD.supervisor_id AND category = OLD.category`;
const takeOld = `UPDATE ${HOUR_ROLLUPS} SET minutes = minutes - OLD.minutes, entries = entries - 1
    WHERE ${oldBucket};
  DELETE FROM ${HOUR_ROLLUPS} WHERE ${oldBucket} AND entries <= 0;`;

/**
 * The triggers that keep hour_rollups equal to a GROUP BY over hour_entries. An update adds the
 * new bucket before taking from the old, so an edit within one bucket never empties it.
 */
export const hourRollupTriggerSql = (): string[] => [
  `CREATE TRIGGER hour_rollups_entry_insert AFTER INSERT ON hour_entries BEGIN ${addNew} END`,
  `CREATE TRIGGER hour_rollups_entry_update
     AFTER UPDATE OF worker_id, date, site_id, supervisor_id, category, minutes ON hour_entries
     BEGIN ${addNew} ${takeOld} END`,
  `CREATE TRIGGER hour_rollups_entry_delete AFTER DELETE ON hour_entries BEGIN ${takeOld} END`,
];
