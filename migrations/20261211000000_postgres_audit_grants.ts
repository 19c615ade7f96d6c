import type { Knex } from 'knex';
import { auditGrantStatements, isPostgres, REDACTED_COLUMNS } from './postgres-dialect.js';

/**
 * On PostgreSQL the audit trail is append-only by privilege as well as by trigger (issue 21):
 * the app's role (which ran the migrations and owns the tables) loses DELETE, TRUNCATE and
 * UPDATE on audit_log, except UPDATE of the columns a redaction changes. An owner may revoke its
 * own privileges; it could grant them back, but only by a statement nothing in the app makes.
 * SQLite has no privileges: nothing to do there.
 */
export async function up(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  for (const statement of auditGrantStatements('audit_log')) await knex.raw(statement);
}

export async function down(knex: Knex): Promise<void> {
  if (!isPostgres(knex)) return;
  await knex.raw(`REVOKE UPDATE (${REDACTED_COLUMNS}) ON audit_log FROM CURRENT_USER`);
  await knex.raw('GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO CURRENT_USER');
}
