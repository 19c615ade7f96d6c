/** Hour categories as licensing boards group them. Stored as these ids; labels are for display. */
export const HOUR_CATEGORIES = [
  'direct_individual',
  'direct_family',
  'direct_group',
  'supervision_individual',
  'supervision_triadic',
  'supervision_group',
  'nonclinical',
] as const;

export type HourCategory = (typeof HOUR_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<HourCategory, string> = {
  direct_individual: 'Direct — individual',
  direct_family: 'Direct — couples, family, children',
  direct_group: 'Direct — group',
  supervision_individual: 'Supervision — individual',
  supervision_triadic: 'Supervision — triadic',
  supervision_group: 'Supervision — group',
  nonclinical: 'Non-clinical — other',
};

export const isDirect = (c: HourCategory): boolean => c.startsWith('direct_');
export const isSupervision = (c: HourCategory): boolean => c.startsWith('supervision_');
