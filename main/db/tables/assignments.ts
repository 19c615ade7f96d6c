import type { Knex } from 'knex';
import type { IsoDate } from '../../../shared/domain/dates.js';
import type { Assignment } from '../../../shared/domain/records.js';
import type { Q } from '../query.js';
import { num, optStr, str } from './columns.js';

/** `supervision_assignments`: who supervises whom, where, and when. */
export type AssignmentRow = {
  id: number;
  worker_id: number;
  supervisor_id: number;
  site_id: number;
  start_date: string;
  end_date: string | null;
  agreement_signed_on: string | null;
  created_at: string;
  updated_at: string;
};

export const assignmentFromRow = (r: AssignmentRow): Assignment => ({
  id: num(r.id),
  workerId: num(r.worker_id),
  supervisorId: num(r.supervisor_id),
  siteId: num(r.site_id),
  startDate: str(r.start_date),
  endDate: optStr(r.end_date),
  agreementSignedOn: optStr(r.agreement_signed_on),
});

/** How many spans, and the first or last date among them, on one side of a worker's dates. */
export interface SpanFigures {
  n: number;
  at: string | null;
}

/** How many of a worker's spans `side` keeps, and `at` (SQL) over them. */
async function spanFigures(
  q: Q,
  workerId: number,
  side: (w: Knex.QueryBuilder) => Knex.QueryBuilder,
  at: string,
): Promise<SpanFigures> {
  const row = (await q('supervision_assignments')
    .where({ worker_id: workerId })
    .where(side)
    .first(q.raw('COUNT(*) AS n'), q.raw(`${at} AS at`))) as
    { n?: unknown; at?: unknown } | undefined;
  return { n: Number(row?.n ?? 0), at: optStr(row?.at) };
}

/** A worker's spans that start before `date`, and the earliest start among them. */
export const assignmentsStartingBefore = (q: Q, workerId: number, date: IsoDate) =>
  spanFigures(q, workerId, (w) => w.where('start_date', '<', date), 'MIN(start_date)');

/**
 * A worker's spans that start or end after `date` (an open span ends with the employment), and
 * the latest date among them.
 */
export const assignmentsReachingAfter = (q: Q, workerId: number, date: IsoDate) =>
  spanFigures(
    q,
    workerId,
    (w) => w.where('start_date', '>', date).orWhere('end_date', '>', date),
    'MAX(COALESCE(end_date, start_date))',
  );

/** How many of a worker's hour entries no assignment span covers (same supervisor, site, day). */
export async function uncoveredEntryCount(q: Q, workerId: number): Promise<number> {
  const row = (await q('hour_entries as h')
    .where({ 'h.worker_id': workerId })
    .whereNotExists(function () {
      this.select(q.raw('1'))
        .from('supervision_assignments as a')
        .whereRaw('a.worker_id = h.worker_id')
        .whereRaw('a.supervisor_id = h.supervisor_id')
        .whereRaw('a.site_id = h.site_id')
        .whereRaw('a.start_date <= h.date')
        .where((w) => w.whereNull('a.end_date').orWhereRaw('h.date <= a.end_date'));
    })
    .count({ n: '*' })
    .first()) as { n: number } | undefined;
  return Number(row?.n ?? 0);
}

/** Each worker's first supervision start. */
export async function firstAssignmentStarts(
  q: Q,
  workerIds: readonly number[],
): Promise<{ worker_id: number; start: string }[]> {
  return (await q('supervision_assignments')
    .whereIn('worker_id', [...workerIds])
    .groupBy('worker_id')
    .select('worker_id', q.raw('min(start_date) as start'))) as {
    worker_id: number;
    start: string;
  }[];
}
