import type { Knex } from 'knex';
import type { ApiName, ApiParsed } from '../../shared/api/contract.js';

/**
 * Which worker a call concerns, for calls that name one. Dispatch asks `canActOnWorker` for
 * each id returned; an id outside the caller's scope makes the call `forbidden` (and audited).
 * Calls that list things filter by the same rule in their handlers instead.
 */
export type SubjectsOf<K extends ApiName> = (input: ApiParsed<K>, db: Knex) => Promise<number[]>;

const entryWorker = async (db: Knex, id: number): Promise<number[]> => {
  const row = (await db('hour_entries').where({ id }).first('worker_id')) as
    { worker_id: number } | undefined;
  // A missing entry concerns nobody; the handler then answers not_found.
  return row ? [Number(row.worker_id)] : [];
};

const sessionAttendees = async (db: Knex, id: number): Promise<number[]> =>
  (
    (await db('supervision_session_attendees').where({ session_id: id }).select('worker_id')) as {
      worker_id: number;
    }[]
  ).map((r) => Number(r.worker_id));

/** A CE call names a worker or a supervisor; only workers are dispatch's to check. */
const ceWorker = async (i: { personType: string; personId: number }): Promise<number[]> =>
  i.personType === 'worker' ? [i.personId] : [];

const ceRecordWorker = async (db: Knex, id: number): Promise<number[]> => {
  const row = (await db('ce_records').where({ id }).first('person_type', 'person_id')) as
    { person_type: string; person_id: number } | undefined;
  // Supervisor records and missing ids are checked by the CE service (main/services/ce.ts).
  return row ? ceWorker({ personType: row.person_type, personId: Number(row.person_id) }) : [];
};

const requestWorker = async (db: Knex, id: number): Promise<number[]> => {
  const row = (await db('privacy_requests').where({ id }).first('person_type', 'person_id')) as
    { person_type: string | null; person_id: number | null } | undefined;
  return row?.person_type === 'worker' && row.person_id !== null ? [Number(row.person_id)] : [];
};

export const SUBJECTS: { [K in ApiName]?: SubjectsOf<K> } = {
  'hours.week': async (i) => [i.workerId],
  'hours.add': async (i) => [i.workerId],
  // Both the entry's current worker and the one it would move to must be in scope.
  'hours.update': async (i, db) => [...(await entryWorker(db, i.id)), i.workerId],
  'hours.delete': async (i, db) => entryWorker(db, i.id),
  'ce.list': ceWorker,
  'ce.create': ceWorker,
  'ce.update': async (i, db) => ceRecordWorker(db, i.id),
  'ce.delete': async (i, db) => ceRecordWorker(db, i.id),
  'ce.certificate': async (i, db) => ceRecordWorker(db, i.id),
  'ce.cycles.list': ceWorker,
  'ce.status': ceWorker,
  'assignments.list': async (i) => (i.workerId === undefined ? [] : [i.workerId]),
  // A session's attendees, before and after a change, must all be the caller's to supervise.
  'sessions.create': async (i) => i.workerIds,
  'sessions.update': async (i, db) => [...(await sessionAttendees(db, i.id)), ...i.workerIds],
  'sessions.delete': async (i, db) => sessionAttendees(db, i.id),
  'progress.worker': async (i) => [i.workerId],
  'weeks.get': async (i) => [i.workerId],
  'weeks.list': async (i) => [i.workerId],
  'weeks.submit': async (i) => [i.workerId],
  'weeks.return': async (i) => [i.workerId],
  'weeks.approve': async (i) => [i.workerId],
  'weeks.startAmendment': async (i) => [i.workerId],
  'reports.weeklyLog': async (i) => [i.workerId],
  'reports.experienceSummary': async (i) => [i.workerId],
  // Without a worker the export lists only the caller's workers; an import checks each row's
  // worker in the service, which refuses the whole file naming the line.
  'csv.exportHours': async (i) => (i.workerId === undefined ? [] : [i.workerId]),
  // A worker's disclosures: the dispatch check refuses (and audits) other workers; the service
  // then narrows supervisors to their own (seeing a supervisee is not seeing their disclosures).
  'privacy.disclosures.list': async (i) => (i.personType === 'worker' ? [i.personId] : []),
  // The owner registers for anyone; the request's worker is checked like any call naming one.
  'privacy.requests.register': async (i) => (i.personType === 'worker' ? [i.personId] : []),
  // A supervisor decides only week corrections of current supervisees (the service checks the kind).
  'privacy.requests.decide': async (i, db) => requestWorker(db, i.id),
  // Owner-only today; named here so a wider role would still be scope-checked.
  'privacy.deletion.plan': async (i) => (i.personType === 'worker' ? [i.personId] : []),
  'privacy.deletion.execute': async (i) => (i.personType === 'worker' ? [i.personId] : []),
  // A named person's consent: the dispatch check refuses other workers (audited); the service
  // then allows only the person themselves or the owner (a supervisor never consents for one).
  'privacy.consents.set': async (i) =>
    i.personType === 'worker' && i.personId ? [i.personId] : [],
};
