/**
 * What a backup's header may say and still be trusted (issue 15). Pure, so the list, the
 * checks and their tests read the same rules.
 */

/** How far ahead of this clock a backup may be dated: another machine's clock set a little off. */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/**
 * Why a header's creation date makes the file unusable, or null. A date in the future (beyond
 * the skew allowance) is damage: kept, it would never expire, and "gone from every backup by"
 * would be promised a century out.
 */
export function headerDateProblem(createdAt: string, now: Date): string | null {
  const at = new Date(createdAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(createdAt) || Number.isNaN(at.getTime())) {
    return 'This backup file is damaged: the date in its header cannot be read.';
  }
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return `This backup file is damaged: its header is dated ${createdAt.slice(0, 10)}, in the future.`;
  }
  return null;
}

export const keyIdDamaged =
  'This backup file is damaged: the key id in its header does not match the key it carries. It cannot be used.';
