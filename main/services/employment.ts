import type { Knex } from 'knex';
import { validationError, type FieldErrors } from '../../shared/errors.js';
import type { IsoDate } from '../../shared/domain/dates.js';
import { assignmentsReachingAfter, assignmentsStartingBefore } from '../db/tables/assignments.js';
import { hourEntriesBeyond } from '../db/tables/hour-entries.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 hour entries (from 2026-02-10) and 1 supervision assignment (from 2026-01-05) fall …" */
function stranded(
  entries: { n: number; at: string | null },
  assignments: { n: number; at: string | null },
  side: 'before' | 'after',
): string | null {
  const word = side === 'before' ? 'from' : 'to';
  const parts = [
    entries.n ? `${plural(entries.n, 'hour entry', 'hour entries')} (${word} ${entries.at})` : '',
    assignments.n
      ? `${plural(assignments.n, 'supervision assignment', 'supervision assignments')} (${word} ${assignments.at})`
      : '',
  ].filter(Boolean);
  if (!parts.length) return null;
  const one = entries.n + assignments.n === 1;
  return `${parts.join(' and ')} ${one ? 'falls' : 'fall'} ${side} this date; move or remove ${one ? 'it' : 'them'} first`;
}

/**
 * A worker's start and end dates bound their hours and supervision (issue 15). A new date that
 * would leave existing hours or assignments outside is refused, naming what is in the way,
 * rather than leaving records the rules would no longer accept.
 */
export async function assertEmploymentCoversRecords(
  trx: Knex.Transaction,
  i: { startDate: IsoDate; endDate?: IsoDate | null },
  workerId: number | null,
): Promise<void> {
  const endDate = i.endDate ?? null;
  if (endDate !== null && endDate < i.startDate) {
    throw validationError({ endDate: 'The end date is before the start date' });
  }
  if (workerId === null) return;
  const fields: FieldErrors = {};
  const before = stranded(
    await hourEntriesBeyond(trx, workerId, 'before', i.startDate),
    await assignmentsStartingBefore(trx, workerId, i.startDate),
    'before',
  );
  if (before) fields.startDate = before;
  if (endDate !== null) {
    // An open span ends with the employment; one that starts or ends later is in the way.
    const after = stranded(
      await hourEntriesBeyond(trx, workerId, 'after', endDate),
      await assignmentsReachingAfter(trx, workerId, endDate),
      'after',
    );
    if (after) fields.endDate = after;
  }
  if (Object.keys(fields).length) throw validationError(fields);
}
