import { addDays, format, isValid, parseISO } from 'date-fns';

/**
 * Figures as people read them, with thousands separators ("1,250"): one formatter for every
 * figure the PDFs print, so a board sees the same "1,250.00 h" on each document. en-US because
 * the boards the packs cover are American; CSV keeps plain digits (minutesToDecimalHours).
 */
const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const twoPlaces = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** "1,250", "12": a count with thousands separators. */
export const formatCount = (n: number): string => wholeNumber.format(n);

/** "1,250.50": minutes as decimal hours with two places, as the boards' forms ask. */
export const formatDecimalHours = (minutes: number): string => twoPlaces.format(minutes / 60);

/** "7 h 30 min", "45 min", "1,250 h": how durations read everywhere in the app. */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${formatCount(h)} h` : `${formatCount(h)} h ${m} min`;
}

/**
 * Dates and times, one way everywhere (issue 19): tables, headers, the audit trail, messages and
 * every PDF format through these, so a day reads "16 Nov 2026" on screen and on paper alike.
 * Day before month, month in words: no reader in any locale can take 3/4 for 4 March or 3 April.
 * Times are the practice's local clock, 24-hour. Stored values stay ISO (dates YYYY-MM-DD in
 * the local calendar, moments as UTC instants); only what people read passes through here.
 */
const parseDay = (iso: string): Date => parseISO(iso);
const moment = (at: string | Date): Date => (typeof at === 'string' ? new Date(at) : at);

/** "16 Nov 2026"; a missing date is "—"; text that is not a date is shown as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = parseDay(iso);
  return isValid(d) ? format(d, 'd MMM yyyy') : iso;
}

/** "16 November 2026": documents and sheets, where there is room. */
export const formatDateLong = (iso: string): string => format(parseDay(iso), 'd MMMM yyyy');

/** "Mon 16 Nov" */
export const formatDayShort = (iso: string): string => format(parseDay(iso), 'EEE d MMM');

/** "Monday 16 November" */
export const formatDayLong = (iso: string): string => format(parseDay(iso), 'EEEE d MMMM');

/** "Monday 16 November 2026" */
export const formatDayFull = (iso: string): string => format(parseDay(iso), 'EEEE d MMMM yyyy');

/** "Mon 16": a column of a week. */
export const formatWeekday = (iso: string): string => format(parseDay(iso), 'EEE d');

/** "Monday" */
export const formatWeekdayName = (iso: string): string => format(parseDay(iso), 'EEEE');

/** "Nov 2026"; `short`: "Nov 26", for an axis of many months. */
export const formatMonth = (yearMonth: string, short = false): string =>
  format(parseDay(`${yearMonth}-01`), short ? 'MMM yy' : 'MMM yyyy');

/** "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026" */
export function formatWeekRange(weekStart: string): string {
  const start = parseDay(weekStart);
  const end = addDays(start, 6);
  if (start.getFullYear() !== end.getFullYear()) {
    return `${format(start, 'd MMM yyyy')} – ${format(end, 'd MMM yyyy')}`;
  }
  if (start.getMonth() !== end.getMonth()) {
    return `${format(start, 'd MMM')} – ${format(end, 'd MMM yyyy')}`;
  }
  return `${format(start, 'd')}–${format(end, 'd MMM yyyy')}`;
}

/** "16 Nov 2026, 14:05": a moment (a UTC instant) on the local clock. */
export function formatDateTime(at: string | Date | null | undefined): string {
  if (!at) return '—';
  const d = moment(at);
  return isValid(d) ? format(d, 'd MMM yyyy, HH:mm') : String(at);
}

/** "14:05", or "14:05:09" with `seconds`. */
export const formatTime = (at: string | Date, seconds = false): string =>
  format(moment(at), seconds ? 'HH:mm:ss' : 'HH:mm');

/** An ISO instant ("2026-11-20T10:00:00.000Z") or day ("2026-11-20"), found in stored values. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A stored value as people read it: ISO instants and days formatted as above, anything else
 * unchanged (the audit trail's before/after shows every field through this).
 */
export function formatIfDate(value: string): string {
  if (ISO_INSTANT.test(value)) return formatDateTime(value);
  if (ISO_DAY.test(value) && isValid(parseDay(value))) return formatDate(value);
  return value;
}
