import { addDays, format, parseISO, startOfWeek } from 'date-fns';

/** Dates are ISO YYYY-MM-DD in the practice's local calendar; weeks run Monday to Sunday. */
export type IsoDate = string;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = parseISO(value);
  return !Number.isNaN(d.getTime()) && format(d, 'yyyy-MM-dd') === value;
}

export function toIsoDate(d: Date): IsoDate {
  return format(d, 'yyyy-MM-dd');
}

export function weekStartOf(date: IsoDate): IsoDate {
  return toIsoDate(startOfWeek(parseISO(date), { weekStartsOn: 1 }));
}

export function addDaysIso(date: IsoDate, days: number): IsoDate {
  return toIsoDate(addDays(parseISO(date), days));
}

export function weekDays(weekStart: IsoDate): IsoDate[] {
  return Array.from({ length: 7 }, (_, i) => addDaysIso(weekStart, i));
}
