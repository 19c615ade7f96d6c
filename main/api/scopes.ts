import type { Knex } from 'knex';
import type { ApiName, ApiParsed } from './contract.js';

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

export const SUBJECTS: { [K in ApiName]?: SubjectsOf<K> } = {
  'hours.week': async (i) => [i.workerId],
  'hours.add': async (i) => [i.workerId],
  // Both the entry's current worker and the one it would move to must be in scope.
  'hours.update': async (i, db) => [...(await entryWorker(db, i.id)), i.workerId],
  'hours.delete': async (i, db) => entryWorker(db, i.id),
  'assignments.list': async (i) => (i.workerId === undefined ? [] : [i.workerId]),
};
