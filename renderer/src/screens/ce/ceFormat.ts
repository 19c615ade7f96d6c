import {
  formatMinutes,
  type CeCompliance,
  type CePersonType,
  type CePreset,
  type CeStatus,
} from '../../lib/domain';
import { formatDate } from '../../lib/dates';

/** A person on the CE screen: who, and the expiry a preset cycle ends on. */
export interface CePersonInfo {
  personType: CePersonType;
  personId: number;
  name: string;
  expires: string | null;
}

const COLORS: Record<CeStatus, string> = {
  compliant: 'teal',
  'in-progress': 'blue',
  'due-soon': 'orange',
  overdue: 'red',
  'no-cycle': 'gray',
};

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** How a standing reads on a badge: Compliant, Due in N days, Due today, Overdue, No cycle. */
export function statusLook(c: CeCompliance): { label: string; color: string } {
  const color = COLORS[c.status];
  const n = c.daysLeft ?? 0;
  switch (c.status) {
    case 'compliant':
      return { label: 'Compliant', color };
    case 'overdue':
      return { label: 'Overdue', color };
    case 'no-cycle':
      return { label: 'No cycle', color };
    default:
      return { label: n === 0 ? 'Due today' : `Due in ${days(n)}`, color };
  }
}

/** What is still missing, e.g. "15 h to go, 3 h of it law & ethics". */
export function remainingText(c: CeCompliance): string {
  if (c.met) return 'Requirement met';
  const total = c.remainingMinutes;
  const le = c.remainingLawEthicsMinutes;
  if (total === 0) return `${formatMinutes(le)} of law & ethics to go`;
  if (le === 0) return `${formatMinutes(total)} to go`;
  // Law & ethics hours count toward the total, so the larger figure is what remains to take.
  return `${formatMinutes(Math.max(total, le))} to go, at least ${formatMinutes(le)} of it law & ethics`;
}

/** The due date in words: "Due 30 Jun 2028 (in 588 days)", "Was due 31 Jan 2027 (1 day ago)". */
export function whenText(c: CeCompliance): string {
  if (!c.dueDate || c.daysLeft === null) return 'No renewal cycle set up';
  const date = formatDate(c.dueDate);
  if (c.met) return `Requirement met · cycle ends ${date}`;
  return c.daysLeft < 0
    ? `Was due ${date} (${days(-c.daysLeft)} ago)`
    : c.daysLeft === 0
      ? `Due today, ${date}`
      : `Due ${date} (in ${days(c.daysLeft)})`;
}

/** The due date and what remains, for a tooltip: "Due 30 Jun 2028 (in 588 days) · 15 h to go". */
export function dueText(c: CeCompliance): string {
  const when = whenText(c);
  return c.cycle && !c.met ? `${when} · ${remainingText(c)}` : when;
}

export function cycleLabel(preset: CePreset): string {
  return preset === 'ca-licensee'
    ? 'California licensee'
    : preset === 'ca-associate'
      ? 'California associate'
      : 'Custom cycle';
}

/** "36 h, 6 h law & ethics"; "3 h law & ethics" when that is the whole requirement. */
export function requirementText(c: { requiredMinutes: number; lawEthicsMinutes: number }): string {
  if (c.lawEthicsMinutes === 0) return formatMinutes(c.requiredMinutes);
  if (c.lawEthicsMinutes === c.requiredMinutes) {
    return `${formatMinutes(c.lawEthicsMinutes)} law & ethics`;
  }
  return `${formatMinutes(c.requiredMinutes)}, ${formatMinutes(c.lawEthicsMinutes)} law & ethics`;
}

const asNumber = (v: number | string): number => (v === '' ? 0 : Number(v));

/** Hours (up to two decimals, as certificates state them: 1.5, 0.25) plus minutes, in minutes. */
export const toMinutes = (hours: number | string, mins: number | string): number =>
  Math.round(asNumber(hours) * 60) + asNumber(mins);

/** Minutes back into the form's two inputs: whole hours and the minutes left over. */
export const fromMinutes = (total: number): { hours: number; mins: number } => ({
  hours: Math.floor(total / 60),
  mins: total % 60,
});

/** Hours shown as a number with up to two decimals ("1.5"), for requirements. */
export const hoursNumber = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;
