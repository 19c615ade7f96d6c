/** Dates are ISO YYYY-MM-DD in the practice's local calendar; weeks run Monday to Sunday. */
export type IsoDate = string;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day: 2026-02-30 fails, as it comes back from the day count as 03-02. */
export function isValidIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && fromDayNumber(dayNumber(value)) === value;
}

/**
 * The days a date in Hourkeep may name. Later or earlier ones are typing mistakes, and calendar
 * arithmetic near year 9999 (a week's end, a report's range) would leave four-digit years.
 */
export const MIN_DATE: IsoDate = '1900-01-01';
export const MAX_DATE: IsoDate = '2999-12-31';
export const DATE_RANGE_MESSAGE = 'Enter a date from 1900 to 2999';

export const isDateInRange = (value: IsoDate): boolean => value >= MIN_DATE && value <= MAX_DATE;

/** The local calendar day of a moment (the clock's "today"). */
export function toIsoDate(d: Date): IsoDate {
  return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/*
 * Calendar arithmetic on ISO dates by day number (days since 1970-01-01 in UTC, where every day
 * has 24 hours). Progress runs these for every entry of a worker's history, so they avoid
 * date-fns's parsing and formatting, which profiled at most of computeProgress's time.
 */
const DAY_MS = 86_400_000;

/*
 * Progress turns the same few thousand dates (a practice's years of weeks) into day numbers and
 * back hundreds of thousands of times for an overview; through Date each took a third of its
 * time. The caches are bounded: past the limit they start again.
 */
const DATE_CACHE_LIMIT = 50_000;
const dayNumbers = new Map<string, number>();
const datesByNumber = new Map<number, IsoDate>();
function remember<K, V>(cache: Map<K, V>, key: K, value: V): void {
  if (cache.size >= DATE_CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

export function dayNumber(date: IsoDate): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const d = new Date(0);
  d.setUTCFullYear(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  const n = Math.round(d.getTime() / DAY_MS);
  remember(dayNumbers, date, n);
  return n;
}

export function fromDayNumber(n: number): IsoDate {
  const known = datesByNumber.get(n);
  if (known !== undefined) return known;
  const d = new Date(n * DAY_MS);
  const date = isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  remember(datesByNumber, n, date);
  return date;
}

function isoOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Monday of the date's week. */
export function weekStartOf(date: IsoDate): IsoDate {
  const n = dayNumber(date);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday.
  const fromMonday = (((n + 3) % 7) + 7) % 7;
  return fromDayNumber(n - fromMonday);
}

export function addDaysIso(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function weekDays(weekStart: IsoDate): IsoDate[] {
  return Array.from({ length: 7 }, (_, i) => addDaysIso(weekStart, i));
}
