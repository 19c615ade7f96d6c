import type { Knex } from 'knex';

/**
 * What the migrations need to run on PostgreSQL too (issue 21): SQLite's triggers become a
 * plpgsql function and a trigger of the same name. Not a migration (migration-source.ts lists
 * those), and like them it imports no app code. Migrations run these, so what a helper does
 * must not change once released (that would change what an old migration ran): add a new one.
 */

/** Whether `knex` is on PostgreSQL; SQLite's statements stay exactly as they were written. */
export const isPostgres = (knex: Knex): boolean =>
  (knex.client as { dialect?: string }).dialect === 'postgresql';

export interface PgTrigger {
  /** The trigger's name, which its function shares. */
  name: string;
  table: string;
  /** Timing and event(s), as in SQLite: 'AFTER INSERT', 'BEFORE UPDATE', 'AFTER UPDATE OF a, b'. */
  on: string;
  /** plpgsql statements, each ending in ';'. NEW and OLD are the rows, as in SQLite. */
  body: string;
  /** A row trigger's WHEN condition (SQLite's `WHEN`). */
  when?: string;
  /** TRUNCATE triggers are per statement; everything SQLite has is per row. */
  level?: 'ROW' | 'STATEMENT';
}

/**
 * The function and trigger for `t`. knex turns every `?` of raw SQL into a binding, so bodies
 * must not contain one. The function returns NULL: the triggers here are AFTER triggers (their
 * result is ignored) or BEFORE triggers that raise, as SQLite's RAISE(ABORT) does.
 */
function triggerSql(t: PgTrigger): string[] {
  return [
    `CREATE FUNCTION ${t.name}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN ${t.body} RETURN NULL; END $$`,
    `CREATE TRIGGER ${t.name} ${t.on} ON ${t.table} FOR EACH ${t.level ?? 'ROW'}
     ${t.when ? `WHEN (${t.when})` : ''} EXECUTE FUNCTION ${t.name}()`,
  ];
}

async function run(knex: Knex, statements: readonly string[]): Promise<void> {
  for (const sql of statements) await knex.raw(sql);
}

/** Creates the trigger `t` (SQLite's `CREATE TRIGGER … BEGIN … END`) and its function. */
export const createPgTrigger = (knex: Knex, t: PgTrigger): Promise<void> =>
  run(knex, triggerSql(t));

/** Drops a trigger made here and its function (PostgreSQL's DROP TRIGGER names the table). */
export const dropPgTrigger = (knex: Knex, name: string, table: string): Promise<void> =>
  run(knex, [`DROP TRIGGER IF EXISTS ${name} ON ${table}`, `DROP FUNCTION IF EXISTS ${name}()`]);

/**
 * A trigger that refuses the statement with `message`, exactly as SQLite's
 * `SELECT RAISE(ABORT, message)` does (the error's message is `message`, SQLSTATE P0001).
 * `USING MESSAGE` so that a '%' in it is not a format. `message` holds no quote.
 */
export function createPgRefusal(
  knex: Knex,
  t: Omit<PgTrigger, 'body'> & { message: string },
): Promise<void> {
  const { message, ...rest } = t;
  return createPgTrigger(knex, { ...rest, body: `RAISE EXCEPTION USING MESSAGE = '${message}';` });
}

/**
 * The Monday of the week of `date` (a 'YYYY-MM-DD' text expression) as 'YYYY-MM-DD' text:
 * SQLite's `date(date, 'weekday 0', '-6 days')`. Subtracting days from a `date` is free of
 * time zones, unlike date_trunc on a timestamp.
 */
export const pgWeekStartSql = (date: string): string =>
  `to_char(CAST(${date} AS date) - (EXTRACT(ISODOW FROM CAST(${date} AS date))::int - 1), 'YYYY-MM-DD')`;

/**
 * The columns a redaction rewrites (main/db/tables/audit-log.ts, writeAuditRedactions): the
 * personal ones, the JSON images it clears, and the redaction's time and seal.
 */
export const REDACTED_COLUMNS = [
  'actor_user_id',
  'actor',
  'entity_id',
  'subject_type',
  'subject_id',
  'before_json',
  'after_json',
  'detail',
  'redacted_at',
  'redaction_seal',
].join(', ');

/**
 * The audit trail's privileges on PostgreSQL (migration 20261211000000): run by that migration,
 * and again by a restore from a server backup, which recreates the table without privileges.
 * `table` may be schema-qualified.
 */
export const auditGrantStatements = (table: string): string[] => [
  `REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM CURRENT_USER, PUBLIC`,
  `GRANT UPDATE (${REDACTED_COLUMNS}) ON ${table} TO CURRENT_USER`,
];
