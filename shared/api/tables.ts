/**
 * What a call may read or change, by name (issue 17): the database's tables, and two stores
 * kept outside it. Each read call declares the tables its answer shows (`reads`) and each write
 * the tables it may change (`changes`); main reports the tables a write really changed, and the
 * renderer refreshes every query that reads one of them (renderer/src/api/queries.ts).
 */
export const DB_TABLES = [
  'audit_keys',
  'audit_log',
  'ce_cycles',
  'ce_records',
  'consents',
  'custom_packs',
  'disclosures',
  'hour_entries',
  'login_unlinks',
  'notice_acknowledgements',
  'practice',
  'practice_keys',
  'practice_review_keys',
  'privacy_notices',
  'privacy_requests',
  'retention_rules',
  'review_packets',
  'reviewer_enrolments',
  'scheduled_deletions',
  'security_policy',
  'signing_keys',
  'sites',
  'supervision_assignments',
  'supervision_session_attendees',
  'supervision_sessions',
  'supervisors',
  'survey_answers',
  'survey_participants',
  'surveys',
  'users',
  'week_signatures',
  'weekly_logs',
  'workers',
] as const;

/**
 * The tables holding a worker's or supervisor's own data, their record included: what their
 * record shows and what erasing them changes (main/db/tables/person-tables.ts says how each
 * names the person).
 */
export const PERSON_DATA_TABLES = [
  'ce_cycles',
  'ce_records',
  'consents',
  'disclosures',
  'hour_entries',
  'notice_acknowledgements',
  'privacy_requests',
  'scheduled_deletions',
  'signing_keys',
  'supervision_assignments',
  'supervision_session_attendees',
  'supervision_sessions',
  'supervisors',
  'survey_participants',
  'users',
  'week_signatures',
  'weekly_logs',
  'workers',
] as const satisfies readonly (typeof DB_TABLES)[number][];

/**
 * Stores outside the database: this workstation's settings file, the backup folder's files, and
 * on a reviewer's computer (issue 20) the reviewer profile's files (profile, packets, drafts).
 * No SQL statement names them, so a call that declares one as changed reports it whenever it
 * succeeds (main/api/dispatch.ts).
 */
export const STORES = ['settings', 'backup_files', 'reviewer_files'] as const;

export const TABLES = [...DB_TABLES, ...STORES] as const;
export type Table = (typeof TABLES)[number];

/**
 * Tables that only follow others: triggers keep hour_rollups in step with hour_entries, and
 * progress_cache is a cache the progress reads fill and the triggers on their inputs empty. A
 * read that uses them declares the tables they follow; no write reports them.
 */
export const DERIVED_TABLES = ['hour_rollups', 'progress_cache'] as const;
