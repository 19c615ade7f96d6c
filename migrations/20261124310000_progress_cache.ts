import type { Knex } from 'knex';
import { createPgTrigger, dropPgTrigger, isPostgres } from './postgres-dialect.js';

/** Marks a worker's cached overview row stale and bumps its version (see the migration's note). */
const stale = (where: string) =>
  `UPDATE progress_cache SET result_json = NULL, computed_for = NULL,
          data_version = data_version + 1 WHERE ${where};`;

/**
 * What progress reads for a worker, and which cached rows a write to it makes stale. Triggers,
 * not service code, so every writer (services, CSV import, sessions, privacy deletion, repairs)
 * invalidates inside its own transaction and a rolled-back write leaves the cache as it was.
 */
const SOURCES: readonly { table: string; events: readonly string[]; rows: string[] }[] = [
  {
    table: 'hour_entries',
    events: ['INSERT', 'DELETE', 'UPDATE'],
    rows: ['worker_id = NEW.worker_id', 'worker_id = OLD.worker_id'],
  },
  {
    table: 'weekly_logs',
    events: ['INSERT', 'DELETE', 'UPDATE'],
    rows: ['worker_id = NEW.worker_id', 'worker_id = OLD.worker_id'],
  },
  {
    table: 'supervision_assignments',
    events: ['INSERT', 'DELETE', 'UPDATE'],
    rows: ['worker_id = NEW.worker_id', 'worker_id = OLD.worker_id'],
  },
  {
    table: 'workers',
    events: ['UPDATE OF first_name, last_name, active, pack_id'],
    rows: ['worker_id = OLD.id'],
  },
  // Supervisors' names and licences and sites' names appear in any worker's warnings.
  {
    table: 'supervisors',
    events: ['UPDATE OF first_name, last_name, license_type, license_expires'],
    rows: ['1 = 1'],
  },
  { table: 'sites', events: ['UPDATE OF name'], rows: ['1 = 1'] },
  {
    table: 'custom_packs',
    events: ['INSERT', 'DELETE', 'UPDATE'],
    rows: [
      'worker_id IN (SELECT id FROM workers WHERE pack_id = NEW.id)',
      'worker_id IN (SELECT id FROM workers WHERE pack_id = OLD.id)',
    ],
  },
];

const WORKER_GONE = 'progress_cache_workers_delete';

const triggerName = (table: string, event: string) =>
  `progress_cache_${table}_${event.split(' ')[0]?.toLowerCase() ?? ''}`;

/**
 * progress_cache: each worker's row of the owner's overview (progress.overview), as computed for
 * one day (`computed_for`; time-dependent warnings make a row valid for that day only) by one
 * version of the progress code and built-in packs (`code_version`). A write to any input nulls
 * the row and bumps `data_version`; a computation stores its result only if the version it
 * started from is still there, so a write racing a computation never leaves a stale row.
 */
export async function up(knex: Knex): Promise<void> {
  // PostgreSQL: each trigger is a plpgsql function and a trigger of the same name.
  const pg = isPostgres(knex);
  await knex.raw(`CREATE TABLE progress_cache (
    worker_id INTEGER PRIMARY KEY,
    computed_for TEXT,
    code_version TEXT,
    data_version INTEGER NOT NULL DEFAULT 0,
    result_json TEXT
  )`);
  for (const { table, events, rows } of SOURCES) {
    for (const event of events) {
      const kind = event.split(' ')[0];
      const refs = rows.filter(
        (r) =>
          !(kind === 'INSERT' && r.includes('OLD.')) && !(kind === 'DELETE' && r.includes('NEW.')),
      );
      if (pg)
        await createPgTrigger(knex, {
          name: triggerName(table, event),
          table,
          on: `AFTER ${event}`,
          body: refs.map(stale).join(' '),
        });
      else
        await knex.raw(
          `CREATE TRIGGER ${triggerName(table, event)} AFTER ${event} ON ${table}
         BEGIN ${refs.map(stale).join(' ')} END`,
        );
    }
  }
  // An erased worker leaves nothing behind here (an in-flight computation then stores nothing).
  if (pg)
    await createPgTrigger(knex, {
      name: WORKER_GONE,
      table: 'workers',
      on: 'AFTER DELETE',
      body: 'DELETE FROM progress_cache WHERE worker_id = OLD.id;',
    });
  else
    await knex.raw(`CREATE TRIGGER ${WORKER_GONE} AFTER DELETE ON workers
    BEGIN DELETE FROM progress_cache WHERE worker_id = OLD.id; END`);
}

export async function down(knex: Knex): Promise<void> {
  const drop = (name: string, table: string) =>
    isPostgres(knex)
      ? dropPgTrigger(knex, name, table)
      : knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
  await drop(WORKER_GONE, 'workers');
  for (const { table, events } of SOURCES)
    for (const event of events) await drop(triggerName(table, event), table);
  await knex.schema.dropTableIfExists('progress_cache');
}
