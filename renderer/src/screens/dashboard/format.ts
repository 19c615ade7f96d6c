import { formatDate } from '../../lib/dates';
import type { RequirementProgress } from '../../lib/domain';

const hoursFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Licensure figures read in hours ("1,750 h", "12.5 h"); minutes stay for the hours screen. */
export const formatHours = (minutes: number): string => `${hoursFormat.format(minutes / 60)} h`;

/** A requirement's figure in its own unit: hours, or whole weeks or months. */
export function formatAmount(r: Pick<RequirementProgress, 'unit'>, amount: number): string {
  if (r.unit === 'minutes') return formatHours(amount);
  return `${amount.toLocaleString('en-US')} ${r.unit === 'weeks' ? 'weeks' : 'months'}`;
}

export const formatPercent = (value: number): string =>
  `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} %`;

/** What a projection rests on, in words: the pace, how many weeks set it, and the plan's date. */
export function paceBasis(
  pace: { minutesPerWeek: number; activeWeeks: number; deadline: string | null } | null,
): string {
  if (!pace || pace.minutesPerWeek <= 0) return 'No hours in the last 12 weeks to set a pace';
  const over =
    pace.activeWeeks >= 12
      ? 'the pace of the last 12 weeks'
      : `the pace of the ${pace.activeWeeks === 1 ? '1 week' : `${pace.activeWeeks} weeks`} with hours in the last 12`;
  const basis = `At ${formatHours(pace.minutesPerWeek)} a week, ${over}`;
  return pace.deadline ? `${basis}; the oldest hours lapse on ${formatDate(pace.deadline)}` : basis;
}
