import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { enrolmentRequestSchema } from '../../../shared/domain/review-files.js';
import { writeFileAtomic } from '../../platform/atomic-file.js';

/**
 * `reviewer.json`: a reviewer's profile in their data folder, in place of a practice. Public
 * keys and names in clear; the private keys and the profile's data key sealed under a key from
 * the password AND this computer's keychain secret (profile-keys.ts), so the file copied
 * elsewhere, or read here without the password, opens nothing.
 */
export const PROFILE_FILE = 'reviewer.json';
export const PROFILE_FORMAT = 'hourkeep-reviewer-profile';

const b64 = () => z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const profileSchema = z
  .object({
    format: z.literal(PROFILE_FORMAT),
    version: z.literal(1),
    reviewerId: z.uuid(),
    name: z.string().min(1).max(200),
    email: z.string().max(254).nullable(),
    createdAt: z.string(),
    signingPublicKey: b64(),
    boxPublicKey: b64(),
    /** The keychain entry holding this profile's computer-bound secret. */
    keychainAccount: z.string().min(1).max(200),
    kdf: z
      .object({
        N: z
          .number()
          .int()
          .min(2)
          .max(2 ** 20),
        r: z.number().int().min(1).max(32),
        p: z.number().int().min(1).max(16),
        salt: b64(),
      })
      .strict(),
    /** AES-256-GCM of the private keys and data key; the AAD is the public part (publicPart). */
    sealedKeys: z.object({ iv: b64(), tag: b64(), data: b64() }).strict(),
    /** The enrolment request, made at creation and again with a new password (it needs it). */
    enrolment: enrolmentRequestSchema,
  })
  .strict();
export type ReviewerProfile = z.infer<typeof profileSchema>;

export const profilePath = (dataFolder: string) => join(dataFolder, PROFILE_FILE);

/** The profile, null when there is none; a file that is not one is said plainly. */
export async function readProfile(dataFolder: string): Promise<ReviewerProfile | null> {
  let text: string;
  try {
    text = await readFile(profilePath(dataFolder), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError(
      'conflict',
      `${PROFILE_FILE} in the data folder is damaged or not a reviewer profile; it cannot be opened.`,
    );
  return parsed.data;
}

export const writeProfile = (dataFolder: string, profile: ReviewerProfile): Promise<void> =>
  writeFileAtomic(profilePath(dataFolder), JSON.stringify(profile, null, 1));
