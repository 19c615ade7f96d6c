import { addDaysIso, weekStartOf, type IsoDate } from './dates.js';
import type { Pack } from './packs/schema.js';
import {
  countTowardTotal,
  evaluateRequirement,
  lapseDateFor,
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
 * When the total requirement would be met at the recent pace: minutes gained toward the total in
 * the 84 days ending today (caps applied, as in `progress`), divided by the weeks of that window
 * that had any hours toward the total, projected forward. Null when nothing was gained; today
 * when already met. On pace when that date falls before the oldest counting hours lapse.
 */
export function projectCompletion(
  pack: Pack,
  progress: Progress,
  input: ProgressInput,
  today: IsoDate,
): CompletionProjection {
  const windowStart = addDaysIso(today, 1 - PACE_WINDOW_DAYS);
  const rule = progress.totalRule;
  const past = input.entries.filter((e) => e.date <= today);
  const before = past.filter((e) => e.date < windowStart);
  const gained = countTowardTotal(rule, past) - countTowardTotal(rule, before);
  const counted = new Set(rule.groups.flatMap((g) => g.categories));
  const activeWeeks = new Set(
    past
      .filter((e) => e.date >= windowStart && e.minutes > 0 && counted.has(e.category))
      .map((e) => weekStartOf(e.date)),
  ).size;
  const remainingMinutes = Math.max(0, rule.requiredMinutes - progress.totals.towardTotalMinutes);
  const paceMinutesPerWeek = gained > 0 ? Math.round(gained / activeWeeks) : 0;
  const deadline = planDeadline(pack, input, today);
  const base = { windowStart, windowEnd: today, paceMinutesPerWeek, activeWeeks, remainingMinutes };
  const projectedDate =
    remainingMinutes === 0
      ? today
      : gained <= 0
        ? null
        : addDaysIso(today, Math.ceil((remainingMinutes * 7 * activeWeeks) / gained));
  const onPace = projectedDate !== null && (deadline === null || projectedDate < deadline);
  return { ...base, projectedDate, deadline, onPace };
}

/** The first day counting hours start to lapse under the pack's age limit, if it has one. */
function planDeadline(pack: Pack, input: ProgressInput, today: IsoDate): IsoDate | null {
  const lapseOf = lapseDateFor(pack, input);
  let first: IsoDate | null = null;
  for (const e of input.entries) {
    const lapse = lapseOf(e);
    if (e.date > today || lapse === null || lapse <= today) continue;
    if (first === null || lapse < first) first = lapse;
  }
  return first;
}

function sumMinutes(entries: readonly ProgressEntry[]): number {
  return entries.reduce((s, e) => s + e.minutes, 0);
}
