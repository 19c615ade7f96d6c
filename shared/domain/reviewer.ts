import type { PacketWeek } from './review-files.js';

/**
 * The reviewer side of offline review (issue 20): a supervisor's own computer holds a reviewer
 * profile instead of a practice. These are the shapes its API answers with; the files it reads
 * and writes are shared/domain/review-files.ts.
 */

export interface ReviewerProfileView {
  reviewerId: string;
  name: string;
  email: string | null;
  createdAt: string;
  /** Over the signing and box public keys: the owner compares it when enrolling this computer. */
  fingerprint: string;
}

export interface ReviewerStatus {
  /** none: no profile in this data folder (first run, or a practice lives here). */
  state: 'none' | 'locked' | 'unlocked';
  /** Why the profile cannot be opened at all (its file is damaged), else null. */
  problem: string | null;
  profile: ReviewerProfileView | null;
  lockReason: string | null;
  idleMinutes: number;
}

export type ReviewAction = 'approve' | 'return';

/** The reviewer's decision on one week, as drafted (kept sealed on disk until the file is saved). */
export interface DraftDecision {
  workerId: number;
  weekStart: string;
  version: number;
  action: ReviewAction;
  comment: string | null;
  signedAt: string | null;
  weekSignature: string | null;
  /** For an approval: the short code printed beside the signature on the practice's PDFs. */
  verificationCode: string | null;
  decidedAt: string;
}

export interface PacketSummary {
  packetId: string;
  practiceId: string;
  practiceName: string;
  practiceFingerprint: string;
  createdAt: string;
  expiresAt: string;
  openedAt: string;
  expired: boolean;
  weeks: number;
  decided: number;
  /** When a decision file was last saved for this packet. */
  savedAt: string | null;
}

/** openPacket's answer: the packet, and whether this was the first packet from that practice. */
export interface OpenedPacket {
  packet: PacketSummary;
  /** True when the practice's keys were pinned now (trust on first use). */
  pinnedNow: boolean;
}

/** One week of a packet as the reviewer sees it, with their draft decision if any. */
export type PacketWeekView = PacketWeek & { decision: DraftDecision | null };

export interface PacketView extends PacketSummary {
  weeks: number;
  items: PacketWeekView[];
}
