import type { Knex } from 'knex';
import type { ContractEntry, Subject } from '../../shared/api/contract-kit.js';

/**
 * The workers a call concerns, from its contract entry's `subjects` (shared/api/contract-kit.ts)
 * and the parsed input, with the database lookups some of them need. Dispatch asks
 * `canActOnWorker` for each id returned; an id outside the caller's scope makes the call
 * `forbidden` (and audited).
 */
export async function resolveSubjects(
  entry: ContractEntry,
  input: unknown,
  db: Knex,
): Promise<number[]> {
  const ids: number[] = [];
  for (const subject of entry.subjects ?? []) ids.push(...(await resolve(subject, input, db)));
  return ids;
}

const field = (input: unknown, name: string): unknown =>
  typeof input === 'object' && input !== null
    ? (input as Record<string, unknown>)[name]
    : undefined;

async function resolve(subject: Subject, input: unknown, db: Knex): Promise<number[]> {
  switch (subject.kind) {
    case 'worker': {
      const v = field(input, subject.field);
      if (Array.isArray(v)) return v as number[];
      return typeof v === 'number' ? [v] : [];
    }
    // A CE, consent, deletion or disclosure call names a worker or a supervisor; only workers
    // are dispatch's to check (the services check supervisors and the rest).
    case 'person': {
      const id = field(input, 'personId');
      return field(input, 'personType') === 'worker' && typeof id === 'number' && id ? [id] : [];
    }
    case 'entryWorker': {
      const row = (await db('hour_entries')
        .where({ id: field(input, subject.field) as number })
        .first('worker_id')) as { worker_id: number } | undefined;
      // A missing entry concerns nobody; the handler then answers not_found.
      return row ? [Number(row.worker_id)] : [];
    }
    // A session's attendees, before and after a change, must all be the caller's to supervise.
    case 'sessionAttendees':
      return (
        (await db('supervision_session_attendees')
          .where({ session_id: field(input, subject.field) as number })
          .select('worker_id')) as { worker_id: number }[]
      ).map((r) => Number(r.worker_id));
    case 'ceRecordWorker': {
      const row = (await db('ce_records')
        .where({ id: field(input, subject.field) as number })
        .first('person_type', 'person_id')) as
        { person_type: string; person_id: number } | undefined;
      // Supervisor records and missing ids are checked by the CE service (main/services/ce.ts).
      return row?.person_type === 'worker' ? [Number(row.person_id)] : [];
    }
    case 'requestWorker': {
      const row = (await db('privacy_requests')
        .where({ id: field(input, subject.field) as number })
        .first('person_type', 'person_id')) as
        { person_type: string | null; person_id: number | null } | undefined;
      return row?.person_type === 'worker' && row.person_id !== null ? [Number(row.person_id)] : [];
    }
  }
}
