/**
 * Small-group suppression for the practice statistics. Pure, so the rules are tested on tables
 * written by hand.
 *
 * A group (a table cell) whose figure comes from fewer than MIN_GROUP_PEOPLE distinct people is
 * hidden: with two or three people behind a figure, a colleague who knows one of them can tell
 * what the others did. Hiding one cell is not enough when the table shows its total: the hidden
 * value would be the total minus the cells shown. So when exactly one cell is hidden a second
 * one is hidden with it (complementary suppression), or the total when no second cell can be.
 */
export const MIN_GROUP_PEOPLE = 5;

/**
 * Why a figure is not shown: `small` — fewer than 5 people are behind it; `complementary` — it
 * would let a small group's figure be worked out by subtraction.
 */
export type Suppression = 'small' | 'complementary';

export interface GroupFigure<K extends string = string> {
  key: K;
  label: string;
  /** Distinct people behind the figure. */
  people: number;
  /** The figure (minutes, or people for a distribution). */
  value: number;
}

export interface ShownFigure {
  /** Null when suppressed. */
  value: number | null;
  /** Null when suppressed. */
  people: number | null;
  suppressed: Suppression | null;
}

export type ShownGroup<K extends string = string> = ShownFigure & { key: K; label: string };

export interface SuppressedTable<K extends string = string> {
  rows: ShownGroup<K>[];
  total: ShownFigure;
  /** How many rows (not people) are hidden, for either reason. */
  suppressedRows: number;
}

const hide = (why: Suppression): ShownFigure => ({ value: null, people: null, suppressed: why });
const isSmall = (people: number) => people > 0 && people < MIN_GROUP_PEOPLE;

/**
 * Applies the rules to a one-way table whose rows add up to `total` (people may overlap between
 * rows, so `total.people` is the distinct count, not the sum). An empty row (nobody) shows 0: it
 * says nothing about anyone, and it never serves as the complementary cell because a hidden
 * zero would still be known to be zero.
 */
export function suppressTable<K extends string>(
  rows: readonly GroupFigure<K>[],
  total: { people: number; value: number },
): SuppressedTable<K> {
  const smallTotal = isSmall(total.people);
  // With the total hidden for too few people every non-empty row is small too; the check on
  // the total as well keeps a table whose rows overlap from showing a row the total could not.
  const primary = rows.map((r) => isSmall(r.people) || (smallTotal && r.people > 0));
  const partner =
    !smallTotal && primary.filter(Boolean).length === 1
      ? complementaryCandidate(rows, primary)
      : undefined;
  const shown: ShownGroup<K>[] = rows.map((r, i) => ({
    key: r.key,
    label: r.label,
    ...(primary[i]
      ? hide('small')
      : i === partner
        ? hide('complementary')
        : { value: r.value, people: r.people, suppressed: null }),
  }));
  const shownTotal: ShownFigure = smallTotal
    ? hide('small')
    : partner === null
      ? hide('complementary')
      : { value: total.value, people: total.people, suppressed: null };
  return {
    rows: shown,
    total: shownTotal,
    suppressedRows: shown.filter((r) => r.suppressed !== null).length,
  };
}

/**
 * The shown, non-empty row with the smallest figure (hiding it costs the reader least), or null
 * when there is none and the total has to go instead.
 */
function complementaryCandidate<K extends string>(
  rows: readonly GroupFigure<K>[],
  primary: readonly boolean[],
): number | null {
  let best: GroupFigure<K> | null = null;
  let bestIndex: number | null = null;
  for (const [i, r] of rows.entries()) {
    if (primary[i] || r.people === 0) continue;
    if (
      best === null ||
      r.value < best.value ||
      (r.value === best.value && r.people < best.people)
    ) {
      best = r;
      bestIndex = i;
    }
  }
  return bestIndex;
}

/** Progress buckets: share of the pack's total-hours requirement. */
export const PROGRESS_BUCKETS = ['0-25', '25-50', '50-75', '75-100', 'met'] as const;
export type ProgressBucket = (typeof PROGRESS_BUCKETS)[number];
export const PROGRESS_BUCKET_LABELS: Record<ProgressBucket, string> = {
  '0-25': 'Under 25 %',
  '25-50': '25 % to under 50 %',
  '50-75': '50 % to under 75 %',
  '75-100': '75 % to under 100 %',
  met: 'Total met',
};

/** Which bucket minutes toward the total fall in; a pack without a total counts as met. */
export function progressBucket(towardMinutes: number, requiredMinutes: number): ProgressBucket {
  if (requiredMinutes <= 0 || towardMinutes >= requiredMinutes) return 'met';
  const share = towardMinutes / requiredMinutes;
  if (share < 0.25) return '0-25';
  if (share < 0.5) return '25-50';
  if (share < 0.75) return '50-75';
  return '75-100';
}

/** How a suppressed cell is written in the CSV. */
export const CSV_SUPPRESSED: Record<Suppression, string> = {
  small: '<5',
  complementary: 'suppressed',
};
