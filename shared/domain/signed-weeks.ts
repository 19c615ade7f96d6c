import type { IsoDate } from './dates.js';
import type { SignedWeekEntry, WeekDocument } from './week-document.js';

/**
 * The signed weeks a file carries, so that anyone can check them without Hourkeep's database:
 * embedded in the weekly-log and experience-summary PDFs as an attached file, and inside the
 * person-record JSON export. Each sign-off travels with the exact bytes that were signed, the
 * Ed25519 signature and the public key; beside them, the figures the file shows, so a checker
 * can say which week and which field no longer match what was signed.
 */
export const SIGNED_WEEKS_FORMAT = 'hourkeep.signed-weeks/1';
/** The attachment's name inside a PDF. */
export const SIGNED_WEEKS_FILE_NAME = 'hourkeep-signed-weeks.json';

/** One sign-off, as signed. */
export interface SignedWeekSignOff {
  scheme: 'Ed25519';
  /** The canonical JSON of the week document, exactly the bytes signed (UTF-8). */
  document: string;
  /** Ed25519 signature of `document`, base64. */
  signature: string;
  /** The signer's raw 32-byte public key, base64. */
  publicKey: string;
  /** fingerprintOf(publicKey), as printed on the page and the signer's profile. */
  fingerprint: string;
  /** verificationCode(signature), as printed on the page. */
  verificationCode: string;
}

/** A sign-off made before signatures: only its entries hash was kept. */
export interface LegacySignOff {
  scheme: 'approved-before-signatures';
  version: number;
  supervisorId: number;
  signerName: string;
  signedAt: string;
  entriesHash: string;
}

/** An entry as the file shows it: the fields a week document signs, and whose it is. */
export interface ShownEntry extends SignedWeekEntry {
  supervisorId: number;
  /** Only where the file holds notes anyway (a worker's record): checks pre-signature weeks. */
  note?: string | null;
  siteId?: number;
}

/** The figures a file shows of one week; only the fields given are compared. */
export interface ShownWeek {
  worker: Partial<WeekDocument['worker']> & { id: number };
  supervisors: (Partial<WeekDocument['supervisor']> & { id: number })[];
  entries: ShownEntry[];
}

export interface SignedWeeksWeek {
  workerId: number;
  workerName: string;
  weekStart: IsoDate;
  /** The week's review status when the file was made. */
  status: string;
  /** The week's standing version: the sign-offs of this version must match `shown`. */
  version: number;
  signOffs: SignedWeekSignOff[];
  approvedBeforeSignatures: LegacySignOff[];
  /** What the file shows of the week; null when the file shows no figures for it. */
  shown: ShownWeek | null;
}

export interface SignedWeeksFile {
  format: typeof SIGNED_WEEKS_FORMAT;
  practice: string;
  /** What the file is: `weekly-log`, `experience-summary`. */
  document: string;
  generatedAt: string;
  weeks: SignedWeeksWeek[];
}

/** The text to attach: indented, so a person opening the attachment can read it. */
export const signedWeeksJson = (file: SignedWeeksFile): string =>
  `${JSON.stringify(file, null, 2)}\n`;

/** What a check of a file found (main/platform/signed-file.ts). */
export type SignOffStatus =
  'ok' | 'differs' | 'signature-invalid' | 'unknown-key' | 'approved-before-signatures';

export interface SignOffResult {
  scheme: 'Ed25519' | 'approved-before-signatures';
  version: number;
  supervisorId: number;
  signerName: string;
  signedAt: string;
  fingerprint: string | null;
  verificationCode: string | null;
  status: SignOffStatus;
  /** Each thing wrong, naming the week and the field. Empty when ok. */
  problems: string[];
}

export interface WeekResult {
  workerId: number;
  workerName: string;
  weekStart: IsoDate;
  status: string;
  version: number;
  ok: boolean;
  signOffs: SignOffResult[];
  /** Problems of the week as a whole (hours nobody signed). */
  problems: string[];
}

export interface FileVerification {
  fileName: string;
  kind: 'pdf' | 'json' | 'unknown';
  /** What the file says it is: `weekly-log`, `experience-summary`, `person-record`. */
  document: string | null;
  /** True only when there is something to check and every check passed. */
  ok: boolean;
  weeks: WeekResult[];
  /** Problems with the file itself (unreadable, no signed weeks). */
  problems: string[];
}

export interface KnownKey {
  supervisorId: number;
  publicKey: string;
}
