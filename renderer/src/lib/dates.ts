import { differenceInCalendarDays, parseISO } from 'date-fns';
import { addDaysIso, isValidIsoDate, toIsoDate, weekStartOf } from './domain';

export { addDaysIso, isValidIsoDate, toIsoDate, weekStartOf };
// Every date people read goes through the one formatter main's PDFs use too.
export {
  formatDate,
  formatDateLong,
  formatDateTime,
  formatDayLong,
  formatDayShort,
  formatIfDate,
  formatMonth,
  formatTime,
  formatWeekRange,
  formatWeekdayName,
} from '../../../shared/domain/format';

/** Today in the local calendar, as main stores dates. */
export const todayIso = (): string => toIsoDate(new Date());

/** Whole days from today until `iso` (negative once it has passed). */
export const daysUntil = (iso: string, today = todayIso()): number =>
  differenceInCalendarDays(parseISO(iso), parseISO(today));
