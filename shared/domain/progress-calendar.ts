import { differenceInMonths, parseISO } from 'date-fns';
import { addDaysIso, dayNumber, type IsoDate } from './dates.js';

/** Calendar arithmetic on ISO dates, in whole days and months (no times, no time zones). */

/** Days from `from` to `to`: 0 for the same day, 1 for the next. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Same day n months later, clamped to the month's end (2020-02-29 + 72 months = 2026-02-28). */
export function addMonthsIso(date: IsoDate, months: number): IsoDate {
  // Plain arithmetic on the digits: date-fns's parse and format were a third of a cold overview
  // (computeProgress calls this for every entry under an age limit).
  const month = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(month / 12);
  const monthIndex = month - year * 12;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lastDay =
    monthIndex === 1
      ? leap
        ? 29
        : 28
      : ([31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][monthIndex] ?? 31);
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${String(monthIndex + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function monthStartOf(date: IsoDate): IsoDate {
  return `${date.slice(0, 7)}-01`;
}

/** Whole weeks covered from `first` to `last`, both days included: 7 days = 1 week. */
export function weeksSpanned(first: IsoDate, last: IsoDate): number {
  return Math.floor((daysBetween(first, last) + 1) / 7);
}

/** Whole months covered from `first` to `last`, both included: 2024-01-01…2025-06-30 = 18. */
export function monthsSpanned(first: IsoDate, last: IsoDate): number {
  return differenceInMonths(parseISO(addDaysIso(last, 1)), parseISO(first));
}

export function earliest(dates: readonly IsoDate[]): IsoDate | null {
  return dates.reduce<IsoDate | null>((min, d) => (min === null || d < min ? d : min), null);
}

export function latest(dates: readonly IsoDate[]): IsoDate | null {
  return dates.reduce<IsoDate | null>((max, d) => (max === null || d > max ? d : max), null);
}

/** Caches a one-argument date function for the length of one computation (dates repeat a lot). */
export function memoByDate<T>(fn: (date: IsoDate) => T): (date: IsoDate) => T {
  const cache = new Map<IsoDate, T>();
  return (date) => {
    const hit = cache.get(date);
    if (hit !== undefined) return hit;
    const value = fn(date);
    cache.set(date, value);
    return value;
  };
}
