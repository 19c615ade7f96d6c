import type { HourCategory } from './categories.js';
import type { IsoDate } from './dates.js';

/** Shapes returned by the API. Plain data only: they cross the IPC boundary as structured clones. */

export interface Practice {
  id: number;
  name: string;
  createdAt: string;
}

export interface Site {
  id: number;
  name: string;
  address: string | null;
  phone: string | null;
  active: boolean;
}

export const LICENSE_TYPES = [
  'LMFT',
  'LCSW',
  'LPCC',
  'LPC',
  'Psychologist',
  'Psychiatrist',
] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];

export interface Supervisor {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  licenseType: LicenseType;
  licenseNumber: string;
  licenseState: string;
  licenseExpires: IsoDate;
  active: boolean;
}

/**
 * A supervisor as `supervisors.list` shows them: in full to the owner and supervisors; to a
 * worker only their own supervisors (any assignment, current or past), by name and licence,
 * without contact details or the licence's expiry.
 */
export type SupervisorListItem = Omit<Supervisor, 'email' | 'phone' | 'licenseExpires'> &
  Partial<Pick<Supervisor, 'email' | 'phone' | 'licenseExpires'>>;

export interface Worker {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  title: string | null;
  registrationNumber: string | null;
  registrationExpires: IsoDate | null;
  startDate: IsoDate;
  /** The last day at the practice, once the worker has left; null while employed. */
  endDate: IsoDate | null;
  /** Education, as the boards' experience verification forms ask for it. */
  degree: string | null;
  school: string | null;
  graduationDate: IsoDate | null;
  active: boolean;
}

export interface Assignment {
  id: number;
  workerId: number;
  supervisorId: number;
  siteId: number;
  startDate: IsoDate;
  endDate: IsoDate | null;
  agreementSignedOn: IsoDate | null;
}

export interface HourEntry {
  id: number;
  workerId: number;
  date: IsoDate;
  siteId: number;
  supervisorId: number;
  category: HourCategory;
  minutes: number;
  note: string | null;
  /** Set when the entry comes from a supervision session, which is where it is edited. */
  sessionId: number | null;
}

export interface WeekView {
  workerId: number;
  weekStart: IsoDate;
  days: IsoDate[];
  entries: HourEntry[];
  /** Minutes per category; every category present, zero when nothing was logged. */
  totals: Record<HourCategory, number>;
  /** Minutes per day, keyed by date. */
  dayTotals: Record<IsoDate, number>;
  totalMinutes: number;
}

export type UserRole = 'owner' | 'supervisor' | 'worker';

export interface UserAccount {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  workerId: number | null;
  supervisorId: number | null;
  disabled: boolean;
  lockedUntil: string | null;
}

/** Where the workstation stands, for the renderer to pick its screen. */
/**
 * setup: first run. converting: an installation from before encryption is being converted.
 * key-needed: the recovery code is needed (new keychain, or a conversion without its key).
 * damaged: a file is damaged or missing; the message says which and what to do.
 */
/** `reviewer`: this data folder holds a reviewer profile, not a practice (issue 20). */
export type AuthPhase =
  | 'setup'
  | 'reviewer'
  | 'converting'
  | 'key-needed'
  | 'damaged'
  | 'signed-out'
  | 'locked'
  | 'active';

export interface AuthStatus {
  phase: AuthPhase;
  practiceName: string | null;
  user: Omit<UserAccount, 'disabled' | 'lockedUntil'> | null;
  /** Why the data key could not be read from the keychain, in words for the owner. */
  keychainMessage: string | null;
  lockReason: string | null;
  idleMinutes: number;
  /** The conversion to an encrypted database while it runs: `done` of `total` bytes. */
  conversion: { done: number; total: number; message: string | null } | null;
  /** Where the practice's records are: this workstation's file, or the practice's server. */
  kept: 'file' | 'server';
}

export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string | null;
  entityId: number | null;
  subjectType: string | null;
  subjectId: number | null;
  before: string | null;
  after: string | null;
  detail: string | null;
  /** When the person the row named was deleted and their data removed from it (sealed). */
  redactedAt: string | null;
}

/** The audit chain's verdict. */
export type AuditChainVerdict =
  | { intact: true; rows: number }
  | { intact: false; rows: number; firstBrokenId: number; reason: string };

/** One week sign-off that failed its check, naming the week and what differs. */
export interface BrokenSignature {
  workerId: number;
  weekStart: string;
  version: number;
  signerName: string;
  problems: string[];
}

/** Every week sign-off checked: Ed25519 ones against their key and the data, older by hash. */
export interface SignaturesVerdict {
  checked: number;
  signed: number;
  beforeSignatures: number;
  broken: BrokenSignature[];
}

/** Admin → Audit trail's one run: the chain and every week signature. */
export type AuditVerifyResult = AuditChainVerdict & {
  /** The chain was walked from the row after this one (0: from the start). */
  resumedAfter: number;
  signatures: SignaturesVerdict;
};
