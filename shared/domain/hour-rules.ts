import type { IsoDate } from './dates.js';

export const MAX_MINUTES_PER_DAY = 24 * 60;

export interface AssignmentSpan {
  supervisorId: number;
  siteId: number;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

/** True when the supervisor supervised the worker at the site on that date (end date inclusive). */
export function isSupervisorAssigned(
  spans: readonly AssignmentSpan[],
  supervisorId: number,
  siteId: number,
  date: IsoDate,
): boolean {
  return spans.some(
    (s) =>
      s.supervisorId === supervisorId &&
      s.siteId === siteId &&
      s.startDate <= date &&
      (s.endDate === null || date <= s.endDate),
  );
}

/** A worker's time at the practice: from the start date to the end date, once they have left. */
export interface Employment {
  startDate: IsoDate;
  endDate: IsoDate | null;
}

/** Why `date` falls outside the worker's employment (both ends inclusive), or null. */
export function outsideEmployment(e: Employment, date: IsoDate): string | null {
  if (date < e.startDate) return `Before the worker's start date (${e.startDate})`;
  if (e.endDate !== null && date > e.endDate) return `After the worker's end date (${e.endDate})`;
  return null;
}

/** Minutes left in a day for a worker who already logged `loggedMinutes` that day. */
export function minutesLeftInDay(loggedMinutes: number): number {
  return Math.max(0, MAX_MINUTES_PER_DAY - loggedMinutes);
}
