import type { Knex } from 'knex';

/**
 * Offline review (issue 20): the practice's own key pairs for review packets, the reviewer
 * computers enrolled for supervisors, and every packet exported (what it held, and whether its
 * decision file came back). The practice's private keys live only here, inside the encrypted
 * database; enrolments and packets follow their supervisor when a record is erased.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('practice_review_keys', (t) => {
    t.increments('id');
    /** Raw 32-byte Ed25519 public key, base64; the private key as PKCS#8 DER, base64. */
    t.string('signing_public_key', 64).notNullable();
    t.text('signing_private_key').notNullable();
    /** Raw 32-byte X25519 public key, base64; the private key as PKCS#8 DER, base64. */
    t.string('box_public_key', 64).notNullable();
    t.text('box_private_key').notNullable();
    t.string('created_at', 32).notNullable();
  });
  await knex.schema.createTable('reviewer_enrolments', (t) => {
    t.increments('id');
    t.integer('supervisor_id').notNullable().references('supervisors.id').onDelete('CASCADE');
    /** The reviewer profile's id (a UUID made on their computer). */
    t.string('reviewer_id', 36).notNullable();
    t.string('name', 200).notNullable();
    t.string('email', 254);
    t.string('signing_public_key', 64).notNullable();
    t.string('box_public_key', 64).notNullable();
    t.string('fingerprint', 48).notNullable();
    t.string('enrolled_at', 32).notNullable();
    t.integer('enrolled_by').references('users.id').onDelete('SET NULL');
    t.string('revoked_at', 32);
    t.index(['supervisor_id'], 'reviewer_enrolments_supervisor_idx');
    t.index(['reviewer_id'], 'reviewer_enrolments_reviewer_idx');
  });
  await knex.schema.createTable('review_packets', (t) => {
    t.increments('id');
    t.string('packet_id', 36).notNullable().unique();
    t.integer('supervisor_id').notNullable().references('supervisors.id').onDelete('CASCADE');
    t.string('reviewer_id', 36).notNullable();
    t.integer('created_by').references('users.id').onDelete('SET NULL');
    t.string('created_at', 32).notNullable();
    t.string('expires_at', 32).notNullable();
    /** JSON: per week the worker, week, version and the document as exported. */
    t.text('weeks_json').notNullable();
    t.string('imported_at', 32);
    /** The decision file that closed it: a second file for the same packet is a replay. */
    t.string('decision_id', 36).unique();
    t.index(['supervisor_id'], 'review_packets_supervisor_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('review_packets');
  await knex.schema.dropTableIfExists('reviewer_enrolments');
  await knex.schema.dropTableIfExists('practice_review_keys');
}
