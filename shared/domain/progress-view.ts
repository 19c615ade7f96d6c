import type { HourCategory } from './categories.js';
import type { IsoDate } from './dates.js';
import type { Pack } from './packs/schema.js';
import type { CompletionProjection, Progress, ProgressWarning } from './progress-types.js';

/** API shapes for supervision sessions, requirement packs and the dashboards. */

export const SESSION_KINDS = ['individual', 'triadic', 'group'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** The hour category each attendee's linked entry is logged in. */
export const SESSION_CATEGORY: Record<SessionKind, HourCategory> = {
  individual: 'supervision_individual',
  triadic: 'supervision_triadic',
  group: 'supervision_group',
};

/**
 * How many supervisees each kind of session holds. Triadic is one supervisor with two
 * supervisees; a group holds three to eight (the practice's rule; California's BBS caps a
 * supervision group at eight supervisees).
 */
export const SESSION_ATTENDEES: Record<SessionKind, { min: number; max: number }> = {
  individual: { min: 1, max: 1 },
  triadic: { min: 2, max: 2 },
  group: { min: 3, max: 8 },
};

export interface SupervisionSession {
  id: number;
  supervisorId: number;
  siteId: number;
  date: IsoDate;
  kind: SessionKind;
  minutes: number;
  note: string | null;
  workerIds: number[];
}

export interface PackSummary {
  id: string;
  name: string;
  jurisdiction: string;
  license: string;
  versionDate: IsoDate;
  builtIn: boolean;
  /** The pack a custom pack was copied from. */
  basedOn: string | null;
  sourceCount: number;
  requirementCount: number;
  /** Workers (within the caller's view) assigned this pack. */
  workerIds: number[];
}

export interface PackDetail extends PackSummary {
  pack: Pack;
}

/** Minutes per category in one calendar month (`month` is YYYY-MM). */
export type MonthMinutes = { month: string } & Record<HourCategory, number>;

export interface WorkerProgressView {
  workerId: number;
  today: IsoDate;
  /** Null until the owner assigns a pack; progress and projection are then null too. */
  pack: PackSummary | null;
  progress: Progress | null;
  projection: CompletionProjection | null;
  months: MonthMinutes[];
  /** Every minute logged, whatever the pack counts. */
  loggedMinutes: number;
  weeksWaiting: number;
  /** Days since the oldest week still waiting for review was submitted. */
  oldestWaitingDays: number | null;
}

export type OverviewStatus = 'no_pack' | 'complete' | 'warnings' | 'on_track' | 'behind';

export interface OverviewRow {
  workerId: number;
  name: string;
  active: boolean;
  packId: string | null;
  packName: string | null;
  status: OverviewStatus;
  /** Share of the total requirement reached, 0–100 (null without a pack). */
  percent: number | null;
  towardTotalMinutes: number | null;
  requiredTotalMinutes: number | null;
  requirementsMet: number;
  requirementsTotal: number;
  warningCount: number;
  /** The first few warnings, for a tooltip. */
  warnings: Pick<ProgressWarning, 'code' | 'message'>[];
  projectedDate: IsoDate | null;
  /** The projection's basis, shown on hover (null without a pack). */
  pace: { minutesPerWeek: number; activeWeeks: number; deadline: IsoDate | null } | null;
  weeksWaiting: number;
  oldestWaitingDays: number | null;
}
