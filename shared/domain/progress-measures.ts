import type { HourCategory } from './categories.js';
import { weekStartOf, type IsoDate } from './dates.js';
import {
  countedCategories,
  isCountMeasure,
  requirementCategories,
  type Pack,
  type PackRequirement,
} from './packs/schema.js';
import {
  addMonthsIso,
  earliest,
  latest,
  memoByDate,
  monthsSpanned,
  weeksSpanned,
} from './progress-calendar.js';
import type {
  ProgressEntry,
  ProgressInput,
  ProgressSupervisor,
  RequirementProgress,
  TotalRule,
} from './progress-types.js';

/**
 * Minutes per category of each entry list, worked out once: every requirement and the total
 * ask of the same lists (the entry lists are built once and never changed after).
 */
const sumsOf = new WeakMap<readonly ProgressEntry[], Map<HourCategory, number>>();

function categorySums(entries: readonly ProgressEntry[]): Map<HourCategory, number> {
  let sums = sumsOf.get(entries);
  if (!sums) {
    sums = new Map();
    for (const e of entries) sums.set(e.category, (sums.get(e.category) ?? 0) + e.minutes);
    sumsOf.set(entries, sums);
  }
  return sums;
}

export function minutesIn(
  entries: readonly ProgressEntry[],
  categories: readonly HourCategory[],
): number {
  const sums = categorySums(entries);
  let total = 0;
  for (const c of new Set(categories)) total += sums.get(c) ?? 0;
  return total;
}

/** Groups of categories toward the total: one per minute cap, plus one uncapped for the rest. */
export function totalRuleOf(pack: Pack): TotalRule {
  const caps = pack.requirements
    .filter((r) => r.kind === 'max' && r.minutes !== undefined)
    .map((r) => ({ categories: requirementCategories(pack, r), capMinutes: r.minutes ?? null }));
  const capped = new Set(caps.flatMap((g) => g.categories));
  const free = countedCategories(pack).filter((c) => !capped.has(c));
  const total = pack.requirements.find((r) => r.measure === 'total');
  return {
    requiredMinutes: total?.minutes ?? 0,
    groups: [{ categories: free, capMinutes: null }, ...caps],
  };
}

/** Minutes toward the total: every group in full, or up to its cap. */
export function countTowardTotal(rule: TotalRule, entries: readonly ProgressEntry[]): number {
  return rule.groups.reduce((sum, g) => {
    const m = minutesIn(entries, g.categories);
    return sum + (g.capMinutes === null ? m : Math.min(m, g.capMinutes));
  }, 0);
}

/** The date an age limit counts from when it runs from supervision start. */
export function ageAnchor(input: ProgressInput): IsoDate | null {
  return input.supervisionStartDate ?? earliest(input.entries.map((e) => e.date));
}

/**
 * The first day an entry no longer counts (null without an age limit). An entry counts while today
 * is before this date: with a 72-month limit, an entry of 2020-11-23 lapses on 2026-11-23.
 */
export function lapseDateFor(
  pack: Pack,
  input: ProgressInput,
): (entry: ProgressEntry) => IsoDate | null {
  const limit = pack.rules.ageLimit;
  if (!limit) return () => null;
  if (limit.from === 'supervisionStart') {
    const anchor = ageAnchor(input);
    const lapse = anchor === null ? null : addMonthsIso(anchor, limit.months);
    return () => lapse;
  }
  const byDate = memoByDate((date) => addMonthsIso(date, limit.months));
  return (entry) => byDate(entry.date);
}

export interface CountingSplit {
  /** Dated on or before today and not past the age limit. */
  counting: ProgressEntry[];
  expired: ProgressEntry[];
}

export function splitByAge(pack: Pack, input: ProgressInput, today: IsoDate): CountingSplit {
  const lapseOf = lapseDateFor(pack, input);
  const split: CountingSplit = { counting: [], expired: [] };
  for (const e of input.entries) {
    if (e.date > today) continue;
    const lapse = lapseOf(e);
    (lapse !== null && lapse <= today ? split.expired : split.counting).push(e);
  }
  return split;
}

/**
 * Monday–Sunday weeks with at least `minMinutes` of supervision in `categories`, optionally only
 * from supervisors whose license type is listed.
 */
export function supervisionWeekCount(
  entries: readonly ProgressEntry[],
  categories: readonly HourCategory[],
  minMinutes: number,
  supervisors: readonly ProgressSupervisor[],
  licenseTypes?: readonly string[],
): number {
  const allowed = licenseTypes
    ? new Set(supervisors.filter((s) => licenseTypes.includes(s.licenseType)).map((s) => s.id))
    : null;
  const weekOf = memoByDate(weekStartOf);
  const perWeek = new Map<IsoDate, number>();
  for (const e of entries) {
    if (!categories.includes(e.category)) continue;
    if (allowed && !allowed.has(e.supervisorId)) continue;
    const week = weekOf(e.date);
    perWeek.set(week, (perWeek.get(week) ?? 0) + e.minutes);
  }
  return [...perWeek.values()].filter((m) => m >= minMinutes).length;
}

export interface MeasureContext {
  pack: Pack;
  counting: readonly ProgressEntry[];
  supervisors: readonly ProgressSupervisor[];
  totalRule: TotalRule;
}

/** Whole weeks or months from the first to the last entry that counts toward the total. */
function periodSpanned(ctx: MeasureContext, unit: 'weeks' | 'months'): number {
  const cats = countedCategories(ctx.pack);
  const dates = ctx.counting.filter((e) => cats.includes(e.category)).map((e) => e.date);
  const first = earliest(dates);
  const last = latest(dates);
  if (first === null || last === null) return 0;
  return unit === 'weeks' ? weeksSpanned(first, last) : monthsSpanned(first, last);
}

function countedFor(ctx: MeasureContext, r: PackRequirement): number {
  switch (r.measure) {
    case 'total':
      return countTowardTotal(ctx.totalRule, ctx.counting);
    case 'weeks':
    case 'months':
      return periodSpanned(ctx, r.measure);
    case 'supervisionWeeks': {
      const rule = ctx.pack.rules.supervisionWeeks;
      if (!rule) return 0;
      return supervisionWeekCount(
        ctx.counting,
        rule.qualifyingCategories,
        rule.minutesPerWeek,
        ctx.supervisors,
        r.supervisorLicenseTypes,
      );
    }
    default:
      return minutesIn(ctx.counting, requirementCategories(ctx.pack, r));
  }
}

export function evaluateRequirement(ctx: MeasureContext, r: PackRequirement): RequirementProgress {
  const counted = countedFor(ctx, r);
  const unit =
    !r.measure || !isCountMeasure(r.measure)
      ? 'minutes'
      : r.measure === 'months'
        ? 'months'
        : 'weeks';
  const base = {
    id: r.id,
    label: r.label,
    kind: r.kind,
    unit,
    counted,
    basis: r.basis,
    ...(r.note ? { note: r.note } : {}),
  } as const;
  if (r.percentOfSupervision !== undefined) {
    const supervision = minutesIn(ctx.counting, ctx.pack.categories.supervision);
    const required = Math.floor((supervision * r.percentOfSupervision) / 100);
    const met = counted * 100 <= supervision * r.percentOfSupervision;
    return { ...base, required, met, ...maxGap(counted, required) };
  }
  const required = r.minutes ?? r.count ?? 0;
  if (r.kind === 'max')
    return { ...base, required, met: counted <= required, ...maxGap(counted, required) };
  return {
    ...base,
    required,
    met: counted >= required,
    remaining: Math.max(0, required - counted),
    excess: 0,
  };
}

function maxGap(counted: number, limit: number) {
  return { remaining: Math.max(0, limit - counted), excess: Math.max(0, counted - limit) };
}
