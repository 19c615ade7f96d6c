import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

/** Keys, passwords and recovery codes. Parameters travel with every hash and wrapped key. */

const scrypt = (secret: string | Buffer, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((ok, fail) =>
    scryptCb(secret, salt, keylen, opts, (err, key) => (err ? fail(err) : ok(key))),
  );

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * A password's key slot (main/platform/key-slots.ts): scrypt N=2^17, r=8, p=1 (128 MiB, about
 * 0.4 s on a 2-core office machine). Slow for guessing; once per sign-in and unlock.
 */
export const PASSWORD_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const maxmem = (p: ScryptParams) => 256 * p.N * p.r + 1024 * 1024;

/** scrypt with the memory limit its parameters need. */
export function scryptKey(
  secret: string | Buffer,
  salt: Buffer,
  params: ScryptParams,
  keylen = 32,
): Promise<Buffer> {
  return scrypt(secret, salt, keylen, { ...params, maxmem: maxmem(params) });
}

/** AES-256-GCM output, base64 fields so it sits in JSON. */
export interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

/** Encrypts and authenticates `plain` under `key`; `aad` binds it to where it belongs. */
export function seal(key: Buffer, plain: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The plain bytes, or null when the key is wrong or anything was changed. */
export function unseal(key: Buffer, sealed: Sealed, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** Overwrites key material in place; JavaScript strings cannot be, so keys stay in Buffers. */
export function wipe(...buffers: (Buffer | null | undefined)[]): void {
  for (const b of buffers) b?.fill(0);
}

/**
 * The password hashes of versions before encryption at rest (scrypt N=2^15). They are no longer
 * written by the app; a converted installation's hashes become its first key slots
 * (main/platform/key-slots.ts, `legacySlot`), and tests make old installations with them.
 */
export const LEGACY_PASSWORD_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

export async function hashPassword(
  password: string,
  params = LEGACY_PASSWORD_SCRYPT,
): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, 32, {
    ...params,
    maxmem: maxmem(params),
  });
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64'),
    hash.toString('base64'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, saltB64, hashB64] = stored.split('$');
  if (kind !== 'scrypt' || !saltB64 || !hashB64) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const want = Buffer.from(hashB64, 'base64');
  const got = await scrypt(password.normalize('NFC'), Buffer.from(saltB64, 'base64'), want.length, {
    ...params,
    maxmem: maxmem(params),
  });
  return got.length === want.length && timingSafeEqual(got, want);
}

export const newDataKey = (): Buffer => randomBytes(32);

/** Crockford base32: no I, L, O or U, so a code copied by hand is hard to get wrong. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 30 characters × 5 bits = 150 bits, shown as six groups of five. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(30);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  return Array.from({ length: 6 }, (_, i) => chars.slice(i * 5, i * 5 + 5)).join('-');
}

/** Accepts the code as typed: any case, spaces or dashes, and the look-alikes O→0, I/L→1. */
export function normalizeRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export interface WrappedKey {
  v: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  key: string;
}

const RECOVERY_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

/** The data key encrypted under a key derived from the recovery code (scrypt → AES-256-GCM). */
export async function wrapDataKey(dataKey: Buffer, recoveryCode: string): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = await scrypt(normalizeRecoveryCode(recoveryCode), salt, 32, {
    ...RECOVERY_SCRYPT,
    maxmem: maxmem(RECOVERY_SCRYPT),
  });
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  const key = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    v: 1,
    kdf: 'scrypt',
    ...RECOVERY_SCRYPT,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    key: key.toString('base64'),
  };
}

/** Returns the data key, or null when the code is wrong (GCM's tag does not verify). */
export async function unwrapDataKey(
  wrapped: WrappedKey,
  recoveryCode: string,
): Promise<Buffer | null> {
  const params = { N: wrapped.N, r: wrapped.r, p: wrapped.p };
  const kek = await scrypt(
    normalizeRecoveryCode(recoveryCode),
    Buffer.from(wrapped.salt, 'base64'),
    32,
    {
      ...params,
      maxmem: maxmem(params),
    },
  );
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.key, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** What a derived key is for; each purpose gets its own key from the one data key. */
export type KeyPurpose = 'audit' | 'backup' | 'database' | 'escrow' | 'audit-secret';

/** Separate keys per purpose, derived from the one data key (HKDF-SHA256). */
export function deriveKey(dataKey: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `hourkeep ${purpose} v1`, 32));
}

export const hmacHex = (key: Buffer, text: string): string =>
  createHmac('sha256', key).update(text, 'utf8').digest('hex');
