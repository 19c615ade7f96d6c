import type { Knex } from 'knex';
import { createPgRefusal, dropPgTrigger, isPostgres } from './postgres-dialect.js';

/** What a redaction may do to an audit row; any other UPDATE is refused. */
const REDACTION_ONLY = `NOT (
      OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL AND NEW.redaction_seal IS NOT NULL
      AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
      AND NEW.prev_hmac = OLD.prev_hmac AND NEW.hmac = OLD.hmac
      AND NEW.before_json IS NULL AND NEW.after_json IS NULL
    )`;
const ONLY_REDACTION = 'audit_log is append-only; only a redaction may change a row';
const APPEND_ONLY = 'audit_log is append-only';

/** PostgreSQL's audit_log_no_update (see 20261110000000_accounts_audit), replaced. */
async function replacePgNoUpdate(knex: Knex, message: string, when?: string): Promise<void> {
  await dropPgTrigger(knex, 'audit_log_no_update', 'audit_log');
  await createPgRefusal(knex, {
    name: 'audit_log_no_update',
    table: 'audit_log',
    on: 'BEFORE UPDATE',
    message,
    ...(when ? { when } : {}),
  });
}

/**
 * Privacy rights: the privacy notice and who acknowledged which version, consents per purpose,
 * the disclosure log, the requests register (access, correction, deletion), owner-editable
 * retention rules and the deletions they postpone, anonymous surveys, the free-text policy, and
 * redaction of audit rows when a person is deleted.
 *
 * A person is `person_type` ('worker' | 'supervisor') + `person_id`, as in ce_records. These
 * tables carry no foreign keys to the people, so a deletion removes their rows explicitly and a
 * test can query every table for what is left.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('privacy_notices', (t) => {
    t.increments('id');
    t.string('version', 20).notNullable().unique();
    t.string('published_on', 10).notNullable();
    t.text('body').notNullable();
    t.string('created_at', 32).notNullable();
  });

  await knex.schema.createTable('notice_acknowledgements', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.integer('notice_id').notNullable().references('privacy_notices.id').onDelete('RESTRICT');
    t.string('acknowledged_at', 32).notNullable();
    t.unique(['user_id', 'notice_id'], { indexName: 'notice_ack_user_notice_uq' });
  });

  // An event log: the current state of a purpose is its latest row (granted 1 or withdrawn 0).
  await knex.schema.createTable('consents', (t) => {
    t.increments('id');
    t.string('person_type', 16).notNullable();
    t.integer('person_id').notNullable();
    t.string('purpose', 40).notNullable();
    t.boolean('granted').notNullable();
    t.string('at', 32).notNullable();
    t.integer('recorded_by_user_id');
    t.index(['person_type', 'person_id', 'purpose'], 'consents_person_idx');
  });

  // Every export or report holding a person's data, one row per person it holds.
  await knex.schema.createTable('disclosures', (t) => {
    t.increments('id');
    t.string('person_type', 16).notNullable();
    t.integer('person_id').notNullable();
    t.string('recipient', 200).notNullable();
    t.string('purpose', 300).notNullable();
    /** JSON array of data categories, e.g. ["profile","hours"]. */
    t.text('categories').notNullable();
    /** pdf | csv | json */
    t.string('format', 8).notNullable();
    /** What was produced: person-record, weekly-log, experience-summary, hours-csv … */
    t.string('document', 40).notNullable();
    t.string('made_at', 32).notNullable();
    t.integer('made_by_user_id');
    t.string('made_by', 120).notNullable();
    t.index(['person_type', 'person_id'], 'disclosures_person_idx');
    t.index(['made_at'], 'disclosures_made_at_idx');
  });

  // The requests register. After a deletion person_id is cleared and person_ref (a random
  // reference with no personal data, also in the audit tombstone) keeps the row meaningful.
  await knex.schema.createTable('privacy_requests', (t) => {
    t.increments('id');
    /** access | correction | deletion */
    t.string('kind', 16).notNullable();
    t.string('person_type', 16);
    t.integer('person_id');
    t.string('person_ref', 40);
    t.integer('requested_by_user_id');
    t.string('received_on', 10).notNullable();
    /** How the requester's identity was verified, e.g. "signed in to own account". */
    t.string('identity_method', 300);
    t.integer('identity_verified_by_user_id');
    t.string('identity_verified_at', 32);
    /** JSON: what is asked (field and proposed value, week, note). */
    t.text('details_json').notNullable();
    /** open | accepted | declined | partial | completed */
    t.string('status', 16).notNullable();
    t.string('decided_at', 32);
    t.integer('decided_by_user_id');
    t.string('decision_reason', 2000);
    /** JSON: what was done (fields changed, rows deleted, rules applied, backup purge date). */
    t.text('outcome_json');
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['status', 'received_on'], 'privacy_requests_status_idx');
    t.index(['person_type', 'person_id'], 'privacy_requests_person_idx');
  });

  // Owner-editable; the service seeds the defaults on first use.
  await knex.schema.createTable('retention_rules', (t) => {
    t.increments('id');
    t.string('key', 40).notNullable().unique();
    t.string('label', 120).notNullable();
    t.string('description', 1000).notNullable();
    t.integer('years').notNullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.string('updated_at', 32).notNullable();
  });

  // The part of a deletion a retention rule postponed, carried out on or after due_on.
  await knex.schema.createTable('scheduled_deletions', (t) => {
    t.increments('id');
    t.string('person_type', 16).notNullable();
    t.integer('person_id').notNullable();
    t.string('due_on', 10).notNullable();
    /** JSON array of retention rule keys that postponed it. */
    t.text('rule_keys').notNullable();
    t.integer('request_id');
    t.string('created_at', 32).notNullable();
    t.index(['due_on'], 'scheduled_deletions_due_idx');
  });

  await knex.schema.createTable('surveys', (t) => {
    t.increments('id');
    t.string('title', 200).notNullable();
    /** JSON array of questions (rating 1–5 or single choice). */
    t.text('questions_json').notNullable();
    /** draft | open | closed */
    t.string('status', 16).notNullable();
    t.string('opened_on', 10);
    t.string('closed_on', 10);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
  });

  // Who has answered (so nobody answers twice), kept apart from the answers and without a time.
  await knex.schema.createTable('survey_participants', (t) => {
    t.integer('survey_id').notNullable().references('surveys.id').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.primary(['survey_id', 'user_id']);
  });

  // WITHOUT ROWID with a random primary key: rows are stored in key order, so neither the
  // physical order nor a rowid reveals who answered when. No user id, the day only.
  // PostgreSQL has no WITHOUT ROWID: its heap keeps rows in about the order written, which a
  // row's ctid shows (see 20261124205000_survey_participants_order; left to the surveys code).
  await knex.raw(`CREATE TABLE survey_answers (
    token TEXT NOT NULL PRIMARY KEY,
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    answered_on TEXT NOT NULL,
    answers_json TEXT NOT NULL
  )${isPostgres(knex) ? '' : ' WITHOUT ROWID'}`);
  await knex.raw('CREATE INDEX survey_answers_survey_idx ON survey_answers (survey_id)');

  // warn | block: what happens to free text that looks like an SSN, birth date or diagnosis code.
  await knex.schema.alterTable('practice', (t) => {
    t.string('sensitive_text_policy', 8).notNullable().defaultTo('warn');
  });

  // A deleted person's audit rows are redacted, not removed: the row keeps its place and HMAC
  // in the chain, its personal columns are cleared, and a seal (HMAC over the redacted row and
  // the original HMAC) proves the redaction was made by the app holding the key.
  await knex.schema.alterTable('audit_log', (t) => {
    t.string('redacted_at', 32);
    t.string('redaction_seal', 64);
  });
  if (isPostgres(knex)) return replacePgNoUpdate(knex, ONLY_REDACTION, REDACTION_ONLY);
  await knex.raw('DROP TRIGGER audit_log_no_update');
  await knex.raw(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN ${REDACTION_ONLY}
    BEGIN SELECT RAISE(ABORT, '${ONLY_REDACTION}'); END`);
}

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex)) await replacePgNoUpdate(knex, APPEND_ONLY);
  else {
    await knex.raw('DROP TRIGGER audit_log_no_update');
    await knex.raw(
      "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    );
  }
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropColumn('redaction_seal');
    t.dropColumn('redacted_at');
  });
  await knex.schema.alterTable('practice', (t) => t.dropColumn('sensitive_text_policy'));
  for (const table of [
    'survey_answers',
    'survey_participants',
    'surveys',
    'scheduled_deletions',
    'retention_rules',
    'privacy_requests',
    'disclosures',
    'consents',
    'notice_acknowledgements',
    'privacy_notices',
  ])
    await knex.schema.dropTableIfExists(table);
}
