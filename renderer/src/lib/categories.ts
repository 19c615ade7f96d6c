import {
  CATEGORY_LABELS,
  HOUR_CATEGORIES,
  isDirect,
  isSupervision,
  type HourCategory,
} from './domain';

export { CATEGORY_LABELS, HOUR_CATEGORIES, type HourCategory };

export type CategoryGroup = 'direct' | 'supervision' | 'nonclinical';

export const categoryGroup = (c: HourCategory): CategoryGroup =>
  isDirect(c) ? 'direct' : isSupervision(c) ? 'supervision' : 'nonclinical';

export const GROUP_LABELS: Record<CategoryGroup, string> = {
  direct: 'Direct clinical',
  supervision: 'Supervision',
  nonclinical: 'Non-clinical',
};

export const GROUP_COLORS: Record<CategoryGroup, string> = {
  direct: 'brand',
  supervision: 'violet',
  nonclinical: 'gray',
};

/** Categories grouped as boards count them, for pickers. */
export const CATEGORY_OPTIONS = (['direct', 'supervision', 'nonclinical'] as const).map((g) => ({
  group: GROUP_LABELS[g],
  items: HOUR_CATEGORIES.filter((c) => categoryGroup(c) === g).map((c) => ({
    value: c,
    label: CATEGORY_LABELS[c],
  })),
}));
