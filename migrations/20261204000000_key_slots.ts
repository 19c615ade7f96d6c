import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Encryption at rest (the database is a SQLCipher file whose key sits in key slots beside it,
 * main/platform/key-slots.ts):
 * - passwords are checked by the key slots now, so the hashes and the lockout counters leave
 *   the users table (a converted installation's hashes became its first slots);
 * - the audit trail gets its own random secret, from which its HMAC key is derived, so a change
 *   of the data key never touches the chain; rows written before this migration were sealed
 *   with the old data key itself, which the opener stores as the legacy key (`legacy_until`
 *   says up to which row);
 * - the lockout policy moves from the workstation's settings file into the database, where a
 *   change is audited.
 */
export async function up(knex: Knex): Promise<void> {
  const last = (await knex('audit_log').max({ id: 'id' }).first()) as { id: number | null };
  await knex.schema.createTable('audit_keys', (t) => {
    t.integer('id').primary();
    t.string('secret', 64).notNullable();
    t.string('legacy_key', 64);
    t.integer('legacy_until').notNullable();
    t.string('created_at', 32).notNullable();
  });
  await knex('audit_keys').insert({
    id: 1,
    secret: randomBytes(32).toString('hex'),
    legacy_key: null,
    legacy_until: Number(last?.id ?? 0),
    created_at: new Date().toISOString(),
  });

  await knex.schema.createTable('security_policy', (t) => {
    t.integer('id').primary();
    t.integer('max_failed_sign_ins').notNullable();
    t.integer('lockout_minutes').notNullable();
    t.string('updated_at', 32).notNullable();
  });
  await knex('security_policy').insert({
    id: 1,
    max_failed_sign_ins: 5,
    lockout_minutes: 15,
    updated_at: new Date().toISOString(),
  });

  await knex('users').update({
    password_hash: '',
    failed_attempts: 0,
    next_attempt_at: null,
    locked_until: null,
  });
  // The recovery code's wrapping of the data key lives in the key file and backup headers now.
  await knex.schema.dropTableIfExists('key_material');
}

/**
 * Only the shape goes back: the password hashes and the wrapped data key now live in the key
 * file, so an app from before this migration could not open the result anyway.
 */
export async function down(knex: Knex): Promise<void> {
  await knex.schema.createTable('key_material', (t) => {
    t.integer('id').primary();
    t.string('keychain_account', 80).notNullable();
    t.text('wrapped_key').notNullable();
    t.string('key_check', 64).notNullable();
    t.string('created_at', 32).notNullable();
  });
  await knex.schema.dropTableIfExists('security_policy');
  await knex.schema.dropTableIfExists('audit_keys');
}
