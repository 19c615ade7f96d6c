import { randomUUID } from 'node:crypto';
import {
  makeEnrolmentRequest,
  newBoxKeyPair,
  openEnvelope,
  sealEnvelope,
  verifyEnvelope,
} from '../../main/platform/review-crypto.js';
import { newSigningKeyPair, signText } from '../../main/platform/signing.js';
import {
  approvedDocument,
  packetContentSchema,
  packetFileSchema,
  type DecisionContent,
  type DecisionHeader,
  type PacketContent,
  type PacketFile,
} from '../../shared/domain/review-files.js';
import { canonicalJson } from '../../shared/domain/week-document.js';

/** Cheap scrypt for the sealed signing key in tests; the app uses N=2^17. */
export const CHEAP_KDF = { N: 1024, r: 8, p: 1 };

export const b64 = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64');

/**
 * A supervisor's reviewer computer as the practice's tests need it: its keys, its enrolment
 * request, opening a packet and making a decision file, with main/platform/review-crypto.ts as
 * the reviewer side does (no database, no app).
 */
export async function reviewerComputer(name: string, email: string | null, password: string) {
  const signing = newSigningKeyPair();
  const box = newBoxKeyPair();
  const reviewerId = randomUUID();
  const request = await makeEnrolmentRequest({
    reviewerId,
    name,
    email,
    createdAt: '2026-11-20T09:00:00.000Z',
    signingPrivateKey: signing.privateKey,
    boxPublicKey: box.publicKey,
    password,
    kdf: CHEAP_KDF,
  });

  function openPacket(base64: string): { file: PacketFile; content: PacketContent } {
    const file = packetFileSchema.parse(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')));
    if (!verifyEnvelope(file, file.header.practiceSigningKey))
      throw new Error('the packet is not signed by its practice key');
    const content = packetContentSchema.parse(openEnvelope(file, box.privateKey));
    return { file, content };
  }

  /** Approves (signing the document as the workstation would) or returns each week. */
  function decide(
    packet: { file: PacketFile; content: PacketContent },
    choices: {
      weekStart: string;
      workerId: number;
      action: 'approve' | 'return';
      comment?: string;
    }[],
    signedAt: string,
    override: { header?: Partial<DecisionHeader>; signWith?: Buffer; sealTo?: string } = {},
  ) {
    const decisions: DecisionContent['decisions'] = choices.map((c) => {
      const week = packet.content.weeks.find(
        (w) => w.weekStart === c.weekStart && w.workerId === c.workerId,
      );
      if (!week) throw new Error(`no week ${c.weekStart} in the packet`);
      if (c.action === 'return')
        return {
          workerId: week.workerId,
          weekStart: week.weekStart,
          version: week.version,
          action: 'return',
          comment: c.comment ?? null,
          signedAt: null,
          weekSignature: null,
        };
      const document = approvedDocument(week.document, signedAt);
      return {
        workerId: week.workerId,
        weekStart: week.weekStart,
        version: week.version,
        action: 'approve',
        comment: null,
        signedAt,
        weekSignature: signText(signing.privateKey, canonicalJson(document)),
      };
    });
    const header: DecisionHeader = {
      format: 'hourkeep-review-decisions',
      version: 1,
      decisionId: randomUUID(),
      packetId: packet.file.header.packetId,
      practiceId: packet.file.header.practiceId,
      reviewerId,
      supervisorId: packet.file.header.supervisorId,
      createdAt: signedAt,
      ...override.header,
    };
    const envelope = sealEnvelope(
      header,
      { decisions },
      override.sealTo ?? packet.file.header.practiceBoxKey,
      override.signWith ?? signing.privateKey,
    );
    return { envelope, decisions, base64: b64(envelope) };
  }

  return { signing, box, reviewerId, request, requestBase64: b64(request), openPacket, decide };
}

export type ReviewerComputer = Awaited<ReturnType<typeof reviewerComputer>>;
