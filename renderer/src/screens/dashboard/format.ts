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
