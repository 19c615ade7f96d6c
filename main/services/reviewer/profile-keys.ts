import { hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import { canonicalJson } from '../../../shared/domain/week-document.js';
import { scryptKey, seal, unseal, wipe, type ScryptParams } from '../../platform/crypto.js';
import type { SecretStore } from '../../platform/secret-store.js';
import type { ReviewerProfile } from './profile-file.js';

/** What is sealed in the profile: both private keys (PKCS#8) and the key of the drafts. */
export interface ProfileSecrets {
  signingPrivateKey: Buffer;
  boxPrivateKey: Buffer;
  /** Seals the reviewer's state (pins, drafts) on disk; only in memory while unlocked. */
  dataKey: Buffer;
}

const secretsSchema = z
  .object({ signingPrivateKey: z.string(), boxPrivateKey: z.string(), dataKey: z.string() })
  .strict();

export const wipeSecrets = (s: ProfileSecrets | null) =>
  s && wipe(s.signingPrivateKey, s.boxPrivateKey, s.dataKey);

/** The sealed keys' AAD: every public field, so a swapped name or key breaks the seal. */
export const publicPart = (p: Omit<ReviewerProfile, 'sealedKeys' | 'enrolment'>): string =>
  canonicalJson({
    format: p.format,
    version: p.version,
    reviewerId: p.reviewerId,
    name: p.name,
    email: p.email,
    createdAt: p.createdAt,
    signingPublicKey: p.signingPublicKey,
    boxPublicKey: p.boxPublicKey,
    keychainAccount: p.keychainAccount,
    kdf: p.kdf,
  });

/**
 * The wrapping key: HKDF over scrypt(password) and the keychain secret together. Neither alone
 * opens the profile: the password is useless on another computer, the keychain without it.
 */
async function wrappingKey(
  password: string,
  kdf: ReviewerProfile['kdf'],
  keychainSecret: Buffer,
  reviewerId: string,
): Promise<Buffer> {
  const params: ScryptParams = { N: kdf.N, r: kdf.r, p: kdf.p };
  const stretched = await scryptKey(
    password.normalize('NFC'),
    Buffer.from(kdf.salt, 'base64'),
    params,
  );
  const ikm = Buffer.concat([stretched, keychainSecret]);
  try {
    return Buffer.from(
      hkdfSync('sha256', ikm, Buffer.from(reviewerId, 'utf8'), 'hourkeep reviewer profile v1', 32),
    );
  } finally {
    wipe(stretched, ikm);
  }
}

/** Makes this computer's secret for a new profile and keeps it in the keychain. */
export async function newKeychainSecret(secrets: SecretStore, account: string): Promise<Buffer> {
  const secret = randomBytes(32);
  try {
    await secrets.set(account, secret.toString('base64'));
    if ((await secrets.get(account)) !== secret.toString('base64')) throw new Error('read back');
  } catch {
    wipe(secret);
    throw new AppError(
      'conflict',
      "This computer's keychain could not be used (locked or missing), so no reviewer profile was made. Unlock the keychain (sign in to your desktop session) and try again.",
    );
  }
  return secret;
}

export async function keychainSecretOf(secrets: SecretStore, account: string): Promise<Buffer> {
  let value: string | null = null;
  try {
    value = await secrets.get(account);
  } catch {
    value = null;
  }
  if (!value)
    throw new AppError(
      'conflict',
      "This reviewer profile's key is not in this computer's keychain (the keychain is locked, reset, or this is another computer). Unlock the keychain and try again; a profile copied to another computer cannot be opened there.",
    );
  return Buffer.from(value, 'base64');
}

export async function sealSecrets(
  profile: Omit<ReviewerProfile, 'sealedKeys' | 'enrolment'>,
  password: string,
  keychainSecret: Buffer,
  s: ProfileSecrets,
): Promise<ReviewerProfile['sealedKeys']> {
  const key = await wrappingKey(password, profile.kdf, keychainSecret, profile.reviewerId);
  const plain = Buffer.from(
    JSON.stringify({
      signingPrivateKey: s.signingPrivateKey.toString('base64'),
      boxPrivateKey: s.boxPrivateKey.toString('base64'),
      dataKey: s.dataKey.toString('base64'),
    }),
    'utf8',
  );
  try {
    return seal(key, plain, publicPart(profile));
  } finally {
    wipe(key, plain);
  }
}

/** The profile's secrets, or null for a wrong password. */
export async function openSecrets(
  profile: ReviewerProfile,
  password: string,
  secrets: SecretStore,
): Promise<ProfileSecrets | null> {
  const keychainSecret = await keychainSecretOf(secrets, profile.keychainAccount);
  const key = await wrappingKey(password, profile.kdf, keychainSecret, profile.reviewerId);
  wipe(keychainSecret);
  const plain = unseal(key, profile.sealedKeys, publicPart(profile));
  wipe(key);
  if (!plain) return null;
  try {
    const s = secretsSchema.parse(JSON.parse(plain.toString('utf8')));
    return {
      signingPrivateKey: Buffer.from(s.signingPrivateKey, 'base64'),
      boxPrivateKey: Buffer.from(s.boxPrivateKey, 'base64'),
      dataKey: Buffer.from(s.dataKey, 'base64'),
    };
  } finally {
    wipe(plain);
  }
}
