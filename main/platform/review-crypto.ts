import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import {
  REVIEW_BOX_INFO,
  enrolmentSignedText,
  envelopeSignedText,
  fileIdOf,
  headerAad,
  signingKeyAad,
  type DecisionHeader,
  type EnrolmentRequest,
  type PacketHeader,
  type PasswordSealed,
  type SealedBox,
} from '../../shared/domain/review-files.js';
import { PASSWORD_SCRYPT, scryptKey, seal, unseal, wipe, type ScryptParams } from './crypto.js';
import { fingerprintOf, publicKeyOf, signText, verifyText } from './signing.js';

/**
 * The crypto of offline review files (shared/domain/review-files.ts), all node:crypto: X25519
 * for sealing to a recipient, HKDF-SHA256 and AES-256-GCM for the box, Ed25519
 * (main/platform/signing.ts) for signatures, scrypt for the password-sealed signing key. No
 * database here: both the practice and the reviewer side call these pure functions.
 *
 * node:crypto rather than @noble/curves or libsodium: Node has shipped X25519, Ed25519, HKDF and
 * AES-GCM (OpenSSL) for years, the rest of the app already relies on it, and it adds no
 * dependency to audit or update.
 */

const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

export interface BoxKeyPair {
  /** Raw 32-byte X25519 public key, base64. */
  publicKey: string;
  /** PKCS#8 DER; overwrite it when done. */
  privateKey: Buffer;
}

export function newBoxKeyPair(): BoxKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: rawPublic(publicKey),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

const rawPublic = (key: KeyObject): string =>
  key
    .export({ format: 'der', type: 'spki' })
    .subarray(X25519_SPKI_PREFIX.length)
    .toString('base64');

function boxPublicKeyObject(publicKey: string): KeyObject {
  const raw = Buffer.from(publicKey, 'base64');
  if (raw.length !== 32) throw new Error('An X25519 public key is 32 bytes.');
  return createPublicKey({
    key: Buffer.concat([X25519_SPKI_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
}

/** The public half of an X25519 private key (raw, base64). */
export function boxPublicKeyOf(privateKey: Buffer): string {
  return rawPublic(
    createPublicKey(createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' })),
  );
}

/** ECDH between our private key and their public key, then HKDF: the box's AES key. */
function boxKey(privateKey: KeyObject, publicKey: KeyObject, fileId: string): Buffer {
  const shared = diffieHellman({ privateKey, publicKey });
  try {
    // The file id as salt: every file gets its own key even if an ephemeral key repeated.
    return Buffer.from(
      hkdfSync('sha256', shared, Buffer.from(fileId, 'utf8'), REVIEW_BOX_INFO, 32),
    );
  } finally {
    wipe(shared);
  }
}

/**
 * Seals `plaintext` so only the holder of `recipientBoxPublic`'s private key opens it: a fresh
 * ephemeral X25519 key per file, so the sender keeps no key that could open it later.
 */
export function sealTo(
  recipientBoxPublic: string,
  plaintext: Buffer,
  aad: string,
  fileId: string,
): SealedBox {
  const ephemeral = generateKeyPairSync('x25519');
  const key = boxKey(ephemeral.privateKey, boxPublicKeyObject(recipientBoxPublic), fileId);
  try {
    const sealed = seal(key, plaintext, aad);
    return {
      ephemeralPublicKey: rawPublic(ephemeral.publicKey),
      iv: sealed.iv,
      ciphertext: sealed.data,
      tag: sealed.tag,
    };
  } finally {
    wipe(key);
  }
}

/** The plaintext, or null when the key is not the recipient's or anything was changed. */
export function openFrom(
  recipientBoxPrivate: Buffer,
  box: SealedBox,
  aad: string,
  fileId: string,
): Buffer | null {
  let key: Buffer | null = null;
  try {
    const priv = createPrivateKey({ key: recipientBoxPrivate, format: 'der', type: 'pkcs8' });
    key = boxKey(priv, boxPublicKeyObject(box.ephemeralPublicKey), fileId);
    return unseal(key, { iv: box.iv, tag: box.tag, data: box.ciphertext }, aad);
  } catch {
    return null;
  } finally {
    wipe(key);
  }
}

/**
 * The fingerprint both screens show for a pair of keys (a reviewer's, or the practice's): the
 * signing key's fingerprint scheme (signing.ts) over the two raw public keys together, so a
 * swapped box key shows as a different fingerprint too.
 */
export function keyPairFingerprint(signingPublicKey: string, boxPublicKey: string): string {
  return fingerprintOf(
    Buffer.concat([
      Buffer.from(signingPublicKey, 'base64'),
      Buffer.from(boxPublicKey, 'base64'),
    ]).toString('base64'),
  );
}

// ---------------------------------------------------------------- envelopes

type Header = PacketHeader | DecisionHeader;

export interface Envelope<H extends Header> {
  header: H;
  box: SealedBox;
  signature: string;
}

/** Seals `content` (JSON) to `recipientBoxPublic` and signs header + box with `signingKey`. */
export function sealEnvelope<H extends Header>(
  header: H,
  content: unknown,
  recipientBoxPublic: string,
  signingPrivateKey: Buffer,
): Envelope<H> {
  const box = sealTo(
    recipientBoxPublic,
    Buffer.from(JSON.stringify(content), 'utf8'),
    headerAad(header),
    fileIdOf(header),
  );
  return {
    header,
    box,
    signature: signText(signingPrivateKey, envelopeSignedText({ header, box })),
  };
}

/** True when the envelope's signature is `signerPublicKey`'s over its header and box. */
export const verifyEnvelope = (envelope: Envelope<Header>, signerPublicKey: string): boolean =>
  verifyText(signerPublicKey, envelopeSignedText(envelope), envelope.signature);

/** The envelope's plaintext JSON (not yet schema-checked), or null when it does not open. */
export function openEnvelope(envelope: Envelope<Header>, recipientBoxPrivate: Buffer): unknown {
  const plain = openFrom(
    recipientBoxPrivate,
    envelope.box,
    headerAad(envelope.header),
    fileIdOf(envelope.header),
  );
  if (!plain) return null;
  try {
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    return null;
  } finally {
    wipe(plain);
  }
}

// ---------------------------------------------------------------- enrolment

/** Seals a signing key under the reviewer's password (scrypt, then AES-256-GCM). */
export async function sealSigningKey(
  privateKey: Buffer,
  password: string,
  aad: string,
  params: ScryptParams = PASSWORD_SCRYPT,
): Promise<PasswordSealed> {
  const salt = randomBytes(16);
  const key = await scryptKey(password.normalize('NFC'), salt, params);
  try {
    const sealed = seal(key, privateKey, aad);
    return { kdf: 'scrypt', ...params, salt: salt.toString('base64'), ...sealed };
  } finally {
    wipe(key);
  }
}

/** The sealed signing key, or null for a wrong password or a changed file. */
export async function openSigningKey(
  sealed: PasswordSealed,
  password: string,
  aad: string,
): Promise<Buffer | null> {
  const key = await scryptKey(password.normalize('NFC'), Buffer.from(sealed.salt, 'base64'), {
    N: sealed.N,
    r: sealed.r,
    p: sealed.p,
  });
  try {
    return unseal(key, { iv: sealed.iv, tag: sealed.tag, data: sealed.data }, aad);
  } finally {
    wipe(key);
  }
}

/** Builds and signs an enrolment request (the reviewer side; tests use it as a reviewer would). */
export async function makeEnrolmentRequest(input: {
  reviewerId: string;
  name: string;
  email: string | null;
  createdAt: string;
  signingPrivateKey: Buffer;
  boxPublicKey: string;
  password: string;
  kdf?: ScryptParams;
}): Promise<EnrolmentRequest> {
  const signingPublicKey = publicKeyOf(input.signingPrivateKey);
  const unsigned = {
    format: 'hourkeep-reviewer-enrolment' as const,
    version: 1 as const,
    reviewerId: input.reviewerId,
    name: input.name,
    email: input.email,
    createdAt: input.createdAt,
    signingPublicKey,
    boxPublicKey: input.boxPublicKey,
    sealedSigningKey: await sealSigningKey(
      input.signingPrivateKey,
      input.password,
      signingKeyAad(input.reviewerId, signingPublicKey),
      input.kdf,
    ),
  };
  return {
    ...unsigned,
    signature: signText(input.signingPrivateKey, enrolmentSignedText(unsigned)),
  };
}

/** True when the request is signed by the signing key it carries (proof of possession). */
export const verifyEnrolmentRequest = (request: EnrolmentRequest): boolean =>
  verifyText(request.signingPublicKey, enrolmentSignedText(request), request.signature);
