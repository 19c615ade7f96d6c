import type { HourCategory } from './categories.js';
import type { IsoDate } from './dates.js';
import type { Basis } from './packs/schema.js';
import type { LicenseType } from './records.js';

/** One logged entry, as progress needs it (a subset of HourEntry). Minutes are integers. */
export interface ProgressEntry {
  date: IsoDate;
  category: HourCategory;
  minutes: number;
  supervisorId: number;
  siteId: number;
}

export interface ProgressSupervisor {
  id: number;
  licenseType: LicenseType;
  /** The license is valid through this date, inclusive. */
  licenseExpires: IsoDate;
  /** For warning messages; the id is used when absent. */
  name?: string;
}

/** A supervision assignment: who supervises from when, and when the agreement was signed. */
export interface ProgressAssignment {
  supervisorId: number;
  startDate: IsoDate;
  endDate?: IsoDate | null;
  agreementSignedOn: IsoDate | null;
}

export interface SubmittedWeek {
  weekStart: IsoDate;
  /** UTC timestamp (or ISO date) of submission; its first ten characters are taken as the date. */
  submittedAt: string;
  approved: boolean;
}

export interface ProgressInput {
  entries: readonly ProgressEntry[];
  supervisors: readonly ProgressSupervisor[];
  /** When supervision began; defaults to the first entry's date. */
  supervisionStartDate?: IsoDate | null;
  /** The agreement for `supervisionStartDate`, when `assignments` are not given. */
  agreementSignedOn?: IsoDate | null;
  /** Per-assignment agreements; when given they replace the two fields above for that check. */
  assignments?: readonly ProgressAssignment[];
  /** Weeks submitted for review; unapproved ones are checked for a late sign-off. */
  submittedWeeks?: readonly SubmittedWeek[];
  /** Site names for warning messages; a site not listed is named by its id. */
  sites?: readonly { id: number; name: string }[];
}

export const WARNING_CODES = [
  'weekly_cap_exceeded',
  'supervision_missing',
  'extra_supervision_missing',
  'nonclinical_over_max',
  'hours_expiring',
  'agreement_missing',
  'supervisor_license_expired',
  'week_unsigned',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface ProgressWarning {
  code: WarningCode;
  message: string;
  weekStart?: IsoDate;
  /** First day of the calendar month, for monthly supervision. */
  monthStart?: IsoDate;
  /** Start of the period the warning is about (window, lapse, supervision start, expiry…). */
  date?: IsoDate;
  endDate?: IsoDate;
  /** The minutes at issue: over a cap, short of a minimum, about to lapse, or logged after expiry. */
  minutes?: number;
  siteId?: number;
  supervisorId?: number;
}

export interface RequirementProgress {
  id: string;
  label: string;
  kind: 'min' | 'max';
  unit: 'minutes' | 'weeks' | 'months';
  /** What counts now (minutes, or whole weeks/months). */
  counted: number;
  /** The minimum to reach, or the maximum allowed. */
  required: number;
  /** For a min: still to go. For a max: headroom left. Never negative. */
  remaining: number;
  met: boolean;
  /** For a max: how far over (those minutes do not count toward the total). Otherwise 0. */
  excess: number;
  basis: Basis;
  note?: string;
}

/** How minutes add up to the total: each group counts in full, or up to its cap. */
export interface TotalRule {
  requiredMinutes: number;
  groups: { categories: HourCategory[]; capMinutes: number | null }[];
}

export interface Progress {
  packId: string;
  packVersionDate: IsoDate;
  today: IsoDate;
  requirements: RequirementProgress[];
  warnings: ProgressWarning[];
  totals: {
    /** Minutes of entries that still count (within the age limit, dated on or before today). */
    countingMinutes: number;
    /** Minutes of entries past the age limit, which no longer count. */
    expiredMinutes: number;
    /** Minutes toward the total after caps. */
    towardTotalMinutes: number;
  };
  totalRule: TotalRule;
}

export interface CompletionProjection {
  /** The 12 weeks (84 days) the pace is taken over, ending today. */
  windowStart: IsoDate;
  windowEnd: IsoDate;
  /**
   * Minutes gained toward the total in the window per active week (a Monday–Sunday week with
   * hours toward the total), rounded: weeks off (leave, before starting) do not drag it down.
   */
  paceMinutesPerWeek: number;
  /** How many weeks of the window had hours toward the total: the pace's basis. */
  activeWeeks: number;
  remainingMinutes: number;
  /** When the total would be reached at that pace; today when already met; null when pace is 0. */
  projectedDate: IsoDate | null;
  /**
   * The plan: the day the oldest counting hours lapse under the pack's age limit (null without
   * one). Finishing after it means hours are lost on the way.
   */
  deadline: IsoDate | null;
  /** The recent pace meets the plan: a projection exists and falls before the deadline. */
  onPace: boolean;
}
