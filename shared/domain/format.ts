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
/**
 * Below 1,000 a whole number has no separator, so String gives the same text without Intl
 * (progress words a warning for every short week: Intl was a tenth of a cold overview).
 */
export const formatCount = (n: number): string =>
  Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0)
    ? String(n)
    : wholeNumber.format(n);

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
 * Dates and times, one formatter everywhere (issue 19): tables, headers, the audit trail,
 * messages and every PDF format through these, so a day reads the same on screen and on paper.
 * The app speaks English, so months and weekdays are English words; the person's locale decides
 * the order of day, month and year ("16 Nov 2026" in en-GB, "Nov 16, 2026" in en-US, "2026 Nov
 * 16" where the year leads) and the clock (12- or 24-hour). The month is always a word, so no
 * reader can take 3/4 for 4 March or 3 April. date-fns does the writing rather than Intl's own
 * patterns so the renderer (Chromium's ICU) and main (Node's ICU) print the same characters.
 * Stored values stay ISO (dates YYYY-MM-DD in the local calendar, moments as UTC instants); only
 * what people read passes through here.
 */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

interface DateStyle {
  locale: string;
  order: DateOrder;
  hour12: boolean;
}

/** The order and clock a BCP 47 tag uses, read from Intl; an unknown tag falls back to en-US. */
export function dateStyleOf(tag: string | null | undefined): DateStyle {
  let locale = 'en-US';
  try {
    if (tag && Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0) locale = tag;
  } catch {
    // A malformed tag (RangeError) reads as no tag.
  }
  const parts = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  })
    .formatToParts(new Date(2026, 10, 16))
    .map((p) => p.type)
    .filter((t) => t === 'day' || t === 'month' || t === 'year');
  const order: DateOrder =
    parts[0] === 'year' ? 'ymd' : parts.indexOf('month') < parts.indexOf('day') ? 'mdy' : 'dmy';
  const hour12 = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hour12;
  return { locale, order, hour12: hour12 === true };
}

let style: DateStyle = dateStyleOf(Intl.DateTimeFormat().resolvedOptions().locale);

/**
 * Sets the locale every date below is written for: the renderer passes navigator.language, main
 * the OS's locale (Electron's app.getLocale()), and worker threads the locale main had.
 */
export function setDateLocale(tag: string | null | undefined): void {
  style = dateStyleOf(tag);
}

/** The locale dates are written for now (a worker thread is handed this). */
export const dateLocale = (): string => style.locale;

/** The date-fns patterns of each kind of date, by order. */
const PATTERNS = {
  dmy: {
    date: 'd MMM yyyy',
    long: 'd MMMM yyyy',
    dayShort: 'EEE d MMM',
    dayLong: 'EEEE d MMMM',
    dayFull: 'EEEE d MMMM yyyy',
    weekday: 'EEE d',
    month: 'MMM yyyy',
    monthShort: 'MMM yy',
  },
  mdy: {
    date: 'MMM d, yyyy',
    long: 'MMMM d, yyyy',
    dayShort: 'EEE, MMM d',
    dayLong: 'EEEE, MMMM d',
    dayFull: 'EEEE, MMMM d, yyyy',
    weekday: 'EEE d',
    month: 'MMM yyyy',
    monthShort: 'MMM yy',
  },
  ymd: {
    date: 'yyyy MMM d',
    long: 'yyyy MMMM d',
    dayShort: 'EEE, MMM d',
    dayLong: 'EEEE, MMMM d',
    dayFull: 'EEEE, yyyy MMMM d',
    weekday: 'EEE d',
    month: 'yyyy MMM',
    monthShort: 'yy MMM',
  },
} as const;

const pattern = (kind: keyof (typeof PATTERNS)['dmy']): string => PATTERNS[style.order][kind];

const parseDay = (iso: string): Date => parseISO(iso);
const moment = (at: string | Date): Date => (typeof at === 'string' ? new Date(at) : at);

/** "16 Nov 2026" / "Nov 16, 2026"; a missing date is "—"; text that is not a date is shown as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = parseDay(iso);
  return isValid(d) ? format(d, pattern('date')) : iso;
}

/** "16 November 2026" / "November 16, 2026": documents and sheets, where there is room. */
export const formatDateLong = (iso: string): string => format(parseDay(iso), pattern('long'));

/** "Mon 16 Nov" / "Mon, Nov 16" */
export const formatDayShort = (iso: string): string => format(parseDay(iso), pattern('dayShort'));

/** "Monday 16 November" / "Monday, November 16" */
export const formatDayLong = (iso: string): string => format(parseDay(iso), pattern('dayLong'));

/** "Monday 16 November 2026" / "Monday, November 16, 2026" */
export const formatDayFull = (iso: string): string => format(parseDay(iso), pattern('dayFull'));

/** "Mon 16": a column of a week. */
export const formatWeekday = (iso: string): string => format(parseDay(iso), pattern('weekday'));

/** "Monday" */
export const formatWeekdayName = (iso: string): string => format(parseDay(iso), 'EEEE');

/** "Nov 2026"; `short`: "Nov 26", for an axis of many months. */
export const formatMonth = (yearMonth: string, short = false): string =>
  format(parseDay(`${yearMonth}-01`), pattern(short ? 'monthShort' : 'month'));

/**
 * A week: "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026" (dmy);
 * "Nov 16–22, 2026", "Nov 30 – Dec 6, 2026", "Dec 29, 2025 – Jan 4, 2026" (mdy).
 */
export function formatWeekRange(weekStart: string): string {
  const start = parseDay(weekStart);
  const end = addDays(start, 6);
  if (start.getFullYear() !== end.getFullYear()) {
    return `${format(start, pattern('date'))} – ${format(end, pattern('date'))}`;
  }
  const year = format(end, 'yyyy');
  const sameMonth = start.getMonth() === end.getMonth();
  switch (style.order) {
    case 'dmy':
      return sameMonth
        ? `${format(start, 'd')}–${format(end, 'd MMM yyyy')}`
        : `${format(start, 'd MMM')} – ${format(end, 'd MMM yyyy')}`;
    case 'mdy':
      return sameMonth
        ? `${format(start, 'MMM d')}–${format(end, 'd')}, ${year}`
        : `${format(start, 'MMM d')} – ${format(end, 'MMM d')}, ${year}`;
    case 'ymd':
      return sameMonth
        ? `${year} ${format(start, 'MMM d')}–${format(end, 'd')}`
        : `${year} ${format(start, 'MMM d')} – ${format(end, 'MMM d')}`;
  }
}

/** "14:05" or "2:05 PM" (the locale's clock), or with seconds. */
export const formatTime = (at: string | Date, seconds = false): string =>
  format(
    moment(at),
    style.hour12 ? (seconds ? 'h:mm:ss a' : 'h:mm a') : seconds ? 'HH:mm:ss' : 'HH:mm',
  );

/** "16 Nov 2026, 14:05" / "Nov 16, 2026, 2:05 PM": a moment (a UTC instant) on the local clock. */
export function formatDateTime(at: string | Date | null | undefined): string {
  if (!at) return '—';
  const d = moment(at);
  return isValid(d) ? `${format(d, pattern('date'))}, ${formatTime(d)}` : String(at);
}

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
