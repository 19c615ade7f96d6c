import type { Knex } from 'knex';
import { createPgTrigger, dropPgTrigger, isPostgres, pgWeekStartSql } from './postgres-dialect.js';

// The SQL is written out here, not imported: a migration runs the schema as it was that day
// (postgres-dialect.ts is frozen the same way).
const HOUR_ROLLUPS = 'hour_rollups';
const KEY_COLUMNS = 'worker_id, week_start, month_start, site_id, supervisor_id, category';
const weekStartSql = (date: string) => `date(${date}, 'weekday 0', '-6 days')`;
const monthStartSql = (date: string) => `substr(${date}, 1, 7) || '-01'`;

const HOUR_ROLLUP_TRIGGERS = [
  'hour_rollups_entry_insert',
  'hour_rollups_entry_update',
  'hour_rollups_entry_delete',
] as const;

/**
 * SQL that adds NEW's minutes to its bucket, creating the bucket if it is the first. PostgreSQL
 * needs the existing row's columns qualified (`self`): unqualified, they are ambiguous there.
 */
const addNewSql = (
  weekStart: (date: string) => string,
  self = '',
) => `INSERT INTO ${HOUR_ROLLUPS} (${KEY_COLUMNS}, minutes, entries)
  VALUES (NEW.worker_id, ${weekStart('NEW.date')}, ${monthStartSql('NEW.date')},
          NEW.site_id, NEW.supervisor_id, NEW.category, NEW.minutes, 1)
  ON CONFLICT (${KEY_COLUMNS}) DO UPDATE
    SET minutes = ${self}minutes + excluded.minutes, entries = ${self}entries + 1;`;

/** SQL that takes OLD's minutes from its bucket and drops the bucket once it is empty. */
const takeOldSql = (weekStart: (date: string) => string) => {
  const oldBucket = `worker_id = OLD.worker_id AND week_start = ${weekStart('OLD.date')}
  AND month_start = ${monthStartSql('OLD.date')} AND site_id = OLD.site_id
  AND supervisor_id = OLD.supervisor_id AND category = OLD.category`;
  return `UPDATE ${HOUR_ROLLUPS} SET minutes = minutes - OLD.minutes, entries = entries - 1
    WHERE ${oldBucket};
  DELETE FROM ${HOUR_ROLLUPS} WHERE ${oldBucket} AND entries <= 0;`;
};

const addNew = addNewSql(weekStartSql);
const takeOld = takeOldSql(weekStartSql);

/** The columns whose update moves minutes between buckets. */
const BUCKET_COLUMNS = 'worker_id, date, site_id, supervisor_id, category, minutes';

/**
 * The triggers that keep hour_rollups equal to a GROUP BY over hour_entries. An update adds the
 * new bucket before taking from the old, so an edit within one bucket never empties it.
 */
const hourRollupTriggerSql = (): string[] => [
  `CREATE TRIGGER hour_rollups_entry_insert AFTER INSERT ON hour_entries BEGIN ${addNew} END`,
  `CREATE TRIGGER hour_rollups_entry_update
     AFTER UPDATE OF ${BUCKET_COLUMNS} ON hour_entries
     BEGIN ${addNew} ${takeOld} END`,
  `CREATE TRIGGER hour_rollups_entry_delete AFTER DELETE ON hour_entries BEGIN ${takeOld} END`,
];

/** The same triggers on PostgreSQL, as plpgsql functions. */
async function createPgRollupTriggers(knex: Knex): Promise<void> {
  const add = addNewSql(pgWeekStartSql, `${HOUR_ROLLUPS}.`);
  const take = takeOldSql(pgWeekStartSql);
  const [insert, update, remove] = HOUR_ROLLUP_TRIGGERS;
  const table = 'hour_entries';
  await createPgTrigger(knex, { table, name: insert, on: 'AFTER INSERT', body: add });
  await createPgTrigger(knex, {
    table,
    name: update,
    on: `AFTER UPDATE OF ${BUCKET_COLUMNS}`,
    body: `${add} ${take}`,
  });
  await createPgTrigger(knex, { table, name: remove, on: 'AFTER DELETE', body: take });
}

/**
 * hour_rollups kept by triggers on hour_entries instead of by each service: every writer (an
 * entry, a session, a CSV import, a privacy deletion, a repair by hand) updates them inside its
 * own statement, so none can forget, and a save costs one round trip fewer. The rollups were
 * exact before this migration (the services kept them), so no rebuild is needed.
 */
export async function up(knex: Knex): Promise<void> {
  if (isPostgres(knex)) return createPgRollupTriggers(knex);
  for (const sql of hourRollupTriggerSql()) await knex.raw(sql);
}

export async function down(knex: Knex): Promise<void> {
  for (const name of HOUR_ROLLUP_TRIGGERS)
    if (isPostgres(knex)) await dropPgTrigger(knex, name, 'hour_entries');
    else await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
}
