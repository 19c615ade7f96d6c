import { randomUUID } from 'node:crypto';
import {
  DECISIONS_FORMAT,
  REVIEW_FILES_VERSION,
  approvedDocument,
  decisionFileName,
  type DecisionHeader,
  type PacketFile,
  type PacketWeek,
} from '../../../shared/domain/review-files.js';
import type { DraftDecision } from '../../../shared/domain/reviewer.js';
import { canonicalJson } from '../../../shared/domain/week-document.js';
import { sealEnvelope } from '../../platform/review-crypto.js';
import { signText, verificationCode } from '../../platform/signing.js';

/**
 * Approving signs the week's document with signedAt filled in: the same canonical bytes, the
 * same Ed25519 signature the workstation's sign-off makes (weekSignatures.sign), so the practice
 * stores it as an ordinary sign-off and every existing check accepts it.
 */
export function approveWeek(week: PacketWeek, signingPrivateKey: Buffer, at: Date): DraftDecision {
  const signedAt = at.toISOString();
  const weekSignature = signText(
    signingPrivateKey,
    canonicalJson(approvedDocument(week.document, signedAt)),
  );
  return {
    workerId: week.workerId,
    weekStart: week.weekStart,
    version: week.version,
    action: 'approve',
    comment: null,
    signedAt,
    weekSignature,
    verificationCode: verificationCode(weekSignature),
    decidedAt: signedAt,
  };
}

export const returnWeek = (week: PacketWeek, comment: string, at: Date): DraftDecision => ({
  workerId: week.workerId,
  weekStart: week.weekStart,
  version: week.version,
  action: 'return',
  comment,
  signedAt: null,
  weekSignature: null,
  verificationCode: null,
  decidedAt: at.toISOString(),
});

/**
 * The decision file: the drafts sealed to the practice's box key from the packet (only the
 * practice opens it) and signed with the reviewer's key (the practice checks it against the
 * key it enrolled).
 */
export function decisionFile(input: {
  packet: PacketFile;
  drafts: readonly DraftDecision[];
  reviewerName: string;
  signingPrivateKey: Buffer;
  at: Date;
}): { fileName: string; base64: string; decisionId: string } {
  const { header } = input.packet;
  const decisionHeader: DecisionHeader = {
    format: DECISIONS_FORMAT,
    version: REVIEW_FILES_VERSION,
    decisionId: randomUUID(),
    packetId: header.packetId,
    practiceId: header.practiceId,
    reviewerId: header.reviewerId,
    supervisorId: header.supervisorId,
    createdAt: input.at.toISOString(),
  };
  const decisions = input.drafts.map((d) => ({
    workerId: d.workerId,
    weekStart: d.weekStart,
    version: d.version,
    action: d.action,
    comment: d.comment,
    signedAt: d.signedAt,
    weekSignature: d.weekSignature,
  }));
  const envelope = sealEnvelope(
    decisionHeader,
    { decisions },
    header.practiceBoxKey,
    input.signingPrivateKey,
  );
  return {
    fileName: decisionFileName(input.reviewerName, decisionHeader.createdAt.slice(0, 10)),
    base64: Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64'),
    decisionId: decisionHeader.decisionId,
  };
}
