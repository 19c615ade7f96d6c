import { differenceInCalendarDays, format, isValid, parseISO } from 'date-fns';
import { addDaysIso, isValidIsoDate, toIsoDate, weekStartOf } from './domain';

export { addDaysIso, isValidIsoDate, toIsoDate, weekStartOf };

/** Today in the local calendar, as main stores dates. */
export const todayIso = (): string => toIsoDate(new Date());

const parse = (iso: string) => parseISO(iso);

/** "16 Nov 2026" */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = parse(iso);
  return isValid(d) ? format(d, 'd MMM yyyy') : iso;
}

/** "Mon 16 Nov" */
export const formatDayShort = (iso: string): string => format(parse(iso), 'EEE d MMM');

/** "Monday 16 November" */
export const formatDayLong = (iso: string): string => format(parse(iso), 'EEEE d MMMM');

/** "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026" */
export function formatWeekRange(weekStart: string): string {
  const start = parse(weekStart);
  const end = parse(addDaysIso(weekStart, 6));
  if (start.getFullYear() !== end.getFullYear()) {
    return `${format(start, 'd MMM yyyy')} – ${format(end, 'd MMM yyyy')}`;
  }
  if (start.getMonth() !== end.getMonth()) {
    return `${format(start, 'd MMM')} – ${format(end, 'd MMM yyyy')}`;
  }
  return `${format(start, 'd')}–${format(end, 'd MMM yyyy')}`;
}

/** Whole days from today until `iso` (negative once it has passed). */
export const daysUntil = (iso: string, today = todayIso()): number =>
  differenceInCalendarDays(parse(iso), parse(today));
