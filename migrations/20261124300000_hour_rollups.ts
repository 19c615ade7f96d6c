import type { Knex } from 'knex';
import { isPostgres, pgWeekStartSql } from './postgres-dialect.js';

/**
 * hour_rollups: minutes of hour_entries summed per worker, Monday week, calendar month, site,
 * supervisor and category (main/services/hour-rollups.ts keeps them in step with every write).
 * WITHOUT ROWID: the key is the row, and a worker's buckets sit together in week order.
 */
export async function up(knex: Knex): Promise<void> {
  // PostgreSQL: no WITHOUT ROWID (the primary key's index keeps a worker's buckets together).
  const pg = isPostgres(knex);
  await knex.raw(`CREATE TABLE hour_rollups (
    worker_id INTEGER NOT NULL,
    week_start TEXT NOT NULL,
    month_start TEXT NOT NULL,
    site_id INTEGER NOT NULL,
    supervisor_id INTEGER NOT NULL,
    category TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    entries INTEGER NOT NULL,
    PRIMARY KEY (worker_id, week_start, month_start, site_id, supervisor_id, category)
  )${pg ? '' : ' WITHOUT ROWID'}`);
  // The backfill, written out here: a migration runs the schema as it was that day.
  await knex.raw(`INSERT INTO hour_rollups
    (worker_id, week_start, month_start, site_id, supervisor_id, category, minutes, entries)
    SELECT worker_id, ${pg ? pgWeekStartSql('date') : "date(date, 'weekday 0', '-6 days')"}, substr(date, 1, 7) || '-01',
           site_id, supervisor_id, category, SUM(minutes), COUNT(*)
      FROM hour_entries GROUP BY 1, 2, 3, 4, 5, 6`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('hour_rollups');
}
