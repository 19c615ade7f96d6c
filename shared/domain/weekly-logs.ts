import { CATEGORY_LABELS, type HourCategory } from './categories.js';
import type { IsoDate } from './dates.js';
import { formatDayShort, formatMinutes } from './format.js';
import type { UserRole } from './records.js';

/**
 * Weekly review and sign-off, as pure rules. A week (Monday to Sunday) is a draft until its
 * worker submits it; then it sits in the supervisor's queue until it is returned (with a
 * comment) or approved (signed with the supervisor's password, which freezes it). An approved
 * week changes only through an amendment, which is signed again as the next version.
 *
 * Stored in `weekly_logs` (no row = draft) and `week_signatures` (one row per sign-off).
 */
export const WEEK_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'amending'] as const;
export type WeekStatus = (typeof WEEK_STATUSES)[number];

export const WEEK_STATUS_LABELS: Record<WeekStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  returned: 'Returned',
  approved: 'Approved',
  amending: 'Amending',
};

export type WeekAction = 'submit' | 'return' | 'approve' | 'startAmendment';

interface Transition {
  from: readonly WeekStatus[];
  roles: readonly UserRole[];
}

/**
 * Who may do what from which status. The owner runs the practice and may submit or reopen a
 * week on a worker's behalf and send a week back, but is not a supervisor: only a supervisor
 * signs. An amendment returned by the supervisor stays an amendment (status `amending`), so the
 * week's last signature keeps standing while it is corrected.
 */
export const WEEK_TRANSITIONS: Record<WeekAction, Transition> = {
  submit: { from: ['draft', 'returned', 'amending'], roles: ['worker', 'owner'] },
  return: { from: ['submitted'], roles: ['supervisor', 'owner'] },
  approve: { from: ['submitted'], roles: ['supervisor'] },
  startAmendment: { from: ['approved'], roles: ['worker', 'owner'] },
};

/** The status an allowed action leads to; `signedBefore` says the week has a signature already. */
/** Where a week goes after `action`; never back to a draft (a week with a log stays one). */
export function nextWeekStatus(
  action: WeekAction,
  signedBefore: boolean,
): Exclude<WeekStatus, 'draft'> {
  switch (action) {
    case 'submit':
      return 'submitted';
    case 'return':
      return signedBefore ? 'amending' : 'returned';
    case 'approve':
      return 'approved';
    case 'startAmendment':
      return 'amending';
  }
}

const ACTION_WORDS: Record<WeekAction, string> = {
  submit: 'submitted',
  return: 'returned',
  approve: 'approved',
  startAmendment: 'reopened for an amendment',
};

/** Why the action is refused in this status, or null when the status allows it. */
export function weekStatusProblem(action: WeekAction, status: WeekStatus): string | null {
  if (WEEK_TRANSITIONS[action].from.includes(status)) return null;
  return `This week is ${WEEK_STATUS_LABELS[status].toLowerCase()}; it cannot be ${ACTION_WORDS[action]} now`;
}

export const roleMayDo = (action: WeekAction, role: UserRole): boolean =>
  WEEK_TRANSITIONS[action].roles.includes(role);

/** Entries in a draft, returned or amending week can be changed; submitted and approved are frozen. */
export const isWeekEditable = (status: WeekStatus): boolean =>
  status === 'draft' || status === 'returned' || status === 'amending';

/** What a signature covers of each entry, the fields a board reads. */
export interface SignedEntry {
  category: HourCategory;
  date: IsoDate;
  minutes: number;
  note: string | null;
  siteId: number;
  supervisorId: number;
}

/**
 * The canonical form that is hashed: entries ordered by date then entry id, each object with
 * its keys in alphabetical order, no whitespace. The same entries always give the same text.
 */
export function canonicalEntries(entries: readonly (SignedEntry & { id: number })[]): string {
  const ordered = [...entries].sort((a, b) =>
    a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1,
  );
  return JSON.stringify(
    ordered.map((e) => ({
      category: e.category,
      date: e.date,
      minutes: e.minutes,
      note: e.note,
      siteId: e.siteId,
      supervisorId: e.supervisorId,
    })),
  );
}

/** One sign-off of a week: who signed, when, and exactly what (never changed once written). */
export interface WeekSignature {
  id: number;
  /** 1 for the first sign-off; each approved amendment adds one. */
  version: number;
  signerUserId: number;
  supervisorId: number;
  signerName: string;
  signedAt: string;
  /** SHA-256 (hex) of `canonicalEntries` of the signer's entries at signing. */
  entriesHash: string;
  /** The signer's entries at signing. */
  entries: SignedEntry[];
  /** `approved-before-signatures`: a sign-off made before keys, checked by its hash only. */
  scheme: 'ed25519' | 'approved-before-signatures';
  /** Ed25519 signature (base64) of `document`, the key's fingerprint, a short code to read out. */
  signature: string | null;
  keyFingerprint: string | null;
  verificationCode: string | null;
  /** The canonical JSON that was signed (shared/domain/week-document.ts). */
  document: string | null;
  /** Checked against the recorded key and, for the standing version, the data as it is. */
  valid: boolean;
  problems: string[];
}

/**
 * A worker's week as the review flow sees it (`weeks.get`). For a draft every optional field is
 * null and `signatures` is empty.
 */
export interface WeeklyLog {
  workerId: number;
  weekStart: IsoDate;
  weekEnd: IsoDate;
  status: WeekStatus;
  /**
   * The `weekly_logs.version` column: 1 until the first sign-off; once approved, the version of
   * the latest signature. While amending it is still the signed version (the amendment, when
   * approved, becomes version + 1).
   */
  version: number;
  /** The week has been signed at least once: a submission now is an amendment. */
  signedBefore: boolean;
  submittedAt: string | null;
  submittedByName: string | null;
  /** The latest return, kept while the week is corrected and resubmitted; cleared on approval. */
  returnedAt: string | null;
  returnedByName: string | null;
  returnComment: string | null;
  /** Why the latest amendment was started. */
  amendmentReason: string | null;
  /** Every sign-off, oldest first. */
  signatures: WeekSignature[];
  /** The hash of the entries as they are now, to compare against the signatures. */
  currentHash: string;
  entryCount: number;
  totalMinutes: number;
}

/** A row of the supervisor's review queue: a submitted week waiting for a decision. */
export interface ReviewQueueItem {
  workerId: number;
  workerName: string;
  weekStart: IsoDate;
  submittedAt: string;
  submittedByName: string | null;
  totalMinutes: number;
  entryCount: number;
  /** Whole days since submission. */
  daysWaiting: number;
  isAmendment: boolean;
  amendmentReason: string | null;
  /** Set when the week was returned before and resubmitted. */
  returnComment: string | null;
}

/** A stored week of one worker (`weeks.list`); weeks without a row are drafts. */
export interface WeekListItem {
  weekStart: IsoDate;
  status: Exclude<WeekStatus, 'draft'>;
  version: number;
  submittedAt: string | null;
}

const entryKey = (e: SignedEntry) => canonicalEntries([{ ...e, id: 0 }]);

/**
 * What an amendment changes against a signed version: entries only in the signed version
 * (removed, or the old side of a change) and entries only now (added, or the new side). Equal
 * entries cancel out one for one, so duplicates are counted.
 */
export function diffSignedEntries(
  signed: readonly SignedEntry[],
  current: readonly SignedEntry[],
): { removed: SignedEntry[]; added: SignedEntry[] } {
  const left = new Map<string, number>();
  for (const e of current) left.set(entryKey(e), (left.get(entryKey(e)) ?? 0) + 1);
  const removed: SignedEntry[] = [];
  for (const e of signed) {
    const n = left.get(entryKey(e)) ?? 0;
    if (n > 0) left.set(entryKey(e), n - 1);
    else removed.push(e);
  }
  const added: SignedEntry[] = [];
  const matched = new Map<string, number>();
  for (const e of signed) matched.set(entryKey(e), (matched.get(entryKey(e)) ?? 0) + 1);
  for (const e of current) {
    const n = matched.get(entryKey(e)) ?? 0;
    if (n > 0) matched.set(entryKey(e), n - 1);
    else added.push(e);
  }
  return { removed, added };
}

/** The week as a supervisor had it on screen when they chose to approve it. */
export interface SeenWeek {
  submittedAt: string | null;
  entries: SignedEntry[];
}

const describeEntry = (e: SignedEntry): string =>
  `${formatDayShort(e.date)} ${CATEGORY_LABELS[e.category]} ${formatMinutes(e.minutes)}`;

/**
 * What changed in a week since `seen` (another workstation, or the worker, changed it while the
 * supervisor was reading it), one line each; empty when nothing did.
 */
export function weekChangesSince(
  seen: SeenWeek,
  now: { submittedAt: string | null; entries: readonly SignedEntry[] },
): string[] {
  const { removed, added } = diffSignedEntries(seen.entries, now.entries);
  return [
    ...(seen.submittedAt !== now.submittedAt
      ? [now.submittedAt ? 'it was submitted again' : 'it is no longer submitted']
      : []),
    ...removed.map((e) => `removed or changed: ${describeEntry(e)}`),
    ...added.map((e) => `added or changed: ${describeEntry(e)}`),
  ];
}

/** A supervisor's signing key as their profile shows it; a retired key still verifies. */
export interface SigningKeyInfo {
  id: number;
  supervisorId: number;
  /** Raw Ed25519 public key, base64. */
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  retiredAt: string | null;
  retiredReason: string | null;
}
