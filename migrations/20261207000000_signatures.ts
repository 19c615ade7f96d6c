import type { Knex } from 'knex';

/**
 * Real signatures: each supervisor's Ed25519 public keys (the private key lives in their key
 * slot), and per sign-off the signed document, the signature and the key's fingerprint. A week
 * under several supervisors is signed by each for their own entries, so a version may hold one
 * signature per supervisor. Sign-offs from before this migration keep their entries hash and
 * are shown as "approved before signatures".
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('signing_keys', (t) => {
    t.increments('id');
    t.integer('supervisor_id').notNullable().references('supervisors.id').onDelete('RESTRICT');
    t.integer('user_id').notNullable().references('users.id').onDelete('RESTRICT');
    /** Raw 32-byte Ed25519 public key, base64. */
    t.string('public_key', 64).notNullable().unique();
    t.string('fingerprint', 48).notNullable();
    t.string('created_at', 32).notNullable();
    /** Set when a newer key replaced it (a password reset): it still verifies what it signed. */
    t.string('retired_at', 32);
    t.string('retired_reason', 200);
    t.index(['supervisor_id'], 'signing_keys_supervisor_idx');
  });
  // A signing key counts only with its audited recording, found by this index.
  await knex.schema.alterTable('audit_log', (t) => {
    t.index(['entity', 'entity_id'], 'audit_entity_idx');
  });
  await knex.schema.alterTable('week_signatures', (t) => {
    t.text('document_json');
    t.string('signature', 100);
    t.string('key_fingerprint', 48);
  });
  // The version a submitted week is being signed as: each supervisor with entries in it signs
  // that version; the week is approved when all have.
  await knex.schema.alterTable('weekly_logs', (t) => {
    t.integer('signing_version');
  });
  // One sign-off per supervisor per version, not one per version.
  await knex.schema.alterTable('week_signatures', (t) => {
    t.dropUnique(['weekly_log_id', 'version'], 'week_signatures_version_uq');
    t.unique(['weekly_log_id', 'version', 'supervisor_id'], {
      indexName: 'week_signatures_supervisor_uq',
    });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('week_signatures', (t) => {
    t.dropUnique(['weekly_log_id', 'version', 'supervisor_id'], 'week_signatures_supervisor_uq');
    t.unique(['weekly_log_id', 'version'], { indexName: 'week_signatures_version_uq' });
  });
  await knex.schema.alterTable('week_signatures', (t) => {
    t.dropColumn('document_json');
    t.dropColumn('signature');
    t.dropColumn('key_fingerprint');
  });
  await knex.schema.alterTable('weekly_logs', (t) => {
    t.dropColumn('signing_version');
  });
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropIndex(['entity', 'entity_id'], 'audit_entity_idx');
  });
  await knex.schema.dropTableIfExists('signing_keys');
}
