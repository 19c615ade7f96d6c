import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';

/**
 * Ed25519 through node:crypto: supervisors' signing keys. Public keys travel as the raw 32
 * bytes in base64; private keys as PKCS#8 DER, only ever sealed in a key slot or in memory while
 * a week is signed.
 */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SigningKeyPair {
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  /** PKCS#8 DER; overwrite it when done. */
  privateKey: Buffer;
}

export function newSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    publicKey: spki.subarray(SPKI_PREFIX.length).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

/** The public key a private key belongs to (raw, base64). */
export function publicKeyOf(privateKey: Buffer): string {
  const key = createPublicKey(createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' }));
  return key
    .export({ format: 'der', type: 'spki' })
    .subarray(SPKI_PREFIX.length)
    .toString('base64');
}

export function signText(privateKey: Buffer, text: string): string {
  const key = createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' });
  return sign(null, Buffer.from(text, 'utf8'), key).toString('base64');
}

/** False for a bad signature, a malformed key or a malformed signature. */
export function verifyText(publicKey: string, text: string, signature: string): boolean {
  try {
    const raw = Buffer.from(publicKey, 'base64');
    if (raw.length !== 32) return false;
    const key = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, raw]),
      format: 'der',
      type: 'spki',
    });
    const sig = Buffer.from(signature, 'base64');
    return sig.length === 64 && verify(null, Buffer.from(text, 'utf8'), key, sig);
  } catch {
    return false;
  }
}

const grouped = (s: string, size: number, sep: string) =>
  (s.match(new RegExp(`.{1,${size}}`, 'g')) ?? []).join(sep);

/**
 * The key's fingerprint: SHA-256 of the raw public key, first 128 bits, in hex groups of four
 * (`3f2a 9c01 …`). Shown on the supervisor's profile and printed beside every signature, so a
 * reader compares it with the one the practice recorded.
 */
export function fingerprintOf(publicKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex');
  return grouped(hex.slice(0, 32).toUpperCase(), 4, ' ');
}

/** Crockford base32, as the recovery code. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short code for one signature (ten characters), printed so a person can read it out. */
export function verificationCode(signature: string): string {
  const digest = createHash('sha256').update(Buffer.from(signature, 'base64')).digest();
  const chars = Array.from(digest.subarray(0, 10), (b) => ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
