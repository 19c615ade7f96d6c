import { addDaysIso, type IsoDate } from './dates.js';
import type { Pack } from './packs/schema.js';
import {
  countTowardTotal,
  evaluateRequirement,
  splitByAge,
  totalRuleOf,
  type MeasureContext,
} from './progress-measures.js';
import { collectWarnings } from './progress-warnings.js';
import type {
  CompletionProjection,
  Progress,
  ProgressEntry,
  ProgressInput,
} from './progress-types.js';

export * from './progress-types.js';
export { EXPIRY_WARNING_DAYS, SIGN_OFF_DUE_DAYS } from './progress-warnings.js';

/**
 * A worker's progress toward a license under `pack`, as of `today`. Pure: the same arguments give
 * the same result. Entries dated after today are ignored; entries past the pack's age limit are
 * reported as expired and count toward nothing.
 */
export function computeProgress(pack: Pack, input: ProgressInput, today: IsoDate): Progress {
  const { counting, expired } = splitByAge(pack, input, today);
  const totalRule = totalRuleOf(pack);
  const ctx: MeasureContext = { pack, counting, supervisors: input.supervisors, totalRule };
  const requirements = pack.requirements.map((r) => evaluateRequirement(ctx, r));
  const warnings = collectWarnings({ pack, input, counting, requirements, today });
  return {
    packId: pack.id,
    packVersionDate: pack.versionDate,
    today,
    requirements,
    warnings,
    totals: {
      countingMinutes: sumMinutes(counting),
      expiredMinutes: sumMinutes(expired),
      towardTotalMinutes: countTowardTotal(totalRule, counting),
    },
    totalRule,
  };
}

/** Pace is taken over the 12 weeks ending today. */
export const PACE_WINDOW_DAYS = 84;

/**
 * When the total requirement would be met at the pace of the last 12 weeks (the 84 days ending
 * today): minutes gained toward the total in that window (caps applied, as in `progress`),
 * projected forward day by day. Null when nothing was gained; today when already met.
 */
export function projectCompletion(
  progress: Progress,
  entries: readonly ProgressEntry[],
  today: IsoDate,
): CompletionProjection {
  const windowStart = addDaysIso(today, 1 - PACE_WINDOW_DAYS);
  const rule = progress.totalRule;
  const gained =
    countTowardTotal(
      rule,
      entries.filter((e) => e.date <= today),
    ) -
    countTowardTotal(
      rule,
      entries.filter((e) => e.date < windowStart),
    );
  const remainingMinutes = Math.max(0, rule.requiredMinutes - progress.totals.towardTotalMinutes);
  const paceMinutesPerWeek = Math.round((gained * 7) / PACE_WINDOW_DAYS);
  const base = { windowStart, windowEnd: today, paceMinutesPerWeek, remainingMinutes };
  if (remainingMinutes === 0) return { ...base, projectedDate: today };
  if (gained <= 0) return { ...base, projectedDate: null };
  const days = Math.ceil((remainingMinutes * PACE_WINDOW_DAYS) / gained);
  return { ...base, projectedDate: addDaysIso(today, days) };
}

function sumMinutes(entries: readonly ProgressEntry[]): number {
  return entries.reduce((s, e) => s + e.minutes, 0);
}
