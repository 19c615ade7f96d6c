import { z } from 'zod';
import { HOUR_CATEGORIES } from './categories.js';
import { WEEK_DOCUMENT_FORMAT, canonicalJson, type WeekDocument } from './week-document.js';

/**
 * The three files of offline review (issue 20), exchanged between the practice's workstation
 * and a supervisor's own computer by whatever carries files (USB stick, email, a shared folder):
 *
 * - `.hkenrol`    enrolment request: the reviewer's public keys, signed by their signing key;
 * - `.hkpacket`   review packet: submitted weeks, sealed to the reviewer, signed by the practice;
 * - `.hkdecision` decision file: approvals and returns, sealed to the practice, signed by the
 *                 reviewer.
 *
 * A packet and a decision file are envelopes `{ header, box, signature }`: the header travels in
 * clear (who, what, when, which keys) and is the sealed box's additional data, so changing it
 * breaks the GCM tag; the signature covers the canonical JSON of `{ header, box }`. The crypto
 * is in main/platform/review-crypto.ts; this module is only shapes and bytes, so both the
 * practice and the reviewer side check a file with the same schemas.
 */

export const ENROLMENT_FORMAT = 'hourkeep-reviewer-enrolment';
export const PACKET_FORMAT = 'hourkeep-review-packet';
export const DECISIONS_FORMAT = 'hourkeep-review-decisions';
export const REVIEW_FILES_VERSION = 1;

export const ENROLMENT_EXTENSION = '.hkenrol';
export const PACKET_EXTENSION = '.hkpacket';
export const DECISIONS_EXTENSION = '.hkdecision';

/** HKDF info of every sealed box (the salt is the file's own id). */
export const REVIEW_BOX_INFO = 'hourkeep review file v1';

/** A packet lives 1 to 90 days; 30 unless the exporter says otherwise. */
export const PACKET_EXPIRY_DAYS = { min: 1, max: 90, default: 30 } as const;

// Base64 of exactly 32 bytes (a raw Ed25519 or X25519 public key) and of 64 bytes (a signature):
// checked by shape here, since shared code has no Buffer.
const KEY_32 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
const SIG_64 = /^[A-Za-z0-9+/]{85}[AQgw]==$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const publicKey32 = () => z.string().regex(KEY_32, 'must be a 32-byte key in base64');
const signature64 = () => z.string().regex(SIG_64, 'must be a 64-byte signature in base64');
const base64 = () => z.string().max(50_000_000).regex(BASE64, 'must be base64');
const uuid = () => z.uuid({ error: 'must be a UUID' });
const moment = () => z.iso.datetime({ offset: true, error: 'must be an ISO date and time' });
const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)');
const name = () => z.string().min(1).max(200);

/** AES-256-GCM under a key from ECDH(ephemeral, recipient) → HKDF-SHA256. */
export const sealedBoxSchema = z
  .object({
    ephemeralPublicKey: publicKey32(),
    iv: z.string().regex(/^[A-Za-z0-9+/]{16}$/, 'must be a 12-byte IV in base64'),
    ciphertext: base64(),
    tag: z.string().regex(/^[A-Za-z0-9+/]{21}[AQgw]==$/, 'must be a 16-byte tag in base64'),
  })
  .strict();
export type SealedBox = z.infer<typeof sealedBoxSchema>;

/** A secret sealed under scrypt(password) with AES-256-GCM; the parameters travel with it. */
export const passwordSealedSchema = z
  .object({
    kdf: z.literal('scrypt'),
    // Bounded: a file names its own cost, and opening it must not take gigabytes or minutes
    // (the app's own parameters, N=2^17 r=8 p=1, are the ceiling; tests use cheaper ones).
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 17)
      .refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
    r: z.number().int().min(1).max(8),
    p: z.number().int().min(1).max(1),
    salt: base64(),
    iv: base64(),
    tag: base64(),
    data: base64(),
  })
  .strict();
export type PasswordSealed = z.infer<typeof passwordSealedSchema>;

// ---------------------------------------------------------------- 1. enrolment request

export const enrolmentRequestSchema = z
  .object({
    format: z.literal(ENROLMENT_FORMAT),
    version: z.literal(REVIEW_FILES_VERSION),
    reviewerId: uuid(),
    name: name(),
    email: z.email().max(254).nullable(),
    createdAt: moment(),
    signingPublicKey: publicKey32(),
    boxPublicKey: publicKey32(),
    /** The Ed25519 private key (PKCS#8), sealed under the reviewer's password. */
    sealedSigningKey: passwordSealedSchema,
    /** Ed25519 by signingPublicKey over enrolmentSignedText(this). */
    signature: signature64(),
  })
  .strict();
export type EnrolmentRequest = z.infer<typeof enrolmentRequestSchema>;

/** The bytes an enrolment request's signature covers: every field but the signature. */
export function enrolmentSignedText(request: Omit<EnrolmentRequest, 'signature'>): string {
  const rest: Record<string, unknown> = { ...request };
  delete rest.signature;
  return canonicalJson(rest);
}

/** Additional data binding a sealed signing key to the reviewer and key it belongs to. */
export const signingKeyAad = (reviewerId: string, signingPublicKey: string): string =>
  canonicalJson({ purpose: 'hourkeep reviewer signing key', reviewerId, signingPublicKey });

// ---------------------------------------------------------------- 2. review packet

export const packetHeaderSchema = z
  .object({
    format: z.literal(PACKET_FORMAT),
    version: z.literal(REVIEW_FILES_VERSION),
    packetId: uuid(),
    practiceId: z.string().min(1).max(100),
    practiceName: z.string().max(200),
    practiceSigningKey: publicKey32(),
    practiceBoxKey: publicKey32(),
    reviewerId: uuid(),
    supervisorId: z.number().int().positive(),
    createdAt: moment(),
    expiresAt: moment(),
  })
  .strict();
export type PacketHeader = z.infer<typeof packetHeaderSchema>;

export const signedWeekEntrySchema = z
  .object({
    id: z.number().int().positive(),
    date: day(),
    site: z.string(),
    category: z.enum(HOUR_CATEGORIES),
    minutes: z.number().int().nonnegative(),
    noteSha256: z.string().nullable(),
  })
  .strict();

const totalsSchema = z
  .object({
    minutes: z.number().int().nonnegative(),
    entries: z.number().int().nonnegative(),
    byCategory: z.record(z.string(), z.number().int().nonnegative()),
  })
  .strict();

/** The WeekDocument of shared/domain/week-document.ts, as a schema (checked: see the type test). */
export const weekDocumentSchema = z
  .object({
    format: z.literal(WEEK_DOCUMENT_FORMAT),
    practice: z.object({ id: z.string(), name: z.string() }).strict(),
    worker: z
      .object({ id: z.number().int(), name: z.string(), registrationNumber: z.string().nullable() })
      .strict(),
    week: z.object({ start: day(), end: day() }).strict(),
    version: z.number().int().positive(),
    supervisor: z
      .object({
        id: z.number().int(),
        name: z.string(),
        licenseType: z.string(),
        licenseNumber: z.string(),
        licenseState: z.string(),
      })
      .strict(),
    entries: z.array(signedWeekEntrySchema),
    totals: totalsSchema,
    weekTotals: z
      .object({ minutes: z.number().int().nonnegative(), entries: z.number().int().nonnegative() })
      .strict(),
    signedAt: z.string(),
    previous: z.object({ version: z.number().int(), signature: z.string() }).strict().nullable(),
  })
  .strict();
// Fails to compile if the schema and the interface drift apart.
const _sameDocument: (d: z.infer<typeof weekDocumentSchema>) => WeekDocument = (d) => d;
const _sameDocumentBack: (d: WeekDocument) => z.infer<typeof weekDocumentSchema> = (d) => d;
void _sameDocument;
void _sameDocumentBack;

export const packetWeekSchema = z
  .object({
    workerId: z.number().int().positive(),
    workerName: z.string(),
    weekStart: day(),
    /** The version the approval will create (the document's version). */
    version: z.number().int().positive(),
    /** The document the supervisor signs, `signedAt` left empty for the reviewer to fill. */
    document: weekDocumentSchema,
    /** The whole week's totals (every supervisor's entries). */
    totals: totalsSchema,
    /** The licence pack's warnings for that week, as text. */
    warnings: z.array(z.string()),
    comments: z.array(z.object({ author: z.string(), at: z.string(), text: z.string() }).strict()),
    earlierVersions: z.array(
      z
        .object({
          version: z.number().int(),
          signer: z.string(),
          signedAt: z.string(),
          summary: z.string(),
        })
        .strict(),
    ),
  })
  .strict();
export type PacketWeek = z.infer<typeof packetWeekSchema>;

export const packetContentSchema = z.object({ weeks: z.array(packetWeekSchema) }).strict();
export type PacketContent = z.infer<typeof packetContentSchema>;

export const packetFileSchema = z
  .object({ header: packetHeaderSchema, box: sealedBoxSchema, signature: signature64() })
  .strict();
export type PacketFile = z.infer<typeof packetFileSchema>;

// ---------------------------------------------------------------- 3. decision file

export const decisionHeaderSchema = z
  .object({
    format: z.literal(DECISIONS_FORMAT),
    version: z.literal(REVIEW_FILES_VERSION),
    decisionId: uuid(),
    packetId: uuid(),
    practiceId: z.string().min(1).max(100),
    reviewerId: uuid(),
    supervisorId: z.number().int().positive(),
    createdAt: moment(),
  })
  .strict();
export type DecisionHeader = z.infer<typeof decisionHeaderSchema>;

export const decisionSchema = z
  .object({
    workerId: z.number().int().positive(),
    weekStart: day(),
    version: z.number().int().positive(),
    action: z.enum(['approve', 'return']),
    comment: z.string().max(2000).nullable(),
    /** For 'approve': the moment written into the document's signedAt before signing. */
    signedAt: z.string().nullable(),
    /** For 'approve': Ed25519 over canonicalJson(approvedDocument(week.document, signedAt)). */
    weekSignature: signature64().nullable(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.action === 'return' && !d.comment?.trim())
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'a return needs a comment' });
    if (d.action === 'approve' && (d.signedAt === null || d.weekSignature === null))
      ctx.addIssue({
        code: 'custom',
        path: ['weekSignature'],
        message: 'an approval needs signedAt and weekSignature',
      });
  });
export type Decision = z.infer<typeof decisionSchema>;

export const decisionContentSchema = z.object({ decisions: z.array(decisionSchema) }).strict();
export type DecisionContent = z.infer<typeof decisionContentSchema>;

export const decisionFileSchema = z
  .object({ header: decisionHeaderSchema, box: sealedBoxSchema, signature: signature64() })
  .strict();
export type DecisionFile = z.infer<typeof decisionFileSchema>;

// ---------------------------------------------------------------- bytes

/** The sealed box's additional data: the header, canonically. */
export const headerAad = (header: PacketHeader | DecisionHeader): string => canonicalJson(header);

/** The bytes an envelope's signature covers: header and box, canonically. */
export const envelopeSignedText = (envelope: {
  header: PacketHeader | DecisionHeader;
  box: SealedBox;
}): string => canonicalJson({ header: envelope.header, box: envelope.box });

/** The id a file's box uses as HKDF salt. */
export const fileIdOf = (header: PacketHeader | DecisionHeader): string =>
  header.format === PACKET_FORMAT ? header.packetId : header.decisionId;

/** The document an approval signs: the packet's document with the moment of signing filled in. */
export const approvedDocument = (document: WeekDocument, signedAt: string): WeekDocument => ({
  ...document,
  signedAt,
});

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'file';

export const enrolmentFileName = (reviewerName: string): string =>
  `${slug(reviewerName)}${ENROLMENT_EXTENSION}`;
export const packetFileName = (practice: string, supervisor: string, date: string): string =>
  `${slug(practice)}-${slug(supervisor)}-${date}${PACKET_EXTENSION}`;
export const decisionFileName = (supervisor: string, date: string): string =>
  `${slug(supervisor)}-${date}${DECISIONS_EXTENSION}`;
