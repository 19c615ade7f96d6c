import type { IsoDate } from './dates.js';

/** What the practice's screens show of offline review (issue 20); the files are in review-files.ts. */

/** An enrolment request read and checked, before the owner enrols it. */
export interface EnrolmentPreview {
  fileName: string;
  reviewerId: string;
  name: string;
  email: string | null;
  createdAt: string;
  /** keyPairFingerprint of its two public keys: the reviewer's screen shows the same. */
  fingerprint: string;
  /** Every supervisor, the likely ones (same email, then same name) first. */
  candidates: {
    supervisorId: number;
    name: string;
    email: string | null;
    hasAccount: boolean;
    match: 'email' | 'name' | null;
  }[];
  /** The supervisor this computer is already enrolled for, if any. */
  enrolledFor: number | null;
}

export interface ReviewerEnrolmentView {
  id: number;
  supervisorId: number;
  supervisorName: string;
  reviewerId: string;
  name: string;
  email: string | null;
  fingerprint: string;
  enrolledAt: string;
  revokedAt: string | null;
}

/** A review packet made: the file for the renderer to save, and what it holds. */
export interface PacketExport {
  fileName: string;
  mimeType: string;
  base64: string;
  packetId: string;
  expiresAt: string;
  weeks: { workerId: number; workerName: string; weekStart: IsoDate; version: number }[];
}

/** One decision of a decision file, as the import would apply it or why it will not. */
export interface DecisionPreviewRow {
  workerId: number;
  workerName: string;
  weekStart: IsoDate;
  version: number;
  action: 'approve' | 'return';
  comment: string | null;
  /** 'apply': it will be applied; 'refuse': it will not, for `reason`. */
  outcome: 'apply' | 'refuse';
  reason: string | null;
}

export interface DecisionPreview {
  fileName: string;
  decisionId: string;
  packetId: string;
  supervisorId: number;
  supervisorName: string;
  reviewerName: string;
  createdAt: string;
  rows: DecisionPreviewRow[];
}

export interface DecisionImportResult extends DecisionPreview {
  applied: number;
  refused: number;
}
