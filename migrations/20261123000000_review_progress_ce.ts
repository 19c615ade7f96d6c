import type { Knex } from 'knex';

/**
 * Weekly review and sign-off, supervision sessions, requirement packs per worker, and continuing
 * education. Weeks start on Monday (`week_start` is that Monday's date).
 */
export async function up(knex: Knex): Promise<void> {
  // A worker's week once it leaves draft. No row means the week is a draft.
  // status: submitted | returned | approved | amending (an approved week reopened for changes).
  await knex.schema.createTable('weekly_logs', (t) => {
    t.increments('id');
    t.integer('worker_id').notNullable().references('workers.id').onDelete('RESTRICT');
    t.string('week_start', 10).notNullable();
    t.string('status', 16).notNullable();
    /** 1 for the first sign-off; each approved amendment adds one. */
    t.integer('version').notNullable().defaultTo(1);
    t.string('submitted_at', 32);
    t.integer('submitted_by').references('users.id').onDelete('RESTRICT');
    t.string('returned_at', 32);
    t.integer('returned_by').references('users.id').onDelete('RESTRICT');
    t.string('return_comment', 2000);
    t.string('amendment_reason', 2000);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.unique(['worker_id', 'week_start'], { indexName: 'weekly_logs_worker_week_uq' });
    // The review queue and the overdue-sign-off warning read by status.
    t.index(['status', 'week_start'], 'weekly_logs_status_idx');
  });

  // Every sign-off of a week, never updated: the signer, when, and what exactly was signed.
  await knex.schema.createTable('week_signatures', (t) => {
    t.increments('id');
    t.integer('weekly_log_id').notNullable().references('weekly_logs.id').onDelete('RESTRICT');
    t.integer('version').notNullable();
    t.integer('signer_user_id').notNullable().references('users.id').onDelete('RESTRICT');
    t.integer('supervisor_id').notNullable().references('supervisors.id').onDelete('RESTRICT');
    t.string('signer_name', 240).notNullable();
    t.string('signed_at', 32).notNullable();
    /** SHA-256 (hex) of the canonical JSON of the week's entries at signing. */
    t.string('entries_hash', 64).notNullable();
    /** The entries as signed (canonical JSON), so every signed version can be shown and printed. */
    t.text('entries_json').notNullable();
    t.unique(['weekly_log_id', 'version'], { indexName: 'week_signatures_version_uq' });
  });

  // Supervision given to one worker (individual), two (triadic) or a group. Each attendee gets a
  // linked hour entry in the matching supervision category, so the pack rules see it like any
  // other hours; the session is the one place those entries are edited.
  await knex.schema.createTable('supervision_sessions', (t) => {
    t.increments('id');
    t.integer('supervisor_id').notNullable().references('supervisors.id').onDelete('RESTRICT');
    t.integer('site_id').notNullable().references('sites.id').onDelete('RESTRICT');
    t.string('date', 10).notNullable();
    /** individual | triadic | group */
    t.string('kind', 16).notNullable();
    t.integer('minutes').notNullable();
    t.string('note', 1000);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['supervisor_id', 'date'], 'supervision_sessions_supervisor_idx');
  });

  await knex.schema.createTable('supervision_session_attendees', (t) => {
    t.integer('session_id').notNullable().references('supervision_sessions.id').onDelete('CASCADE');
    t.integer('worker_id').notNullable().references('workers.id').onDelete('RESTRICT');
    t.primary(['session_id', 'worker_id']);
    t.index(['worker_id'], 'session_attendees_worker_idx');
  });

  await knex.schema.alterTable('hour_entries', (t) => {
    t.integer('session_id').references('supervision_sessions.id').onDelete('RESTRICT');
    t.index(['session_id'], 'hour_entries_session_idx');
  });

  // Packs the practice made by copying and editing one (built-in packs live in code).
  await knex.schema.createTable('custom_packs', (t) => {
    t.string('id', 80).primary();
    t.text('pack_json').notNullable();
    t.string('based_on', 80);
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
  });

  await knex.schema.alterTable('workers', (t) => {
    /** A built-in pack id or a custom_packs id; null until the owner assigns one. */
    t.string('pack_id', 80);
  });

  // Continuing education, for workers (associates) and supervisors (licensees) alike.
  await knex.schema.createTable('ce_records', (t) => {
    t.increments('id');
    /** worker | supervisor */
    t.string('person_type', 16).notNullable();
    t.integer('person_id').notNullable();
    t.string('title', 200).notNullable();
    t.string('provider', 200).notNullable();
    t.string('date', 10).notNullable();
    t.integer('minutes').notNullable();
    /** law_ethics | general | supervision | other */
    t.string('category', 32).notNullable();
    t.string('certificate_name', 200);
    t.string('certificate_type', 100);
    t.binary('certificate');
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['person_type', 'person_id', 'date'], 'ce_records_person_idx');
  });

  // A renewal cycle and what it requires; the owner sets it from a preset or by hand.
  await knex.schema.createTable('ce_cycles', (t) => {
    t.increments('id');
    t.string('person_type', 16).notNullable();
    t.integer('person_id').notNullable();
    /** ca-licensee | ca-associate | custom */
    t.string('preset', 32).notNullable();
    t.string('start_date', 10).notNullable();
    t.string('end_date', 10).notNullable();
    t.integer('required_minutes').notNullable();
    t.integer('law_ethics_minutes').notNullable();
    t.string('created_at', 32).notNullable();
    t.string('updated_at', 32).notNullable();
    t.index(['person_type', 'person_id', 'end_date'], 'ce_cycles_person_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('ce_cycles');
  await knex.schema.dropTableIfExists('ce_records');
  await knex.schema.alterTable('workers', (t) => t.dropColumn('pack_id'));
  await knex.schema.dropTableIfExists('custom_packs');
  await knex.schema.alterTable('hour_entries', (t) => {
    t.dropIndex(['session_id'], 'hour_entries_session_idx');
    t.dropColumn('session_id');
  });
  await knex.schema.dropTableIfExists('supervision_session_attendees');
  await knex.schema.dropTableIfExists('supervision_sessions');
  await knex.schema.dropTableIfExists('week_signatures');
  await knex.schema.dropTableIfExists('weekly_logs');
}
