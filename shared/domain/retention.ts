import { addDays, format, getISOWeek, getISOWeekYear } from 'date-fns';

/**
 * Which backups to keep: restic's `forget` rules (keep-last, -hourly, -daily, -weekly,
 * -monthly, -yearly and keep-within, OR'ed), plus a hard expiry age that no keep rule overrides.
 *
 * As in restic (internal/data/snapshot_policy.go), backups are walked newest first; each count
 * rule keeps the newest backup of every period (hour, day, Monday–Sunday week, month, year)
 * until it has kept `n`, so periods are counted back from the newest backup and a period with no
 * backup does not use up a count. When a rule still has counts left at the oldest backup, that
 * one is kept too, which stretches the history as far as the policy allows.
 *
 * keep-within keeps every backup made within a duration (years, months, days, hours: "1y6m",
 * "7d", "36h") of the newest backup that is not dated in the future, not of now: a practice whose
 * backups stopped still has them. As in restic the cut-off is that backup's wall-clock time with
 * the years, months and days taken off the calendar (31 March less a month is 3 March, the day
 * carrying over as Go's AddDate does) and then the hours; a backup exactly at the cut-off is not
 * kept. It keeps without using up any count rule.
 *
 * Departures from restic, each for the practice's sake:
 * - An empty policy is refused (restic keeps everything, which would defeat the expiry promise
 *   only by accident; here it is a configuration error).
 * - The expiry age removes a backup whatever the rules say, so "deleted today is gone from every
 *   backup by D" is a promise the app can state.
 * - A backup dated in the future (a clock set wrong when it was made) is kept and does not use
 *   up any rule's counts, so it cannot push real backups out.
 */
export interface RetentionPolicy {
  keepLast: number;
  keepHourly: number;
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
  keepYearly: number;
  /** Keep every backup within this duration of the newest, restic style ("7d", "1y6m"); null: off. */
  keepWithin: string | null;
  /** Backups older than this many days are removed, whatever the keep rules say. */
  expiryDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  keepLast: 0,
  keepHourly: 0,
  keepDaily: 7,
  keepWeekly: 5,
  keepMonthly: 12,
  keepYearly: 0,
  keepWithin: null,
  expiryDays: 365,
};

export type KeepReason =
  'within' | 'last' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'future';

export interface RetentionInput {
  id: string;
  createdAt: Date;
}

export interface RetentionDecision {
  id: string;
  keep: boolean;
  /** Why it is kept (empty when removed). */
  reasons: KeepReason[];
  /** Removed because it passed the expiry age (even if a rule would have kept it). */
  expired: boolean;
  /** The day it is removed at the latest: created + expiryDays. */
  expiresOn: Date;
}

const RULES = [
  {
    reason: 'last',
    count: (p: RetentionPolicy) => p.keepLast,
    bucket: (_d: Date, i: number) => `#${i}`,
  },
  {
    reason: 'hourly',
    count: (p: RetentionPolicy) => p.keepHourly,
    bucket: (d: Date) => format(d, 'yyyy-MM-dd HH'),
  },
  {
    reason: 'daily',
    count: (p: RetentionPolicy) => p.keepDaily,
    bucket: (d: Date) => format(d, 'yyyy-MM-dd'),
  },
  {
    reason: 'weekly',
    count: (p: RetentionPolicy) => p.keepWeekly,
    bucket: (d: Date) => `${getISOWeekYear(d)}-W${getISOWeek(d)}`,
  },
  {
    reason: 'monthly',
    count: (p: RetentionPolicy) => p.keepMonthly,
    bucket: (d: Date) => format(d, 'yyyy-MM'),
  },
  {
    reason: 'yearly',
    count: (p: RetentionPolicy) => p.keepYearly,
    bucket: (d: Date) => format(d, 'yyyy'),
  },
] as const;

/** A restic duration: "1y2m3d4h", each unit at most once, in that order. */
export interface Duration {
  years: number;
  months: number;
  days: number;
  hours: number;
}

const DURATION = /^(?:(\d{1,5})y)?(?:(\d{1,5})m)?(?:(\d{1,5})d)?(?:(\d{1,5})h)?$/;

export const DURATION_HINT =
  'Use a duration such as 7d, 2m or 1y6m (y years, m months, d days, h hours)';

/** The duration `text` spells (spaces and case ignored), or null when it is not one. */
export function parseDuration(text: string): Duration | null {
  const m = DURATION.exec(text.replace(/\s+/g, '').toLowerCase());
  if (!m || m[0] === '') return null;
  const [years, months, days, hours] = [m[1], m[2], m[3], m[4]].map((v) => Number(v ?? 0));
  return { years: years ?? 0, months: months ?? 0, days: days ?? 0, hours: hours ?? 0 };
}

const isZero = (d: Duration) => d.years + d.months + d.days + d.hours === 0;

/** The keep-within duration of a policy, or null when the rule is off. */
function keepWithinOf(p: Pick<RetentionPolicy, 'keepWithin'>): Duration | null {
  if (p.keepWithin === null || p.keepWithin === undefined) return null;
  const d = parseDuration(p.keepWithin);
  return d && !isZero(d) ? d : null;
}

/** restic's cut-off: `latest.AddDate(-years, -months, -days).Add(-hours)`, in local time. */
export function withinCutoff(latest: Date, d: Duration): Date {
  const t = new Date(latest.getTime());
  // setFullYear carries an overflowing day into the next month, as Go's AddDate does.
  t.setFullYear(
    latest.getFullYear() - d.years,
    latest.getMonth() - d.months,
    latest.getDate() - d.days,
  );
  return new Date(t.getTime() - d.hours * 3_600_000);
}

/** Problems with a policy, by field; empty when it can be applied. */
export function retentionPolicyProblems(p: RetentionPolicy): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [field, value] of Object.entries(p)) {
    if (field === 'keepWithin') continue;
    if (!Number.isInteger(value) || value < 0)
      problems[field] = 'Must be a whole number, 0 or more';
  }
  if (p.keepWithin !== null && p.keepWithin !== undefined && !parseDuration(p.keepWithin))
    problems.keepWithin = DURATION_HINT;
  if (!(p.expiryDays >= 1)) problems.expiryDays = 'Backups must be kept at least 1 day';
  if (RULES.every((r) => r.count(p) === 0) && !keepWithinOf(p)) {
    problems.keepLast =
      'Keep at least one backup by some rule (last, hourly, daily, weekly, monthly, yearly or within)';
  }
  return problems;
}

/**
 * Decides every backup's fate as of `now`. Pure; the result is in the input's order.
 * Throws on a policy that `retentionPolicyProblems` rejects.
 */
export function applyRetention(
  backups: readonly RetentionInput[],
  policy: RetentionPolicy,
  now: Date,
): RetentionDecision[] {
  const problems = retentionPolicyProblems(policy);
  if (Object.keys(problems).length) {
    throw new Error(`Retention policy refused: ${Object.values(problems).join('; ')}`);
  }
  const decisions = new Map<RetentionInput, RetentionDecision>();
  const expiresOnOf = (b: RetentionInput) => addDays(b.createdAt, policy.expiryDays);
  const isExpired = (b: RetentionInput) => expiresOnOf(b).getTime() <= now.getTime();

  const future = backups.filter((b) => b.createdAt.getTime() > now.getTime());
  for (const b of future) {
    decisions.set(b, {
      id: b.id,
      keep: true,
      reasons: ['future'],
      expired: false,
      expiresOn: expiresOnOf(b),
    });
  }

  // Newest first; ties keep their input order so the result is stable.
  const past = backups
    .filter((b) => b.createdAt.getTime() <= now.getTime())
    .map((b, i) => ({ b, i }))
    .sort((x, y) => y.b.createdAt.getTime() - x.b.createdAt.getTime() || x.i - y.i)
    .map(({ b }) => b);
  const state = RULES.map((rule) => ({ rule, left: rule.count(policy), last: '' }));
  // keep-within counts back from the newest backup that is not in the future, not from now.
  const within = keepWithinOf(policy);
  const newest = past[0];
  const cutoff = within && newest ? withinCutoff(newest.createdAt, within).getTime() : null;
  past.forEach((b, nr) => {
    const reasons: KeepReason[] = [];
    if (cutoff !== null && b.createdAt.getTime() > cutoff) reasons.push('within');
    state.forEach((s) => {
      const { rule } = s;
      if (s.left <= 0) return;
      const key = rule.bucket(b.createdAt, nr);
      const oldest = nr === past.length - 1;
      if (key !== s.last || oldest) {
        s.last = key;
        s.left -= 1;
        reasons.push(rule.reason);
      }
    });
    const expired = isExpired(b);
    decisions.set(b, {
      id: b.id,
      keep: reasons.length > 0 && !expired,
      reasons: expired ? [] : reasons,
      expired,
      expiresOn: expiresOnOf(b),
    });
  });

  return backups.map((b) => {
    const decision = decisions.get(b);
    if (!decision) throw new Error('Every backup is either future-dated or past');
    return decision;
  });
}

/**
 * When data deleted at `now` is gone from every backup: the newest existing backup (the last
 * that can hold it; later ones are made without it) reaches the expiry age then. With no
 * backups, now. Rotation must run at least daily for the promise to hold to the day.
 */
export function goneFromBackupsBy(
  backups: readonly RetentionInput[],
  policy: Pick<RetentionPolicy, 'expiryDays'>,
  now: Date,
): Date {
  const newest = backups.reduce<Date | null>(
    (max, b) => (max === null || b.createdAt > max ? b.createdAt : max),
    null,
  );
  return newest === null ? now : addDays(newest, policy.expiryDays);
}
