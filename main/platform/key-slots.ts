import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file.js';
import { z } from 'zod';
import {
  deriveKey,
  scryptKey,
  seal,
  unseal,
  unwrapDataKey,
  wrapDataKey,
  type ScryptParams,
  type Sealed,
  type WrappedKey,
} from './crypto.js';
import { hkdfSync } from 'node:crypto';

/**
 * The key-slot file beside the database, like a password manager's vault header.
 *
 *   data key (DK) ── opens the SQLCipher database (through keys derived from it)
 *     ├─ wrapped by the recovery code ................ `recovery` (works on any machine)
 *     └─ wrapped by the slots key (SK) ............... `dataKey`
 *          └─ SK wrapped by each user's password ..... `users[]`, inside `bound`
 *   `bound`  = the user slots (and sign-in throttling), sealed under a secret kept in this
 *              workstation's OS keychain: a copied folder is useless elsewhere.
 *   `escrow` = the user slots and SK sealed under a key derived from DK, so the recovery code
 *              can re-bind the file to a new keychain and everyone keeps their password.
 *
 * Opening needs the keychain secret AND a password, or the recovery code. Rotating DK rewraps
 * it under SK and a new recovery code; no user slot changes, so no password is needed.
 */
export const SLOT_FILE_FORMAT = 'hourkeep.keyslots';

const sealedSchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() });

/** scrypt's cost parameters and salt, as every key derived from a secret here records them. */
const scryptParams = {
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  salt: z.string(),
};

const wrappedKeySchema = z.object({
  v: z.literal(1),
  kdf: z.literal('scrypt'),
  ...scryptParams,
  iv: z.string(),
  tag: z.string(),
  key: z.string(),
});

const kdfSchema = z.discriminatedUnion('alg', [
  z.object({ alg: z.literal('scrypt'), ...scryptParams }),
  // An installation from before encryption: its stored password hash (scrypt of the password)
  // becomes the slot's key material, so every user signs in with the password they had. The
  // first sign-in replaces the slot with a current one.
  z.object({
    alg: z.literal('scrypt-hash'),
    ...scryptParams,
    keylen: z.number().int().positive(),
  }),
]);
export type SlotKdf = z.infer<typeof kdfSchema>;

const userSlotSchema = z.object({
  userId: z.number().int().positive(),
  username: z.string(),
  kdf: kdfSchema,
  slotsKey: sealedSchema,
  /**
   * A supervisor's Ed25519 signing key: the public key, and the private key sealed under the
   * same password-derived key as the slots key. Only the supervisor's password opens it; the
   * escrow carries it still sealed, so neither the owner nor the recovery code can sign.
   */
  signing: z.object({ publicKey: z.string(), privateKey: sealedSchema }).optional(),
});
export type UserSlot = z.infer<typeof userSlotSchema>;

const throttleSchema = z.object({
  failures: z.number().int().nonnegative(),
  nextAttemptAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
});
export type ThrottleState = z.infer<typeof throttleSchema>;

/** A refusal recorded while the database was closed; appended to the audit log at next open. */
const pendingAuditSchema = z.object({
  at: z.string(),
  action: z.string(),
  userId: z.number().int().nullable(),
  detail: z.string(),
});
export type PendingAudit = z.infer<typeof pendingAuditSchema>;

export const lockoutPolicySchema = z.object({
  maxFailedSignIns: z.number().int().min(1),
  lockoutMinutes: z.number().int().min(1),
});
export type LockoutPolicy = z.infer<typeof lockoutPolicySchema>;

const boundSchema = z.object({
  users: z.array(userSlotSchema),
  throttle: z.record(z.string(), throttleSchema),
  /** A copy of the database's lockout policy, for sign-ins while the database is closed. */
  policy: lockoutPolicySchema,
  pendingAudit: z.array(pendingAuditSchema),
});
export type BoundSection = z.infer<typeof boundSchema>;

const escrowSchema = z.object({ slotsKey: z.string(), users: z.array(userSlotSchema) });
export type Escrow = z.infer<typeof escrowSchema>;

/** The audit chain's head as last anchored (main/services/audit-anchor.ts). */
const anchorSchema = z.object({
  lastId: z.number().int().nonnegative(),
  lastHmac: z.string(),
  count: z.number().int().nonnegative(),
  at: z.string(),
  mac: z.string(),
});
export type AuditAnchor = z.infer<typeof anchorSchema>;

const slotFileSchema = z.object({
  format: z.literal(SLOT_FILE_FORMAT),
  version: z.literal(1),
  practiceId: z.string().min(1),
  /** Shown on the sign-in screen before anything is unlocked; not personal data. */
  practiceName: z.string().nullable(),
  updatedAt: z.string(),
  recovery: wrappedKeySchema,
  /** Identifies DK without revealing it (as backup headers do), to tell keys apart. */
  keyId: z.string(),
  dataKey: sealedSchema,
  binding: z.object({ account: z.string().min(1), sealed: sealedSchema }),
  escrow: sealedSchema,
  anchor: anchorSchema.nullable(),
  /**
   * The last row a verification walked to, sealed like the anchor: the next verification
   * starts after it. Files from before it have none.
   */
  checkpoint: anchorSchema.nullable().optional(),
  /**
   * While the data key is being replaced: the old key and recovery slot. The database is
   * re-keyed after this is on disk, so a crash half-way leaves a file that knows both keys.
   */
  previous: z
    .object({ dataKey: sealedSchema, recovery: wrappedKeySchema, keyId: z.string() })
    .nullable(),
  /** SHA-256 of the rest: tells a damaged file from a wrong password. */
  checksum: z.string(),
});
export type SlotFile = z.infer<typeof slotFileSchema>;

export class SlotFileError extends Error {
  constructor(
    readonly reason: 'missing' | 'damaged' | 'unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'SlotFileError';
  }
}

function withoutChecksum(file: SlotFile): Omit<SlotFile, 'checksum'> {
  const body: Partial<SlotFile> = { ...file };
  delete body.checksum;
  return body as Omit<SlotFile, 'checksum'>;
}

const checksumOf = (file: Omit<SlotFile, 'checksum'>): string =>
  createHash('sha256').update(JSON.stringify(file)).digest('hex');

export const keyIdOf = (dataKey: Buffer): string =>
  deriveKey(dataKey, 'escrow').subarray(0, 8).toString('hex');

const aad = {
  dataKey: (practiceId: string) => `hourkeep data key|${practiceId}`,
  bound: (practiceId: string) => `hourkeep bound slots|${practiceId}`,
  escrow: (practiceId: string) => `hourkeep escrow|${practiceId}`,
  user: (practiceId: string, userId: number) => `hourkeep user slot|${practiceId}|${userId}`,
  signing: (practiceId: string, userId: number) => `hourkeep signing key|${practiceId}|${userId}`,
};

/** The key a user slot is sealed under, from the password and the slot's KDF parameters. */
async function slotKek(kdf: SlotKdf, password: string): Promise<Buffer> {
  const salt = Buffer.from(kdf.salt, 'base64');
  const params: ScryptParams = { N: kdf.N, r: kdf.r, p: kdf.p };
  const stretched = await scryptKey(
    password.normalize('NFC'),
    salt,
    params,
    kdf.alg === 'scrypt' ? 32 : kdf.keylen,
  );
  try {
    const info = kdf.alg === 'scrypt' ? 'hourkeep user slot v1' : 'hourkeep legacy slot v1';
    return Buffer.from(hkdfSync('sha256', stretched, salt, info, 32));
  } finally {
    stretched.fill(0);
  }
}

export async function makeUserSlot(
  practiceId: string,
  user: { id: number; username: string },
  password: string,
  slotsKey: Buffer,
  params: ScryptParams,
  signing: { publicKey: string; privateKey: Buffer } | null = null,
): Promise<UserSlot> {
  const kdf: SlotKdf = { alg: 'scrypt', ...params, salt: randomBytes(16).toString('base64') };
  const kek = await slotKek(kdf, password);
  try {
    return {
      ...sealedSlot(practiceId, user, kdf, kek, slotsKey),
      ...(signing
        ? {
            signing: {
              publicKey: signing.publicKey,
              privateKey: seal(kek, signing.privateKey, aad.signing(practiceId, user.id)),
            },
          }
        : {}),
    };
  } finally {
    kek.fill(0);
  }
}

/** A user's slot: the slots key sealed under `kek`, the key `kdf` derives from their secret. */
function sealedSlot(
  practiceId: string,
  user: { id: number; username: string },
  kdf: SlotKdf,
  kek: Buffer,
  slotsKey: Buffer,
): UserSlot {
  return {
    userId: user.id,
    username: user.username,
    kdf,
    slotsKey: seal(kek, slotsKey, aad.user(practiceId, user.id)),
  };
}

/** A slot from a pre-encryption password hash (`scrypt$N$r$p$salt$hash`); null if unusable. */
export function legacySlot(
  practiceId: string,
  user: { id: number; username: string },
  passwordHash: string,
  slotsKey: Buffer,
): UserSlot | null {
  const [kind, n, r, p, salt, hash] = passwordHash.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return null;
  const stretched = Buffer.from(hash, 'base64');
  const kdf: SlotKdf = {
    alg: 'scrypt-hash',
    N: Number(n),
    r: Number(r),
    p: Number(p),
    salt,
    keylen: stretched.length,
  };
  const kek = Buffer.from(
    hkdfSync('sha256', stretched, Buffer.from(salt, 'base64'), 'hourkeep legacy slot v1', 32),
  );
  try {
    return sealedSlot(practiceId, user, kdf, kek, slotsKey);
  } finally {
    kek.fill(0);
    stretched.fill(0);
  }
}

/** What a password opens in its slot; null for a wrong password. */
export interface OpenedSlot {
  slotsKey: Buffer;
  /** The supervisor's signing key (PKCS#8 DER) and its public key, when the slot has one. */
  signing: { publicKey: string; privateKey: Buffer } | null;
}

export async function openUserSlot(
  practiceId: string,
  slot: UserSlot,
  password: string,
): Promise<OpenedSlot | null> {
  const kek = await slotKek(slot.kdf, password);
  try {
    const slotsKey = unseal(kek, slot.slotsKey, aad.user(practiceId, slot.userId));
    if (!slotsKey) return null;
    const privateKey = slot.signing
      ? unseal(kek, slot.signing.privateKey, aad.signing(practiceId, slot.userId))
      : null;
    return {
      slotsKey,
      signing:
        slot.signing && privateKey ? { publicKey: slot.signing.publicKey, privateKey } : null,
    };
  } finally {
    kek.fill(0);
  }
}

/** Everything the file is made from, in memory while the practice is open. */
export interface SlotContents {
  practiceId: string;
  practiceName: string | null;
  recovery: WrappedKey;
  keyId: string;
  bound: BoundSection;
  anchor: AuditAnchor | null;
  checkpoint: AuditAnchor | null;
  /** The key being replaced, while a rotation is under way. */
  previous: { dataKey: Buffer; recovery: WrappedKey; keyId: string } | null;
}

/** Builds the file from its contents with the keys that seal it. */
export function composeSlotFile(
  contents: SlotContents,
  keys: { dataKey: Buffer; slotsKey: Buffer; bindingSecret: Buffer; bindingAccount: string },
  now: string,
): SlotFile {
  const { practiceId } = contents;
  const escrow: Escrow = {
    slotsKey: keys.slotsKey.toString('base64'),
    users: contents.bound.users,
  };
  const escrowKey = deriveKey(keys.dataKey, 'escrow');
  const body: Omit<SlotFile, 'checksum'> = {
    format: SLOT_FILE_FORMAT,
    version: 1,
    practiceId,
    practiceName: contents.practiceName,
    updatedAt: now,
    recovery: contents.recovery,
    keyId: contents.keyId,
    dataKey: seal(keys.slotsKey, keys.dataKey, aad.dataKey(practiceId)),
    binding: {
      account: keys.bindingAccount,
      sealed: seal(
        keys.bindingSecret,
        Buffer.from(JSON.stringify(contents.bound), 'utf8'),
        aad.bound(practiceId),
      ),
    },
    escrow: seal(escrowKey, Buffer.from(JSON.stringify(escrow), 'utf8'), aad.escrow(practiceId)),
    anchor: contents.anchor,
    checkpoint: contents.checkpoint,
    previous: contents.previous && {
      dataKey: seal(keys.slotsKey, contents.previous.dataKey, aad.dataKey(practiceId)),
      recovery: contents.previous.recovery,
      keyId: contents.previous.keyId,
    },
  };
  escrowKey.fill(0);
  return { ...body, checksum: checksumOf(body) };
}

/** Rewrites only the bound section (sign-in throttling while the database is closed). */
export function resealBound(
  file: SlotFile,
  bound: BoundSection,
  bindingSecret: Buffer,
  now: string,
) {
  const body: Omit<SlotFile, 'checksum'> = {
    ...withoutChecksum(file),
    updatedAt: now,
    binding: {
      account: file.binding.account,
      sealed: seal(
        bindingSecret,
        Buffer.from(JSON.stringify(bound), 'utf8'),
        aad.bound(file.practiceId),
      ),
    },
  };
  return { ...body, checksum: checksumOf(body) };
}

/** The user slots and throttling, or null when this keychain's secret does not open them. */
export function openBound(file: SlotFile, bindingSecret: Buffer): BoundSection | null {
  const plain = unseal(bindingSecret, file.binding.sealed, aad.bound(file.practiceId));
  if (!plain) return null;
  const parsed = boundSchema.safeParse(JSON.parse(plain.toString('utf8')));
  return parsed.success ? parsed.data : null;
}

export function openDataKey(file: SlotFile, slotsKey: Buffer): Buffer | null {
  return unseal(slotsKey, file.dataKey, aad.dataKey(file.practiceId));
}

/** The key a rotation is replacing, while one is under way. */
export function openPreviousDataKey(file: SlotFile, slotsKey: Buffer): Buffer | null {
  return file.previous && unseal(slotsKey, file.previous.dataKey, aad.dataKey(file.practiceId));
}

export function openEscrow(file: SlotFile, dataKey: Buffer): Escrow | null {
  return openEscrowOf(file.escrow, file.practiceId, dataKey);
}

/** An escrow as a backup header carries it, with the practice id it was sealed to. */
export function openEscrowOf(sealed: Sealed, practiceId: string, dataKey: Buffer): Escrow | null {
  const key = deriveKey(dataKey, 'escrow');
  try {
    const plain = unseal(key, sealed, aad.escrow(practiceId));
    if (!plain) return null;
    const parsed = escrowSchema.safeParse(JSON.parse(plain.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } finally {
    key.fill(0);
  }
}

export const recoverDataKey = (file: SlotFile, code: string): Promise<Buffer | null> =>
  unwrapDataKey(file.recovery, code);

export const wrapForRecovery = (dataKey: Buffer, code: string): Promise<WrappedKey> =>
  wrapDataKey(dataKey, code);

/** Reads and checks the file; a missing, damaged or foreign file says so in words. */
export async function readSlotFile(path: string): Promise<SlotFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new SlotFileError('missing', `The key file ${path} is missing.`);
    throw new SlotFileError(
      'damaged',
      `The key file ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  const damaged = new SlotFileError(
    'damaged',
    `The key file ${path} is damaged, so the practice's data cannot be opened with it. Restore the practice from a backup (Restore from a backup, with the recovery code).`,
  );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged;
  }
  if (
    typeof json === 'object' &&
    json !== null &&
    (json as { format?: unknown }).format === SLOT_FILE_FORMAT &&
    (json as { version?: unknown }).version !== 1
  ) {
    throw new SlotFileError(
      'unsupported',
      `The key file ${path} was written by a newer version of Hourkeep. Update Hourkeep, then start it again.`,
    );
  }
  const parsed = slotFileSchema.safeParse(json);
  if (!parsed.success) throw damaged;
  if (checksumOf(withoutChecksum(parsed.data)) !== parsed.data.checksum) throw damaged;
  return parsed.data;
}

/** Replaces the file atomically (main/platform/atomic-file.ts): a crash leaves the old or the new. */
export async function writeSlotFile(path: string, file: SlotFile): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(file, null, 1));
}

export type { Sealed, WrappedKey };

/**
 * The practice's key slots as its server keeps them (issue 21): what every workstation's key
 * file holds except this workstation's binding (throttling, pending audit rows, anchors). The
 * user slots are password-wrapped and the data key sealed under the slots key, exactly as in
 * the file; the escrow opens only with the data key, the recovery slot only with the code.
 * A new workstation joins from it with the recovery code; every workstation's sign-in reads
 * the people's current slots from it, so a password changed at one workstation is the
 * password at all of them.
 */
export const keyShareSchema = z.object({
  practiceId: z.string().min(1),
  practiceName: z.string().nullable(),
  updatedAt: z.string(),
  keyId: z.string(),
  recovery: wrappedKeySchema,
  dataKey: sealedSchema,
  escrow: sealedSchema,
  users: z.array(userSlotSchema),
});
export type KeyShare = z.infer<typeof keyShareSchema>;

/** The share of `file`, whose bound section (opened) holds `users`. */
export const keyShareOf = (file: SlotFile, users: UserSlot[]): KeyShare => ({
  practiceId: file.practiceId,
  practiceName: file.practiceName,
  updatedAt: file.updatedAt,
  keyId: file.keyId,
  recovery: file.recovery,
  dataKey: file.dataKey,
  escrow: file.escrow,
  users,
});

/**
 * `file` brought up to `share` (newer, from the server): its keys and people, with this
 * workstation's binding resealed; the rest (anchor, checkpoint) stays this workstation's.
 */
export function withKeyShare(
  file: SlotFile,
  share: KeyShare,
  bound: BoundSection,
  bindingSecret: Buffer,
): SlotFile {
  const adopted: SlotFile = {
    ...file,
    practiceName: share.practiceName,
    keyId: share.keyId,
    recovery: share.recovery,
    dataKey: share.dataKey,
    escrow: share.escrow,
    previous: null,
  };
  return resealBound(adopted, { ...bound, users: share.users }, bindingSecret, share.updatedAt);
}
