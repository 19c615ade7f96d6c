import type { Q } from '../query.js';

/** A person whose data the privacy features gather, export and erase. */
export interface PersonRef {
  personType: 'worker' | 'supervisor';
  personId: number;
}

/**
 * Every table that holds data about a person, and by which column it names them, in the
 * order erasure deletes them (foreign-key dependants before what they point at: signatures →
 * weeks → hours → attendance → sessions → assignments → the rest → the account → the
 * profile). The person record (privacy access export), the deletion facts and plan, and
 * erasure (main/services/privacy) all read this one list.
 */
export const PERSON_TABLES = [
  { table: 'week_signatures', by: 'weekly_log_id (the worker’s weekly_logs)' },
  { table: 'weekly_logs', by: 'worker_id' },
  { table: 'hour_entries', by: 'worker_id' },
  { table: 'supervision_session_attendees', by: 'worker_id' },
  { table: 'supervision_sessions', by: 'supervisor_id' },
  { table: 'supervision_assignments', by: 'worker_id or supervisor_id' },
  { table: 'ce_records', by: 'person' },
  { table: 'ce_cycles', by: 'person' },
  { table: 'consents', by: 'person' },
  { table: 'disclosures', by: 'person' },
  { table: 'notice_acknowledgements', by: 'user_id (the person’s account)' },
  { table: 'survey_participants', by: 'user_id (the person’s account)' },
  { table: 'privacy_requests', by: 'person' },
  { table: 'users', by: 'worker_id or supervisor_id' },
  { table: 'workers', by: 'id' },
  { table: 'supervisors', by: 'id' },
] as const;

export type PersonTable = (typeof PERSON_TABLES)[number]['table'];

/** The tables that name a person by `person_type` and `person_id`. */
type ByPersonKey = Extract<(typeof PERSON_TABLES)[number], { by: 'person' }>['table'];

/** The columns that name `person` in a table keyed `by: 'person'`. */
export const personKey = (person: PersonRef) => ({
  person_type: person.personType,
  person_id: person.personId,
});

/** A query of the rows `table` holds about `person` (a table keyed by person_type/person_id). */
export const rowsAbout = (q: Q, table: ByPersonKey, person: PersonRef) =>
  q(table).where(personKey(person));
