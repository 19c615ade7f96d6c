import { formatMinutes } from './format.js';
import { addDaysIso, weekStartOf, type IsoDate } from './dates.js';
import { countedCategories, type Pack } from './packs/schema.js';
import { daysBetween, earliest, latest, memoByDate, monthStartOf } from './progress-calendar.js';
import { lapseDateFor } from './progress-measures.js';
import type {
  ProgressEntry,
  ProgressInput,
  ProgressSupervisor,
  ProgressWarning,
  RequirementProgress,
} from './progress-types.js';

/** Hours that stop counting within this many days of today are flagged. */
export const EXPIRY_WARNING_DAYS = 90;
/** A submitted week not signed after this many days is flagged (on day 15, not day 14). */
export const SIGN_OFF_DUE_DAYS = 14;

export interface WarningContext {
  pack: Pack;
  input: ProgressInput;
  /** Entries that still count: the checks below ignore hours past the age limit. */
  counting: readonly ProgressEntry[];
  requirements: readonly RequirementProgress[];
  today: IsoDate;
}

/** Every warning, grouped in the order of WARNING_CODES and by date within each group. */
export function collectWarnings(ctx: WarningContext): ProgressWarning[] {
  return [
    ...weeklyCapWarnings(ctx),
    ...weeklySupervisionWarnings(ctx),
    ...monthlySupervisionWarnings(ctx),
    ...nonclinicalWarnings(ctx),
    ...expiryWarnings(ctx),
    ...agreementWarnings(ctx),
    ...supervisorLicenseWarnings(ctx),
    ...unsignedWeekWarnings(ctx),
  ];
}

function sumBy<K>(entries: readonly ProgressEntry[], key: (e: ProgressEntry) => K): Map<K, number> {
  const sums = new Map<K, number>();
  for (const e of entries) {
    const k = key(e);
    sums.set(k, (sums.get(k) ?? 0) + e.minutes);
  }
  return sums;
}

interface CapWindow {
  start: IsoDate;
  end: IsoDate;
  minutes: number;
}

/**
 * Rolling cap: every window of `windowDays` consecutive days that starts on a day with hours
 * (any over-cap window contains one that does). Overlapping over-cap windows form one run,
 * reported once by its fullest window; `minutes` is that window's excess over the cap.
 */
export function weeklyCapWarnings({ pack, counting }: WarningContext): ProgressWarning[] {
  const cap = pack.rules.weeklyCap;
  if (!cap) return [];
  const cats = countedCategories(pack);
  const perDay = [
    ...sumBy(
      counting.filter((e) => cats.includes(e.category)),
      (e) => e.date,
    ),
  ];
  perDay.sort(([a], [b]) => (a < b ? -1 : 1));
  const over: CapWindow[] = [];
  perDay.forEach(([start], i) => {
    const end = addDaysIso(start, cap.windowDays - 1);
    let minutes = 0;
    for (let j = i; j < perDay.length && (perDay[j]?.[0] ?? '') <= end; j++)
      minutes += perDay[j]?.[1] ?? 0;
    if (minutes > cap.maxMinutes) over.push({ start, end, minutes });
  });
  return overlappingRuns(over).map((run) => {
    const worst = run.reduce((a, b) => (b.minutes > a.minutes ? b : a));
    const excess = worst.minutes - cap.maxMinutes;
    return {
      code: 'weekly_cap_exceeded',
      message:
        `${formatMinutes(worst.minutes)} logged from ${worst.start} to ${worst.end}: ` +
        `${formatMinutes(excess)} over the limit of ${formatMinutes(cap.maxMinutes)} ` +
        `in any ${cap.windowDays} consecutive days.`,
      date: worst.start,
      endDate: worst.end,
      minutes: excess,
    };
  });
}

function overlappingRuns(windows: readonly CapWindow[]): CapWindow[][] {
  const runs: CapWindow[][] = [];
  for (const w of windows) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && w.start <= last.end) run.push(w);
    else runs.push([w]);
  }
  return runs;
}

/**
 * Each Monday–Sunday week that has ended (its Sunday is before today) and has direct hours needs
 * `minutesPerWeek` of supervision, plus `extraMinutes` when direct minutes exceed the threshold
 * (exactly at the threshold needs no extra). Per setting when the pack says so. Supervision counts
 * at the rule's `creditPercent` (California: group at 50 %, two hours making one), rounded down
 * to the minute per week. One warning per week (and site): `supervision_missing` below the base
 * amount, otherwise `extra_supervision_missing`; `minutes` is the shortfall against the full
 * requirement.
 */
export function weeklySupervisionWarnings({
  pack,
  input,
  counting,
  today,
}: WarningContext): ProgressWarning[] {
  const rule = pack.rules.supervisionWeeks;
  if (!rule) return [];
  const weekOf = memoByDate(weekStartOf);
  const key = (e: ProgressEntry) =>
    rule.perSetting ? `${weekOf(e.date)}|${e.siteId}` : weekOf(e.date);
  const direct = sumBy(
    counting.filter((e) => pack.categories.direct.includes(e.category)),
    key,
  );
  const weekly = counting.filter((e) => rule.weeklyCategories.includes(e.category));
  const logged = sumBy(weekly, key);
  // Minutes × percent, summed per week (and site); divided by 100 once, so rounding loses < 1 min.
  const creditHundredths = new Map<string, number>();
  for (const e of weekly) {
    const percent = rule.creditPercent?.[e.category] ?? 100;
    const k = key(e);
    creditHundredths.set(k, (creditHundredths.get(k) ?? 0) + e.minutes * percent);
  }
  const warnings: ProgressWarning[] = [];
  for (const [k, directMinutes] of [...direct].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [weekStart = '', site] = k.split('|');
    if (directMinutes <= 0 || addDaysIso(weekStart, 6) >= today) continue;
    const got = Math.floor((creditHundredths.get(k) ?? 0) / 100);
    const raw = logged.get(k) ?? 0;
    const gotText =
      raw === got
        ? `${formatMinutes(got)} of supervision`
        : `${formatMinutes(got)} of supervision counted (${formatMinutes(raw)} logged)`;
    const extra = directMinutes > rule.extraWhenDirectOverMinutes ? rule.extraMinutes : 0;
    const needed = rule.minutesPerWeek + extra;
    if (got >= needed) continue;
    const siteName = input.sites?.find((x) => String(x.id) === site)?.name;
    const where = site === undefined ? '' : ` at ${siteName ?? `site ${site}`}`;
    const base = got < rule.minutesPerWeek;
    warnings.push({
      code: base ? 'supervision_missing' : 'extra_supervision_missing',
      message: base
        ? `Week of ${weekStart}${where}: ${formatMinutes(directMinutes)} direct, ` +
          `${gotText}; ${formatMinutes(needed)} required.`
        : `Week of ${weekStart}${where}: ${formatMinutes(directMinutes)} direct is over ` +
          `${formatMinutes(rule.extraWhenDirectOverMinutes)}, so ${formatMinutes(needed)} ` +
          `of supervision is required; ` +
          (raw === got ? `${formatMinutes(got)} logged.` : `${gotText}.`),
      weekStart,
      minutes: needed - got,
      ...(site === undefined ? {} : { siteId: Number(site) }),
    });
  }
  return warnings;
}

/**
 * Each calendar month that has ended and has direct hours needs `minutesPerMonth` of supervision.
 * Reported as `supervision_missing` with `monthStart`; `minutes` is the shortfall.
 */
export function monthlySupervisionWarnings({
  pack,
  counting,
  today,
}: WarningContext): ProgressWarning[] {
  const rule = pack.rules.supervisionMonths;
  if (!rule) return [];
  const month = (e: ProgressEntry) => monthStartOf(e.date);
  const direct = sumBy(
    counting.filter((e) => pack.categories.direct.includes(e.category)),
    month,
  );
  const supervision = sumBy(
    counting.filter((e) => rule.categories.includes(e.category)),
    month,
  );
  const thisMonth = monthStartOf(today);
  return [...direct]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .filter(([m, minutes]) => minutes > 0 && m < thisMonth)
    .filter(([m]) => (supervision.get(m) ?? 0) < rule.minutesPerMonth)
    .map(([monthStart, minutes]) => {
      const got = supervision.get(monthStart) ?? 0;
      return {
        code: 'supervision_missing',
        message:
          `Month of ${monthStart.slice(0, 7)}: ${formatMinutes(minutes)} direct, ` +
          `${formatMinutes(got)} of supervision; ${formatMinutes(rule.minutesPerMonth)} required.`,
        monthStart,
        minutes: rule.minutesPerMonth - got,
      };
    });
}

/** Non-clinical over its maximum: `minutes` is the excess, which does not count toward the total. */
export function nonclinicalWarnings({ pack, requirements }: WarningContext): ProgressWarning[] {
  const ids = new Set(
    pack.requirements
      .filter((r) => r.kind === 'max' && r.measure === 'nonclinical')
      .map((r) => r.id),
  );
  return requirements
    .filter((r) => ids.has(r.id) && r.excess > 0)
    .map((r) => ({
      code: 'nonclinical_over_max',
      message:
        `${formatMinutes(r.counted)} of non-clinical practice is ${formatMinutes(r.excess)} over ` +
        `the maximum of ${formatMinutes(r.required)}; the excess does not count toward the total.`,
      minutes: r.excess,
    }));
}

/**
 * Hours that still count today but stop counting within EXPIRY_WARNING_DAYS (lapse date up to
 * and including today + 90). One warning: `date`/`endDate` are the first and last lapse dates,
 * `minutes` the minutes lapsing.
 */
export function expiryWarnings({
  pack,
  input,
  counting,
  today,
}: WarningContext): ProgressWarning[] {
  const limit = pack.rules.ageLimit;
  if (!limit) return [];
  const lapseOf = lapseDateFor(pack, input);
  const horizon = addDaysIso(today, EXPIRY_WARNING_DAYS);
  const lapsing = counting
    .map((e) => ({ e, lapse: lapseOf(e) }))
    .filter(
      (x): x is { e: ProgressEntry; lapse: IsoDate } => x.lapse !== null && x.lapse <= horizon,
    );
  const first = earliest(lapsing.map((x) => x.lapse));
  const last = latest(lapsing.map((x) => x.lapse));
  if (first === null || last === null) return [];
  const minutes = lapsing.reduce((s, x) => s + x.e.minutes, 0);
  const span = first === last ? `on ${first}` : `between ${first} and ${last}`;
  const rule =
    limit.from === 'entryDate'
      ? `hours count for ${describeMonths(limit.months)} after they are logged`
      : `hours count for ${describeMonths(limit.months)} after supervision started`;
  return [
    {
      code: 'hours_expiring',
      message: `${formatMinutes(minutes)} of experience stops counting ${span} (${rule}).`,
      date: first,
      endDate: last,
      minutes,
    },
  ];
}

function describeMonths(months: number): string {
  if (months % 12 === 0) return months === 12 ? '1 year' : `${months / 12} years`;
  return `${months} months`;
}

/**
 * Supervision without a signed agreement more than `dueDays` after it started: day 0 is the start,
 * so with 60 days the warning appears on day 61. Per assignment when given, otherwise for
 * `supervisionStartDate` (default: the first entry) and `agreementSignedOn`.
 */
export function agreementWarnings({ pack, input, today }: WarningContext): ProgressWarning[] {
  const rule = pack.rules.agreement;
  if (!rule) return [];
  const start = input.supervisionStartDate ?? earliest(input.entries.map((e) => e.date));
  const agreements = input.assignments?.length
    ? input.assignments.map((a) => ({
        supervisorId: a.supervisorId as number | undefined,
        start: a.startDate,
        signed: a.agreementSignedOn,
      }))
    : start === null
      ? []
      : [{ supervisorId: undefined, start, signed: input.agreementSignedOn ?? null }];
  return agreements
    .filter(
      (a) => (a.signed === null || a.signed > today) && daysBetween(a.start, today) > rule.dueDays,
    )
    .map((a) => {
      const due = addDaysIso(a.start, rule.dueDays);
      const who =
        a.supervisorId === undefined
          ? ''
          : ` with ${supervisorName(input.supervisors, a.supervisorId)}`;
      return {
        code: 'agreement_missing',
        message:
          `Supervision${who} started ${a.start} and has no signed agreement; ` +
          `it was due by ${due} (${rule.dueDays} days).`,
        date: a.start,
        endDate: due,
        ...(a.supervisorId === undefined ? {} : { supervisorId: a.supervisorId }),
      };
    });
}

/**
 * A license is valid through its expiry date. A supervisor is flagged when hours that still count
 * are logged under them on a later date (`minutes`), or when their license expired before today and
 * an assignment with them is active today. Old supervisors whose hours all predate expiry are not.
 */
export function supervisorLicenseWarnings({
  input,
  counting,
  today,
}: WarningContext): ProgressWarning[] {
  return input.supervisors.flatMap((s) => {
    const after = counting.filter((e) => e.supervisorId === s.id && e.date > s.licenseExpires);
    const minutes = after.reduce((sum, e) => sum + e.minutes, 0);
    const active = (input.assignments ?? []).some(
      (a) =>
        a.supervisorId === s.id &&
        a.startDate <= today &&
        (a.endDate === null || a.endDate === undefined || a.endDate >= today),
    );
    const expired = s.licenseExpires < today;
    if (minutes === 0 && !(expired && active)) return [];
    const logged =
      minutes > 0
        ? ` ${formatMinutes(minutes)} logged under them after that date may not count.`
        : '';
    return [
      {
        code: 'supervisor_license_expired',
        message: `${supervisorName(input.supervisors, s.id)}'s license expired on ${s.licenseExpires}.${logged}`,
        date: s.licenseExpires,
        minutes,
        supervisorId: s.id,
      },
    ];
  });
}

function supervisorName(supervisors: readonly ProgressSupervisor[], id: number): string {
  return supervisors.find((s) => s.id === id)?.name ?? `Supervisor ${id}`;
}

/** Submitted, unapproved weeks more than SIGN_OFF_DUE_DAYS days after submission (day 15 on). */
export function unsignedWeekWarnings({ input, today }: WarningContext): ProgressWarning[] {
  return (input.submittedWeeks ?? [])
    .filter((w) => !w.approved)
    .map((w) => ({ w, submitted: w.submittedAt.slice(0, 10) }))
    .filter(({ submitted }) => daysBetween(submitted, today) > SIGN_OFF_DUE_DAYS)
    .sort((a, b) => (a.w.weekStart < b.w.weekStart ? -1 : 1))
    .map(({ w, submitted }) => ({
      code: 'week_unsigned',
      message:
        `Week of ${w.weekStart} was submitted on ${submitted} and is not signed after ` +
        `${daysBetween(submitted, today)} days.`,
      weekStart: w.weekStart,
      date: submitted,
    }));
}
