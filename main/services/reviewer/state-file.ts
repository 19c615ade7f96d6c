import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { seal, unseal, wipe } from '../../platform/crypto.js';
import { writeFileAtomic } from '../../platform/atomic-file.js';

/**
 * `reviewer-state.json`: what the reviewer has done, sealed (AES-256-GCM) under the profile's
 * data key, which is in memory only while the profile is unlocked: the practices' pinned keys
 * (trust on first use), the packets opened, and the draft decisions with their signatures.
 */
export const STATE_FILE = 'reviewer-state.json';

const draftSchema = z
  .object({
    workerId: z.number().int(),
    weekStart: z.string(),
    version: z.number().int(),
    action: z.enum(['approve', 'return']),
    comment: z.string().nullable(),
    signedAt: z.string().nullable(),
    weekSignature: z.string().nullable(),
    verificationCode: z.string().nullable(),
    decidedAt: z.string(),
  })
  .strict();

const pinSchema = z
  .object({
    practiceName: z.string(),
    signingKey: z.string(),
    boxKey: z.string(),
    fingerprint: z.string(),
    pinnedAt: z.string(),
  })
  .strict();

const packetRecordSchema = z
  .object({
    practiceId: z.string(),
    practiceName: z.string(),
    supervisorId: z.number().int(),
    createdAt: z.string(),
    expiresAt: z.string(),
    openedAt: z.string(),
    weeks: z.number().int(),
    savedAt: z.string().nullable(),
    drafts: z.array(draftSchema),
  })
  .strict();

export const stateSchema = z
  .object({
    pins: z.record(z.string(), pinSchema),
    packets: z.record(z.string(), packetRecordSchema),
  })
  .strict();
export type ReviewerState = z.infer<typeof stateSchema>;
export type PacketRecord = z.infer<typeof packetRecordSchema>;
export type PracticePin = z.infer<typeof pinSchema>;

const EMPTY: ReviewerState = { pins: {}, packets: {} };
const aad = (reviewerId: string) => `hourkeep reviewer state v1 ${reviewerId}`;
const statePath = (dataFolder: string) => join(dataFolder, STATE_FILE);

export async function readState(
  dataFolder: string,
  dataKey: Buffer,
  reviewerId: string,
): Promise<ReviewerState> {
  let text: string;
  try {
    text = await readFile(statePath(dataFolder), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY);
    throw err;
  }
  const damaged = new AppError(
    'conflict',
    `${STATE_FILE} in the data folder is damaged or was changed outside Hourkeep; the opened packets and drafts cannot be read.`,
  );
  let sealed: { iv: string; tag: string; data: string };
  try {
    sealed = z
      .object({ iv: z.string(), tag: z.string(), data: z.string() })
      .strict()
      .parse(JSON.parse(text));
  } catch {
    throw damaged;
  }
  const plain = unseal(dataKey, sealed, aad(reviewerId));
  if (!plain) throw damaged;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(plain.toString('utf8')));
    if (!parsed.success) throw damaged;
    return parsed.data;
  } finally {
    wipe(plain);
  }
}

export async function writeState(
  dataFolder: string,
  dataKey: Buffer,
  reviewerId: string,
  state: ReviewerState,
): Promise<void> {
  const plain = Buffer.from(JSON.stringify(state), 'utf8');
  const sealed = seal(dataKey, plain, aad(reviewerId));
  wipe(plain);
  await writeFileAtomic(statePath(dataFolder), JSON.stringify(sealed));
}
