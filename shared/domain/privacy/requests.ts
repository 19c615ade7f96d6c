import { CATEGORY_LABELS, type HourCategory } from '../categories.js';
import type { IsoDate } from '../dates.js';
import type { PersonType, RequestKind, RequestStatus } from './people.js';

/**
 * The requests register as pure rules: which profile fields a person may ask to correct, what
 * a request asks and what was done, how a week correction's progress is read from its week,
 * and the yearly summary. The service (main/services/privacy/requests.ts) does the I/O.
 */

/** The profile fields a correction may name, per person type, as people say them. */
export const PROFILE_FIELDS = {
  worker: {
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    phone: 'Phone',
    title: 'Title',
    registrationNumber: 'Registration number',
    registrationExpires: 'Registration expires',
    degree: 'Degree',
    school: 'School',
    graduationDate: 'Graduation date',
  },
  supervisor: {
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    phone: 'Phone',
    licenseType: 'Licence type',
    licenseNumber: 'Licence number',
    licenseState: 'Licence state',
    licenseExpires: 'Licence expires',
  },
} as const satisfies Record<PersonType, Record<string, string>>;

export type WorkerProfileField = keyof typeof PROFILE_FIELDS.worker;
export type SupervisorProfileField = keyof typeof PROFILE_FIELDS.supervisor;
export type ProfileField = WorkerProfileField | SupervisorProfileField;

export const ALL_PROFILE_FIELDS = [
  ...new Set([...Object.keys(PROFILE_FIELDS.worker), ...Object.keys(PROFILE_FIELDS.supervisor)]),
] as ProfileField[];

export const isProfileFieldOf = (personType: PersonType, field: string): field is ProfileField =>
  Object.hasOwn(PROFILE_FIELDS[personType], field);

export const profileFieldLabel = (personType: PersonType, field: string): string =>
  (PROFILE_FIELDS[personType] as Record<string, string>)[field] ?? field;

/** A change to one hour entry of a locked week; omitted fields stay as they are. */
export interface ProposedEntryChange {
  date?: IsoDate | undefined;
  minutes?: number | undefined;
  category?: HourCategory | undefined;
  siteId?: number | undefined;
  note?: string | null | undefined;
}

export type RequestDetails =
  | {
      target: 'profile';
      field: ProfileField;
      currentValue: string | null;
      proposedValue: string | null;
      note: string | null;
    }
  | {
      target: 'week';
      weekStart: IsoDate;
      /** The entry to change or remove; none means a missing entry to add. */
      entryId: number | null;
      removeEntry: boolean;
      proposed: ProposedEntryChange;
      /** The entry as it stood when the request was filed, to show what would change. */
      entryBefore: EntrySnapshot | null;
      note: string | null;
    }
  | { target: 'none'; note: string | null };

export interface EntrySnapshot {
  date: IsoDate;
  minutes: number;
  category: HourCategory;
  siteId: number;
  note: string | null;
}

/** What was done, shown to the person and kept in the register. */
export type RequestOutcome =
  | { type: 'profile'; field: string; before: string | null; after: string | null }
  | {
      type: 'week';
      workerId: number;
      weekStart: IsoDate;
      /** The latest signed version when the request was accepted (0 if never signed). */
      signedVersionBefore: number;
      action: 'changed' | 'removed' | 'added';
      entryId: number | null;
      before: EntrySnapshot | null;
      after: EntrySnapshot | null;
    }
  | { type: 'access'; note: string }
  | { type: 'other'; [key: string]: unknown };

/** Where an accepted week correction stands, read from its week. */
export type WeekProgress = 'awaiting-sign-off' | 'returned' | 'signed';

export interface WeekState {
  status: string;
  latestSignedVersion: number;
}

export function weekProgress(
  outcome: Extract<RequestOutcome, { type: 'week' }>,
  week: WeekState | null,
): WeekProgress {
  if (week?.status === 'approved' && week.latestSignedVersion > outcome.signedVersionBefore)
    return 'signed';
  if (week?.status === 'submitted') return 'awaiting-sign-off';
  return 'returned';
}

/** The status to show: an accepted week correction is completed once its amendment is signed. */
export const effectiveStatus = (
  stored: RequestStatus,
  progress: WeekProgress | null,
): RequestStatus => (stored === 'accepted' && progress === 'signed' ? 'completed' : stored);

export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  access: 'Access',
  correction: 'Correction',
  deletion: 'Deletion',
};

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  open: 'Open',
  accepted: 'Accepted',
  declined: 'Declined',
  partial: 'Partly done',
  completed: 'Completed',
};

/** The register's view of one request. */
export interface PrivacyRequestView {
  id: number;
  kind: RequestKind;
  personType: PersonType | null;
  personId: number | null;
  /** Set once the person is deleted; the row then names no one. */
  personRef: string | null;
  personName: string | null;
  receivedOn: IsoDate;
  requestedByName: string | null;
  identityMethod: string | null;
  identityVerifiedByName: string | null;
  identityVerifiedAt: string | null;
  details: RequestDetails;
  /** Stored status, except a week correction whose amendment is signed reads `completed`. */
  status: RequestStatus;
  /** For an accepted week correction: where its amendment stands. */
  weekProgress: WeekProgress | null;
  decidedAt: string | null;
  decidedByName: string | null;
  decisionReason: string | null;
  outcome: RequestOutcome | null;
  /** One sentence: what was asked. */
  summary: string;
  /** One sentence: where it stands and what was done. */
  outcomeText: string;
  createdAt: string;
}

const show = (v: string | null | undefined) =>
  v === null || v === undefined || v === '' ? '(blank)' : `"${v}"`;

export function describeEntry(e: EntrySnapshot | null, siteName: (id: number) => string): string {
  if (!e) return 'no entry';
  return `${e.date}, ${e.minutes} min, ${CATEGORY_LABELS[e.category]} at ${siteName(e.siteId)}${e.note ? `, note "${e.note}"` : ''}`;
}

export function summarize(
  kind: RequestKind,
  details: RequestDetails,
  personType: PersonType | null,
): string {
  if (kind === 'access') return 'A copy of everything held about them';
  if (kind === 'deletion') return 'Deletion of their data';
  if (details.target === 'profile') {
    const label = profileFieldLabel(personType ?? 'worker', details.field);
    return `${label}: ${show(details.currentValue)} → ${show(details.proposedValue)}`;
  }
  if (details.target === 'week') {
    const what = details.removeEntry
      ? 'remove an entry'
      : details.entryId === null
        ? 'add a missing entry'
        : 'change an entry';
    return `Week of ${details.weekStart}: ${what}`;
  }
  return 'Correction';
}

export function outcomeSentence(v: {
  kind: RequestKind;
  status: RequestStatus;
  weekProgress: WeekProgress | null;
  decisionReason: string | null;
  outcome: RequestOutcome | null;
}): string {
  if (v.status === 'open') return 'Waiting for a decision';
  if (v.status === 'declined') return `Declined: ${v.decisionReason ?? ''}`.trim();
  const o = v.outcome;
  if (o?.type === 'profile') return `Applied: ${show(o.before)} → ${show(o.after)}`;
  if (o?.type === 'week') {
    const done = `${o.action} entry in the week of ${o.weekStart}`;
    if (v.weekProgress === 'signed') return `Completed: ${done}; the amended week is signed`;
    if (v.weekProgress === 'returned')
      return `Accepted: ${done}; the amendment was returned and needs resubmitting`;
    return `Accepted — amendment awaiting sign-off (${done})`;
  }
  if (o?.type === 'access') return `Fulfilled: ${o.note}`;
  if (v.status === 'partial')
    return `Partly done${v.decisionReason ? `: ${v.decisionReason}` : ''}`;
  return `${REQUEST_STATUS_LABELS[v.status]}${v.decisionReason ? `: ${v.decisionReason}` : ''}`;
}

/** Whole days from receipt to decision (never negative). */
export function daysToDecision(receivedOn: IsoDate, decidedAt: string | null): number | null {
  if (!decidedAt) return null;
  const start = Date.parse(`${receivedOn}T00:00:00Z`);
  const end = Date.parse(`${decidedAt.slice(0, 10)}T00:00:00Z`);
  return Math.max(0, Math.round((end - start) / 86_400_000));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface YearlyRequestRow {
  id: number;
  kind: RequestKind;
  /** The kind of person only: the yearly report names no one, so it is no disclosure. */
  personType: PersonType | null;
  receivedOn: IsoDate;
  identityMethod: string | null;
  status: RequestStatus;
  decidedOn: IsoDate | null;
  daysToDecision: number | null;
  decisionReason: string | null;
}

export interface YearlyRequestReport {
  year: number;
  total: number;
  /** kind → status → count, every pair present (zeros included). */
  counts: Record<RequestKind, Record<RequestStatus, number>>;
  medianDaysToDecision: number | null;
  rows: YearlyRequestRow[];
}

export function yearlySummary(
  year: number,
  rows: YearlyRequestRow[],
  kinds: readonly RequestKind[],
  statuses: readonly RequestStatus[],
): YearlyRequestReport {
  const counts = Object.fromEntries(
    kinds.map((k) => [k, Object.fromEntries(statuses.map((s) => [s, 0]))]),
  ) as Record<RequestKind, Record<RequestStatus, number>>;
  for (const r of rows) counts[r.kind][r.status] += 1;
  const days = rows.map((r) => r.daysToDecision).filter((d): d is number => d !== null);
  return { year, total: rows.length, counts, medianDaysToDecision: median(days), rows };
}
