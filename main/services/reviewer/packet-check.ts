import { AppError } from '../../../shared/errors.js';
import {
  PACKET_FORMAT,
  packetContentSchema,
  packetFileSchema,
  type PacketContent,
  type PacketFile,
} from '../../../shared/domain/review-files.js';
import { formatDate } from '../../../shared/domain/format.js';
import { keyPairFingerprint, openEnvelope, verifyEnvelope } from '../../platform/review-crypto.js';
import type { PracticePin } from './state-file.js';

export interface CheckedPacket {
  file: PacketFile;
  content: PacketContent;
  /** The practice's keys' fingerprint (review-crypto's keyPairFingerprint). */
  fingerprint: string;
}

export interface PacketCheckContext {
  /** The file's name as chosen, for the messages. */
  fileName: string;
  reviewerId: string;
  boxPrivateKey: Buffer;
  now: Date;
  /** The keys pinned for the packet's practice, if any packet from it was opened before. */
  pinOf(practiceId: string): PracticePin | undefined;
}

const refuse = (fileName: string, why: string) =>
  new AppError('validation', `${fileName}: ${why}`, { file: why });

/** The first zod problem, as "header.expiresAt: must be an ISO date and time". */
function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not have the expected fields';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Everything a packet must pass before the reviewer sees a week of it, in the order that gives
 * the most useful reason: a file that is not a packet, one cut short or damaged, one for someone
 * else, one from a practice whose keys differ from those pinned, one changed since it was
 * signed, one expired, one that does not decrypt. Throws a `validation` AppError naming the file
 * and the reason; nothing is stored by this function.
 */
export function checkPacket(text: string, ctx: PacketCheckContext): CheckedPacket {
  const { fileName } = ctx;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse(
      fileName,
      'this is not a review packet, or it is cut short (it is not complete JSON). Ask the practice to send the .hkpacket file again.',
    );
  }
  const format = (json as { header?: { format?: unknown } } | null)?.header?.format;
  if (format !== PACKET_FORMAT)
    throw refuse(
      fileName,
      typeof format === 'string'
        ? `this is a ${format} file, not a review packet.`
        : 'this is not a review packet (.hkpacket).',
    );
  const parsed = packetFileSchema.safeParse(json);
  if (!parsed.success)
    throw refuse(fileName, `the packet is damaged or cut short (${firstIssue(parsed.error)}).`);
  const file = parsed.data;
  const { header } = file;
  if (header.reviewerId !== ctx.reviewerId)
    throw refuse(
      fileName,
      `this packet is for another reviewer (reviewer id ${header.reviewerId}), not for this computer's profile. It cannot be opened here.`,
    );
  const fingerprint = keyPairFingerprint(header.practiceSigningKey, header.practiceBoxKey);
  const pin = ctx.pinOf(header.practiceId);
  if (pin && (pin.signingKey !== header.practiceSigningKey || pin.boxKey !== header.practiceBoxKey))
    throw refuse(
      fileName,
      `this packet says it is from ${header.practiceName || 'a practice'} (practice id ${header.practiceId}), but its keys (fingerprint ${fingerprint}) are not the ones pinned from that practice's first packet (${pin.fingerprint}). It was refused: ask the practice owner whether their keys changed.`,
    );
  if (!verifyEnvelope(file, header.practiceSigningKey))
    throw refuse(
      fileName,
      'the packet was changed after the practice made it (its signature does not match). Ask the practice to send it again.',
    );
  if (new Date(header.expiresAt).getTime() <= ctx.now.getTime())
    throw refuse(
      fileName,
      `this packet expired on ${formatDate(header.expiresAt.slice(0, 10))}. Ask the practice for a new one.`,
    );
  const plain = openEnvelope(file, ctx.boxPrivateKey);
  if (plain === null)
    throw refuse(
      fileName,
      "the packet could not be decrypted with this profile's key (it was changed, or sealed to another key).",
    );
  const content = packetContentSchema.safeParse(plain);
  if (!content.success)
    throw refuse(fileName, `the packet's contents are not valid (${firstIssue(content.error)}).`);
  const foreign = content.data.weeks.find(
    (w) =>
      w.document.practice.id !== header.practiceId ||
      w.document.supervisor.id !== header.supervisorId,
  );
  if (foreign)
    throw refuse(
      fileName,
      `the week of ${foreign.workerName} starting ${foreign.weekStart} names another practice or supervisor than the packet.`,
    );
  return { file, content: content.data, fingerprint };
}
