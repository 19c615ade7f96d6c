import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  boxPublicKeyOf,
  keyPairFingerprint,
  makeEnrolmentRequest,
  newBoxKeyPair,
  openEnvelope,
  openFrom,
  openSigningKey,
  sealEnvelope,
  sealTo,
  verifyEnrolmentRequest,
  verifyEnvelope,
} from '../../main/platform/review-crypto.js';
import { newSigningKeyPair, publicKeyOf } from '../../main/platform/signing.js';
import {
  decisionFileSchema,
  enrolmentRequestSchema,
  packetFileSchema,
  signingKeyAad,
  type PacketHeader,
} from '../../shared/domain/review-files.js';

const cheap = { N: 1024, r: 8, p: 1 };

const flip = (b64: string, at = 0) => {
  const b = Buffer.from(b64, 'base64');
  b[at] = (b[at] ?? 0) ^ 1;
  return b.toString('base64');
};

function packetHeader(practiceSigning: string, practiceBox: string): PacketHeader {
  return {
    format: 'hourkeep-review-packet',
    version: 1,
    packetId: randomUUID(),
    practiceId: 'practice-1',
    practiceName: 'Lakeside Counseling',
    practiceSigningKey: practiceSigning,
    practiceBoxKey: practiceBox,
    reviewerId: randomUUID(),
    supervisorId: 3,
    createdAt: '2026-12-06T10:00:00.000Z',
    expiresAt: '2027-01-05T10:00:00.000Z',
  };
}

describe('sealed boxes (X25519 + HKDF + AES-256-GCM)', () => {
  it('round trip: only the recipient opens, with the same AAD and file id', () => {
    const recipient = newBoxKeyPair();
    expect(Buffer.from(recipient.publicKey, 'base64')).toHaveLength(32);
    expect(boxPublicKeyOf(recipient.privateKey)).toBe(recipient.publicKey);
    const box = sealTo(recipient.publicKey, Buffer.from('the weeks'), 'header', 'file-1');
    expect(openFrom(recipient.privateKey, box, 'header', 'file-1')?.toString()).toBe('the weeks');
    // A fresh ephemeral key each time: the same plaintext never seals to the same bytes.
    const again = sealTo(recipient.publicKey, Buffer.from('the weeks'), 'header', 'file-1');
    expect(again.ephemeralPublicKey).not.toBe(box.ephemeralPublicKey);
    expect(again.ciphertext).not.toBe(box.ciphertext);
  });

  it('tamper: any changed byte, header or file id fails to open', () => {
    const recipient = newBoxKeyPair();
    const box = sealTo(recipient.publicKey, Buffer.from('the weeks'), 'header', 'file-1');
    const open = (b: typeof box, aad = 'header', id = 'file-1') =>
      openFrom(recipient.privateKey, b, aad, id);
    expect(open({ ...box, ciphertext: flip(box.ciphertext) })).toBeNull();
    expect(open({ ...box, tag: flip(box.tag) })).toBeNull();
    expect(open({ ...box, iv: flip(box.iv) })).toBeNull();
    expect(open({ ...box, ephemeralPublicKey: flip(box.ephemeralPublicKey) })).toBeNull();
    expect(open(box, 'headeR')).toBeNull();
    expect(open(box, 'header', 'file-2')).toBeNull();
    expect(open({ ...box, ephemeralPublicKey: 'AAAA' })).toBeNull();
    expect(open(box)?.toString()).toBe('the weeks');
  });

  it('wrong recipient: another key pair cannot open it', () => {
    const recipient = newBoxKeyPair();
    const other = newBoxKeyPair();
    const box = sealTo(recipient.publicKey, Buffer.from('the weeks'), 'header', 'file-1');
    expect(openFrom(other.privateKey, box, 'header', 'file-1')).toBeNull();
  });
});

describe('signed envelopes', () => {
  it('round trip: the schema accepts it, the signature verifies and the recipient opens it', () => {
    const practiceSigning = newSigningKeyPair();
    const practiceBox = newBoxKeyPair();
    const reviewerBox = newBoxKeyPair();
    const header = packetHeader(practiceSigning.publicKey, practiceBox.publicKey);
    const env = sealEnvelope(
      header,
      { weeks: [] },
      reviewerBox.publicKey,
      practiceSigning.privateKey,
    );
    const parsed = packetFileSchema.parse(JSON.parse(JSON.stringify(env)));
    expect(verifyEnvelope(parsed, practiceSigning.publicKey)).toBe(true);
    expect(openEnvelope(parsed, reviewerBox.privateKey)).toEqual({ weeks: [] });
    // A packet is not a decision file.
    expect(decisionFileSchema.safeParse(parsed).success).toBe(false);
  });

  it('tamper: a changed header breaks the signature and the box; a changed box the signature', () => {
    const practiceSigning = newSigningKeyPair();
    const reviewerBox = newBoxKeyPair();
    const header = packetHeader(practiceSigning.publicKey, newBoxKeyPair().publicKey);
    const env = sealEnvelope(
      header,
      { weeks: [] },
      reviewerBox.publicKey,
      practiceSigning.privateKey,
    );
    const later = { ...env, header: { ...header, expiresAt: '2099-01-01T00:00:00.000Z' } };
    expect(verifyEnvelope(later, practiceSigning.publicKey)).toBe(false);
    expect(openEnvelope(later, reviewerBox.privateKey)).toBeNull();
    const changed = { ...env, box: { ...env.box, ciphertext: flip(env.box.ciphertext, 3) } };
    expect(verifyEnvelope(changed, practiceSigning.publicKey)).toBe(false);
    expect(openEnvelope(changed, reviewerBox.privateKey)).toBeNull();
    expect(
      verifyEnvelope({ ...env, signature: flip(env.signature) }, practiceSigning.publicKey),
    ).toBe(false);
  });

  it('wrong signer and wrong recipient are refused', () => {
    const practiceSigning = newSigningKeyPair();
    const reviewerBox = newBoxKeyPair();
    const header = packetHeader(practiceSigning.publicKey, newBoxKeyPair().publicKey);
    const env = sealEnvelope(
      header,
      { weeks: [] },
      reviewerBox.publicKey,
      practiceSigning.privateKey,
    );
    expect(verifyEnvelope(env, newSigningKeyPair().publicKey)).toBe(false);
    expect(openEnvelope(env, newBoxKeyPair().privateKey)).toBeNull();
  });
});

describe('enrolment requests', () => {
  it('round trip: verifies, parses, and the password opens the same signing key', async () => {
    const signing = newSigningKeyPair();
    const box = newBoxKeyPair();
    const reviewerId = randomUUID();
    const request = await makeEnrolmentRequest({
      reviewerId,
      name: 'Maria Lopez',
      email: 'maria@example.org',
      createdAt: '2026-12-06T10:00:00.000Z',
      signingPrivateKey: signing.privateKey,
      boxPublicKey: box.publicKey,
      password: 'a long reviewer password',
      kdf: cheap,
    });
    const parsed = enrolmentRequestSchema.parse(JSON.parse(JSON.stringify(request)));
    expect(verifyEnrolmentRequest(parsed)).toBe(true);
    const aad = signingKeyAad(reviewerId, signing.publicKey);
    const opened = await openSigningKey(parsed.sealedSigningKey, 'a long reviewer password', aad);
    expect(opened && publicKeyOf(opened)).toBe(signing.publicKey);
    expect(await openSigningKey(parsed.sealedSigningKey, 'a wrong password', aad)).toBeNull();
    expect(
      await openSigningKey(parsed.sealedSigningKey, 'a long reviewer password', aad + 'x'),
    ).toBeNull();
  });

  it('tamper: a changed field or a swapped key fails the signature and the fingerprint', async () => {
    const signing = newSigningKeyPair();
    const box = newBoxKeyPair();
    const request = await makeEnrolmentRequest({
      reviewerId: randomUUID(),
      name: 'Maria Lopez',
      email: null,
      createdAt: '2026-12-06T10:00:00.000Z',
      signingPrivateKey: signing.privateKey,
      boxPublicKey: box.publicKey,
      password: 'a long reviewer password',
      kdf: cheap,
    });
    const attacker = newBoxKeyPair().publicKey;
    expect(verifyEnrolmentRequest({ ...request, name: 'Mallory' })).toBe(false);
    expect(verifyEnrolmentRequest({ ...request, boxPublicKey: attacker })).toBe(false);
    expect(keyPairFingerprint(request.signingPublicKey, attacker)).not.toBe(
      keyPairFingerprint(request.signingPublicKey, request.boxPublicKey),
    );
    expect(keyPairFingerprint(request.signingPublicKey, request.boxPublicKey)).toMatch(
      /^([0-9A-F]{4} ){7}[0-9A-F]{4}$/,
    );
    // Signed by another key than the one it carries: no proof of possession.
    const other = newSigningKeyPair();
    expect(verifyEnrolmentRequest({ ...request, signingPublicKey: other.publicKey })).toBe(false);
  });

  it('a sealed key naming a costlier scrypt than the app’s own is refused before any work', async () => {
    const signing = newSigningKeyPair();
    const request = await makeEnrolmentRequest({
      reviewerId: randomUUID(),
      name: 'Maria Lopez',
      email: null,
      createdAt: '2026-12-06T10:00:00.000Z',
      signingPrivateKey: signing.privateKey,
      boxPublicKey: newBoxKeyPair().publicKey,
      password: 'a long reviewer password',
      kdf: cheap,
    });
    const costly = (over: object) =>
      enrolmentRequestSchema.safeParse({
        ...request,
        sealedSigningKey: { ...request.sealedSigningKey, ...over },
      }).success;
    expect(costly({})).toBe(true);
    expect(costly({ N: 2 ** 17 })).toBe(true);
    expect(costly({ N: 2 ** 18 })).toBe(false);
    expect(costly({ N: 3000 })).toBe(false);
    expect(costly({ r: 64 })).toBe(false);
    expect(costly({ p: 4 })).toBe(false);
  });

  it('the schema names a bad field', () => {
    const r = enrolmentRequestSchema.safeParse({ format: 'hourkeep-reviewer-enrolment' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toContain('signingPublicKey');
  });
});
