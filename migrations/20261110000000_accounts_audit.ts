import type { Knex } from 'knex';
import { createPgRefusal, dropPgTrigger, isPostgres } from './postgres-dialect.js';

const APPEND_ONLY = 'audit_log is append-only';
/** PostgreSQL's triggers; TRUNCATE (which SQLite lacks) would bypass the row triggers. */
const PG_GUARDS = [
  { name: 'audit_log_no_update', on: 'BEFORE UPDATE' },
  { name: 'audit_log_no_delete', on: 'BEFORE DELETE' },
  { name: 'audit_log_no_truncate', on: 'BEFORE TRUNCATE', level: 'STATEMENT' },
] as const;

/** Local users, the wrapped data key, and the append-only, HMAC-chained audit log. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('username', 60).notNullable().unique();
    t.string('display_name', 120).notNullable();
    t.string('role', 16).notNullable();
    t.integer('worker_id').references('workers.id').onDelete('RESTRICT');
    t.integer('supervisor_id').references('supervisors.id').onDelete('RESTRICT');
    t.string('password_hash', 200).notNullable();
    t.boolean('disabled').notNullable().defaultTo(false);
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.string('next_attempt_at', 32);
    t.string('locked_until', 32);
    t.string('password_changed_at', 32).notNullable();
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
  });

  // One row: the data key wrapped by the recovery code, and a check value that tells whether
  // the key found in the keychain is this database's key.
  await knex.schema.createTable('key_material', (t) => {
    t.integer('id').primary();
    // Each practice database has its own keychain entry, so two data folders never collide.
    t.string('keychain_account', 80).notNullable();
    t.text('wrapped_key').notNullable();
    t.string('key_check', 64).notNullable();
    t.string('created_at', 32).notNullable();
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id');
    t.string('at', 32).notNullable();
    t.integer('actor_user_id');
    t.string('actor', 120).notNullable();
    t.string('action', 32).notNullable();
    t.string('entity', 40);
    t.integer('entity_id');
    t.string('subject_type', 16);
    t.integer('subject_id');
    t.text('before_json');
    t.text('after_json');
    t.text('detail');
    t.string('prev_hmac', 64).notNullable();
    t.string('hmac', 64).notNullable();
    t.index(['at'], 'audit_at_idx');
    t.index(['subject_type', 'subject_id'], 'audit_subject_idx');
    t.index(['action'], 'audit_action_idx');
  });

  // Append-only is enforced by the database, not by convention: any UPDATE or DELETE aborts.
  if ((knex.client as { dialect?: string }).dialect === 'sqlite3') {
    await knex.raw(
      "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    );
    await knex.raw(
      "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    );
  } else if (isPostgres(knex)) {
    for (const guard of PG_GUARDS)
      await createPgRefusal(knex, { ...guard, table: 'audit_log', message: APPEND_ONLY });
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex))
    for (const { name } of PG_GUARDS) await dropPgTrigger(knex, name, 'audit_log');
  await knex.schema.dropTableIfExists('audit_log');
  await knex.schema.dropTableIfExists('key_material');
  await knex.schema.dropTableIfExists('users');
}
