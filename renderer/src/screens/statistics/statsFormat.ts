import type { ShownFigure, Suppression } from '../../../../shared/domain/privacy/aggregate';

/** Minutes as hours with one decimal, grouped: 6,736.7. */
export const hours = (minutes: number): string =>
  (minutes / 60).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const SUPPRESSION_TEXT: Record<Suppression, string> = {
  small: 'fewer than 5 people',
  complementary: 'hidden',
};

export const SUPPRESSION_LEGEND: Record<Suppression, string> = {
  small:
    'Fewer than 5 people are in this group, so its figure is not shown: with so few, a colleague could tell what one person did.',
  complementary:
    'Hidden as well, because with the total shown it would let a group of fewer than 5 be worked out by subtraction.',
};

/** A figure for a chart: null (a gap) when suppressed. */
export const chartValue = (f: ShownFigure, scale = 1): number | null =>
  f.suppressed || f.value === null ? null : Math.round((f.value / scale) * 10) / 10;
