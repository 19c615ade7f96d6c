import type { Q } from '../db/query.js';
import { weekStatus } from '../db/tables/weekly-logs.js';
import { validationError } from '../../shared/errors.js';
import { weekStartOf, type IsoDate } from '../../shared/domain/dates.js';

/**
 * A week that is submitted for review or approved is frozen: its entries change only after the
 * supervisor returns it, or through an amendment (which reopens an approved week). Every path
 * that writes hour entries — hours, supervision sessions, CSV import — asks here first, inside
 * its own transaction.
 */
const FROZEN: Record<string, string> = {
  submitted: 'is submitted for review; ask the supervisor to return it first',
  approved: 'is approved and signed; start an amendment to change it',
};

export async function frozenWeekProblem(
  q: Q,
  workerId: number,
  date: IsoDate,
): Promise<string | null> {
  const weekStart = weekStartOf(date);
  return weekStatusProblem(weekStart, await weekStatus(q, workerId, weekStart));
}

/** The problem a week in `status` poses to a write (null when its entries may change). */
export function weekStatusProblem(weekStart: IsoDate, status: string | undefined): string | null {
  const why = status === undefined ? undefined : FROZEN[status];
  return why ? `The week of ${weekStart} ${why}` : null;
}

/** Throws a validation error on `field` when any of the dates falls in a frozen week. */
export async function assertWeeksEditable(
  q: Q,
  workerId: number,
  dates: readonly IsoDate[],
  field = 'date',
): Promise<void> {
  for (const date of new Set(dates)) {
    const problem = await frozenWeekProblem(q, workerId, date);
    if (problem) throw validationError({ [field]: problem });
  }
}
