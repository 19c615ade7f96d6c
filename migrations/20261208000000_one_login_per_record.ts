import type { Knex } from 'knex';

/**
 * One login per worker or supervisor record (issue 16): unique indexes on users.worker_id and
 * users.supervisor_id (NULLs, the owners' accounts, never collide).
 *
 * A database from before may link two logins to one record. Refusing to migrate would lock the
 * practice out, and deleting a login would lose its history, so for each such record the login
 * most recently used keeps the link (an enabled login before a disabled one; then the latest
 * row it wrote in the audit trail; then the newest account) and every other one is unlinked and
 * disabled: it stays, with its history, but nobody signs in as that record through it. A
 * migration cannot write the audit trail (its rows are keyed with the practice's audit key), so
 * each change is noted in login_unlinks, which the accounts service copies into the trail when
 * the practice next opens (main/services/accounts.ts, recordLoginUnlinks).
 */
type Row = {
  id: number;
  role: string;
  worker_id: number | null;
  supervisor_id: number | null;
  disabled: number | boolean;
  last_used: number | null;
};

const LINKS = [
  { column: 'worker_id', recordType: 'worker' },
  { column: 'supervisor_id', recordType: 'supervisor' },
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_unlinks', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('users.id').onDelete('RESTRICT');
    t.string('record_type', 16).notNullable();
    t.integer('record_id').notNullable();
    /** The login that keeps the record. */
    t.integer('kept_user_id').notNullable().references('users.id').onDelete('RESTRICT');
    /** Whether the unlinked login was enabled before (it is disabled now). */
    t.boolean('was_enabled').notNullable();
    t.string('at', 32).notNullable();
    /** Set once the change is in the audit trail. */
    t.string('audited_at', 32);
  });

  const now = new Date().toISOString();
  for (const { column, recordType } of LINKS) {
    const shared = (await knex('users')
      .whereNotNull(column)
      .groupBy(column)
      .havingRaw('COUNT(*) > 1')
      .pluck(column)) as number[];
    for (const recordId of shared) {
      const logins = (await knex('users as u')
        .where(`u.${column}`, recordId)
        .select(
          'u.id',
          'u.role',
          'u.worker_id',
          'u.supervisor_id',
          'u.disabled',
          knex.raw('(SELECT MAX(a.id) FROM audit_log a WHERE a.actor_user_id = u.id) AS last_used'),
        )) as Row[];
      logins.sort(
        (a, b) =>
          Number(Boolean(a.disabled)) - Number(Boolean(b.disabled)) ||
          Number(b.last_used ?? 0) - Number(a.last_used ?? 0) ||
          Number(b.id) - Number(a.id),
      );
      const [kept, ...others] = logins as [Row, ...Row[]];
      for (const u of others) {
        await knex('users')
          .where({ id: u.id })
          .update({ [column]: null, disabled: true, updated_at: now });
        await knex('login_unlinks').insert({
          user_id: u.id,
          record_type: recordType,
          record_id: recordId,
          kept_user_id: kept.id,
          was_enabled: !u.disabled,
          at: now,
        });
      }
    }
  }
  await knex.raw('CREATE UNIQUE INDEX users_worker_id_unique ON users (worker_id)');
  await knex.raw('CREATE UNIQUE INDEX users_supervisor_id_unique ON users (supervisor_id)');
}

/** The indexes go; unlinked logins stay unlinked (relinking could not be told apart from data). */
export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS users_worker_id_unique');
  await knex.raw('DROP INDEX IF EXISTS users_supervisor_id_unique');
  await knex.schema.dropTableIfExists('login_unlinks');
}
