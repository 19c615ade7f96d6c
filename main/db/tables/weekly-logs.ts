import type { IsoDate } from '../../../shared/domain/dates.js';
import type { WeekStatus } from '../../../shared/domain/weekly-logs.js';
import { selectForPairs, type Q } from '../query.js';
import { isPostgres, lockWorkerHours } from '../dialect/index.js';

/** `weekly_logs`: a worker's week and where it stands (draft, submitted, approved). */
export type WeeklyLogRow = {
  id: number;
  worker_id: number;
  week_start: string;
  /** A week without a log is a draft; a log exists once it is submitted. */
  status: Exclude<WeekStatus, 'draft'>;
  version: number;
  submitted_at: string | null;
  submitted_by: number | null;
  returned_at: string | null;
  returned_by: number | null;
  return_comment: string | null;
  amendment_reason: string | null;
  signing_version: number | null;
  created_at: string;
  updated_at: string;
};

const weeklyLogs = (q: Q) => q<WeeklyLogRow>('weekly_logs');

/** The status of a worker's week; undefined when the week has no log yet. */
export async function weekStatus(
  q: Q,
  workerId: number,
  weekStart: IsoDate,
): Promise<string | undefined> {
  const row = await weeklyLogs(q)
    .where({ worker_id: workerId, week_start: weekStart })
    .first('status');
  return row?.status;
}

/** A worker's week log; undefined while the week is a draft without one. */
export async function findWeeklyLog(
  q: Q,
  workerId: number,
  weekStart: IsoDate,
): Promise<WeeklyLogRow | undefined> {
  const query = weeklyLogs(q).where({ worker_id: workerId, week_start: weekStart });
  if (!(q.isTransaction && isPostgres(q))) return query.first();
  // On a shared server, a week's transitions (submit, return, approve, amend) from several
  // workstations take the row in turn: the second reads what the first committed. They hold
  // the worker's hours first (lockWorkerHours), as hour writes do, so an entry saved at another
  // workstation never lands in a week as it is submitted. SQLite's single writer serialises
  // them already.
  await lockWorkerHours(q, [workerId]);
  return query.forUpdate().first();
}

/** The status of each `[workerId, weekStart]` pair that has a log. */
export function weekStatusesForPairs(
  q: Q,
  pairs: readonly (readonly [number, string])[],
): Promise<{ worker_id: number; week_start: string; status: string }[]> {
  return selectForPairs(
    q,
    pairs,
    'SELECT w.worker_id, w.week_start, w.status FROM k JOIN weekly_logs w ON w.worker_id = k.a AND w.week_start = k.b',
  );
}
