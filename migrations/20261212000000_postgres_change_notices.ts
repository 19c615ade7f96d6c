import type { Knex } from 'knex';
import { isPostgres } from './postgres-dialect.js';

/** The channel every workstation listens on (main/db/change-feed.ts names it too). */
const CHANNEL = 'hourkeep_changed';
const FUNCTION = 'hourkeep_notify_change';
const TRIGGER = 'hourkeep_notify_change';
/**
 * Tables whose changes no screen shows on their own: knex's bookkeeping, the overview's cache
 * (filled by reads) and hour_rollups (it follows hour_entries, which notifies).
 */
const QUIET = ['knex_migrations', 'knex_migrations_lock', 'progress_cache', 'hour_rollups'];

async function noisyTables(knex: Knex): Promise<string[]> {
  const result = (await knex.raw(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  )) as { rows: { name: string }[] };
  return result.rows.map((r) => r.name).filter((t) => !QUIET.includes(t));
}

/**
 * Several workstations on one server (issue 21): each keeps its screens' data cached and
 * refreshes what a write changed, which it knows of its own writes only. A statement-level
 * trigger on every table announces the table's name on a channel (pg_notify, delivered at
 * commit, once per table and transaction); every workstation listens and refreshes the screens
 * that read it. Tables a later migration adds announce themselves by calling this trigger too.
 */
export async function up(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  await knex.raw(`CREATE FUNCTION ${FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('${CHANNEL}', TG_TABLE_NAME); RETURN NULL; END $$`);
  for (const table of await noisyTables(knex))
    await knex.raw(`CREATE TRIGGER ${TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON "${table}"
      FOR EACH STATEMENT EXECUTE FUNCTION ${FUNCTION}()`);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  await knex.raw(`DROP FUNCTION IF EXISTS ${FUNCTION}() CASCADE`);
}
