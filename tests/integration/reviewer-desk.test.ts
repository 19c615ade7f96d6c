import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core.js';
import { createMemorySecretStore } from '../../main/platform/memory-secret-store.js';
import {
  keyPairFingerprint,
  newBoxKeyPair,
  openEnvelope,
  openSigningKey,
  verifyEnrolmentRequest,
  verifyEnvelope,
} from '../../main/platform/review-crypto.js';
import { verificationCode, verifyText } from '../../main/platform/signing.js';
import { openCore } from '../../main/core.js';
import {
  approvedDocument,
  decisionContentSchema,
  decisionFileSchema,
  enrolmentRequestSchema,
  signingKeyAad,
} from '../../shared/domain/review-files.js';
import type { PacketView, ReviewerStatus } from '../../shared/domain/reviewer.js';
import { canonicalJson } from '../../shared/domain/week-document.js';
import {
  TEST_PASSWORD_KDF,
  completeSetup,
  fakeClock,
  openTestCore,
  tempFolder,
  testSecretStore,
} from '../support/temp-core.js';
import { practice, week } from '../support/review-practice.js';

/**
 * The reviewer side of offline review (issue 20) through the real core and dispatch: a real
 * data folder, the real keychain, real files. The practice is played here with review-crypto
 * directly (its own keys, sealing a packet to the reviewer as the workstation does), so this
 * test stands without the practice's export.
 */
const PASSWORD = 'reviewer password 1';
const clock = fakeClock('2026-11-20T10:00:00Z');

async function call<T>(core: Core, name: string, input: unknown = {}): Promise<T> {
  const r = await core.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
async function refusal(core: Core, name: string, input: unknown = {}) {
  const r = await core.invoke(name, input);
  if (r.ok) throw new Error(`${name} was not refused`);
  return r.error;
}

const upload = (name: string, value: unknown) => ({
  upload: {
    name,
    base64: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString(
      'base64',
    ),
  },
});

describe('reviewer profile and packets (issue 20)', () => {
  let folder: ReturnType<typeof tempFolder>;
  let core: Core;
  let status: ReviewerStatus;
  let enrolment: ReturnType<typeof enrolmentRequestSchema.parse>;

  beforeEach(async () => {
    clock.set('2026-11-20T10:00:00Z');
    folder = tempFolder('hourkeep-reviewer-');
    core = await openTestCore(folder.path, clock);
    status = await call<ReviewerStatus>(core, 'reviewer.createProfile', {
      name: 'Maria Lopez',
      email: 'maria@example.org',
      password: PASSWORD,
    });
    const file = await call<{ fileName: string; base64: string; fingerprint: string }>(
      core,
      'reviewer.enrolmentRequest',
    );
    enrolment = enrolmentRequestSchema.parse(
      JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')),
    );
  });
  afterEach(async () => {
    await core.close();
    folder.remove();
  });

  it('makes a profile instead of a practice, bound to the password and the keychain, with a signed enrolment request', async () => {
    expect(status.state).toBe('unlocked');
    expect((await call<{ phase: string }>(core, 'auth.status')).phase).toBe('reviewer');
    expect(existsSync(join(folder.path, 'reviewer.json'))).toBe(true);
    expect(existsSync(join(folder.path, 'hourkeep.db'))).toBe(false);
    // No practice can be set up in the same folder.
    expect((await refusal(core, 'setup.prepare')).code).toBe('conflict');
    // The enrolment request proves possession of the signing key; both screens show one fingerprint.
    expect(verifyEnrolmentRequest(enrolment)).toBe(true);
    expect(enrolment.reviewerId).toBe(status.profile?.reviewerId);
    expect(status.profile?.fingerprint).toBe(
      keyPairFingerprint(enrolment.signingPublicKey, enrolment.boxPublicKey),
    );
    // The profile file holds no private key in clear, and the cheap test KDF was respected.
    const profile = JSON.parse(readFileSync(join(folder.path, 'reviewer.json'), 'utf8')) as {
      kdf: { N: number };
      sealedKeys: unknown;
    };
    expect(profile.kdf.N).toBe(TEST_PASSWORD_KDF.N);
    expect(enrolment.sealedSigningKey.N).toBe(TEST_PASSWORD_KDF.N);
    expect(JSON.stringify(profile)).not.toMatch(/PRIVATE KEY|signingPrivateKey/);

    // Reopened (a restart): locked until the password is given, then the same profile.
    await core.close();
    // A crash in the middle of an atomic write leaves a .partial file: removed at the next start.
    const partial = join(folder.path, '.reviewer.json.0a1b2c.partial');
    writeFileSync(partial, '{"half":');
    core = await openTestCore(folder.path, clock);
    expect(existsSync(partial)).toBe(false);
    expect((await call<ReviewerStatus>(core, 'reviewer.status')).state).toBe('locked');
    expect((await refusal(core, 'reviewer.packets')).code).toBe('locked');
    const wrong = await refusal(core, 'reviewer.unlock', { password: 'not the password' });
    expect(wrong.code).toBe('validation');
    expect(wrong.fields).toEqual({ password: 'Wrong password' });
    clock.advance(5_000);
    const unlocked = await call<ReviewerStatus>(core, 'reviewer.unlock', { password: PASSWORD });
    expect(unlocked).toMatchObject({ state: 'unlocked', profile: status.profile });
  });

  it('opens a packet, approves with a signature over the exact document, returns with a comment, and seals the decision file to the practice', async () => {
    const lakeside = practice();
    const envelope = lakeside.packet(enrolment.reviewerId, enrolment.boxPublicKey);
    const opened = await call<{
      packet: { packetId: string; practiceFingerprint: string };
      pinnedNow: boolean;
    }>(core, 'reviewer.openPacket', upload('lakeside.hkpacket', envelope));
    expect(opened.pinnedNow).toBe(true);
    expect(opened.packet.practiceFingerprint).toBe(
      keyPairFingerprint(lakeside.signing.publicKey, lakeside.box.publicKey),
    );
    const { packetId } = opened.packet;
    // Kept as received: the stored copy is the sealed file, byte for byte.
    expect(readFileSync(join(folder.path, 'packets', `${packetId}.hkpacket`), 'utf8')).toBe(
      JSON.stringify(envelope),
    );

    const view = await call<PacketView>(core, 'reviewer.packet', { packetId });
    expect(view.items.map((w) => [w.workerName, w.warnings, w.decision])).toEqual([
      ['Sam Chen', ['No supervision logged this week'], null],
      ['Ana Ruiz', ['No supervision logged this week'], null],
    ]);

    const missing = await refusal(core, 'reviewer.decide', {
      packetId,
      workerId: 2,
      weekStart: '2026-11-16',
      action: 'return',
      comment: '',
    });
    expect(missing.fields).toHaveProperty('comment');
    // A comment that looks like an SSN is flagged, as at the workstation; confirmed, it is kept.
    const flagged = {
      packetId,
      workerId: 2,
      weekStart: '2026-11-16',
      action: 'return',
      comment: 'Client SSN 123-45-6789 in the note',
    };
    expect((await refusal(core, 'reviewer.decide', flagged)).code).toBe('sensitive_text');
    await call(core, 'reviewer.decide', { ...flagged, confirmSensitive: true });

    clock.set('2026-11-21T08:30:00Z');
    const approved = await call<PacketView>(core, 'reviewer.decide', {
      packetId,
      workerId: 1,
      weekStart: '2026-11-16',
      action: 'approve',
    });
    const approval = approved.items[0]?.decision;
    expect(approval).toMatchObject({ action: 'approve', signedAt: '2026-11-21T08:30:00.000Z' });
    await call(core, 'reviewer.decide', {
      packetId,
      workerId: 2,
      weekStart: '2026-11-16',
      action: 'return',
      comment: 'Tuesday has no site',
    });
    // Drafts are sealed on disk: the comment is nowhere in the data folder in clear.
    const state = readFileSync(join(folder.path, 'reviewer-state.json'), 'utf8');
    expect(state).not.toContain('Tuesday has no site');

    const saved = await call<{ fileName: string; base64: string }>(core, 'reviewer.decisionFile', {
      packetId,
    });
    expect(saved.fileName).toBe('maria-lopez-2026-11-21.hkdecision');
    const file = decisionFileSchema.parse(
      JSON.parse(Buffer.from(saved.base64, 'base64').toString('utf8')),
    );
    expect(file.header).toMatchObject({
      packetId,
      practiceId: 'practice-1',
      reviewerId: enrolment.reviewerId,
      supervisorId: 7,
    });
    // Signed by the enrolled key, opened only with the practice's box key.
    expect(verifyEnvelope(file, enrolment.signingPublicKey)).toBe(true);
    const content = decisionContentSchema.parse(openEnvelope(file, lakeside.box.privateKey));
    const [approve, giveBack] = content.decisions;
    if (!approve?.signedAt || !approve.weekSignature) throw new Error('no approval in the file');
    expect(giveBack).toEqual({
      workerId: 2,
      weekStart: '2026-11-16',
      version: 1,
      action: 'return',
      comment: 'Tuesday has no site',
      signedAt: null,
      weekSignature: null,
    });
    // The signature covers exactly the document the practice rebuilds, signedAt filled in.
    const document = week(1, 'Sam Chen', '2026-11-16', 360).document;
    const signedText = canonicalJson(approvedDocument(document, approve.signedAt));
    expect(verifyText(enrolment.signingPublicKey, signedText, approve.weekSignature)).toBe(true);
    expect(approval?.verificationCode).toBe(verificationCode(approve.weekSignature));
  });

  it('refuses bad packets with the reason, naming the file, and keeps nothing of them', async () => {
    const lakeside = practice();
    const good = lakeside.packet(enrolment.reviewerId, enrolment.boxPublicKey);
    const text = JSON.stringify(good);
    const reason = async (name: string, value: unknown) => {
      const e = await refusal(core, 'reviewer.openPacket', upload(name, value));
      expect(e.code).toBe('validation');
      expect(e.message.startsWith(`${name}: `)).toBe(true);
      return e.message;
    };

    expect(await reason('cut.hkpacket', text.slice(0, text.length - 40))).toMatch(/cut short/);
    expect(await reason('notes.txt', 'hello')).toMatch(/not a review packet/);
    expect(await reason('enrol.hkenrol', enrolment)).toMatch(/not a review packet/);
    // Any byte of the sealed content changed: the practice's signature no longer matches. The
    // first character is swapped for another (a fixed 'A' left one packet in 64 unchanged).
    const first = good.box.ciphertext[0] === 'A' ? 'B' : 'A';
    const tampered = {
      ...good,
      box: { ...good.box, ciphertext: `${first}${good.box.ciphertext.slice(1)}` },
    };
    expect(await reason('tampered.hkpacket', tampered)).toMatch(
      /changed after the practice made it/,
    );
    // A header changed and signed again by someone holding the practice's key still does not open.
    expect(
      await reason(
        'expired.hkpacket',
        lakeside.packet(enrolment.reviewerId, enrolment.boxPublicKey, {
          expiresAt: '2026-11-19T00:00:00.000Z',
        }),
      ),
    ).toMatch(/expired on 19 Nov 2026/);
    const someoneElse = newBoxKeyPair();
    expect(
      await reason('other.hkpacket', lakeside.packet(randomUUID(), someoneElse.publicKey)),
    ).toMatch(/for another reviewer/);
    // Sealed to another box key but addressed to this reviewer: it does not decrypt.
    expect(
      await reason(
        'wrong-key.hkpacket',
        lakeside.packet(enrolment.reviewerId, someoneElse.publicKey),
      ),
    ).toMatch(/could not be decrypted/);
    expect(await call<unknown[]>(core, 'reviewer.packets')).toEqual([]);

    // The first packet from a practice pins its keys; another key pair claiming the same
    // practice id is refused.
    await call(core, 'reviewer.openPacket', upload('good.hkpacket', good));
    const impostor = practice('practice-1');
    expect(
      await reason(
        'impostor.hkpacket',
        impostor.packet(enrolment.reviewerId, enrolment.boxPublicKey),
      ),
    ).toMatch(/not the ones pinned from that practice's first packet/);
    expect(await call<unknown[]>(core, 'reviewer.packets')).toHaveLength(1);
    expect(readdirSync(join(folder.path, 'packets'))).toHaveLength(1);
  });

  it('locks on idle time and on demand, wiping the keys, and a profile does not open with another keychain', async () => {
    const lakeside = practice();
    await call(
      core,
      'reviewer.openPacket',
      upload('p.hkpacket', lakeside.packet(enrolment.reviewerId, enrolment.boxPublicKey)),
    );
    const changes: boolean[] = [];
    core.onLockChange((c) => changes.push(c.locked));
    clock.advance(6 * 60_000);
    core.tick();
    expect((await call<ReviewerStatus>(core, 'reviewer.status')).lockReason).toBe('idle');
    expect((await refusal(core, 'reviewer.packets')).code).toBe('locked');
    expect(changes).toEqual([true]);
    // Nothing to lock while locked; the menu's Lock item follows core.canLock().
    expect(core.canLock()).toBe(false);
    await call(core, 'reviewer.unlock', { password: PASSWORD });
    expect(core.canLock()).toBe(true);
    expect(await call<unknown[]>(core, 'reviewer.packets')).toHaveLength(1);
    expect((await call<ReviewerStatus>(core, 'reviewer.lock')).state).toBe('locked');
    expect((await refusal(core, 'reviewer.enrolmentRequest')).code).toBe('locked');

    // The same folder with another keychain (another computer): the password alone opens nothing.
    await core.close();
    const elsewhere = await openCore({
      dataFolder: folder.path,
      version: 'test',
      secrets: createMemorySecretStore(),
      clock,
      passwordKdf: TEST_PASSWORD_KDF,
    });
    try {
      const e = await refusal(elsewhere, 'reviewer.unlock', { password: PASSWORD });
      expect(e.code).toBe('conflict');
      expect(e.message).toMatch(/not in this computer's keychain/);
    } finally {
      await elsewhere.close();
    }
    core = await openTestCore(folder.path, clock);
  });

  it('changes the password: the old one opens nothing, the new one opens the same keys, packets and drafts, and the enrolment request is sealed under it', async () => {
    const lakeside = practice();
    const opened = await call<{ packet: { packetId: string } }>(
      core,
      'reviewer.openPacket',
      upload('p.hkpacket', lakeside.packet(enrolment.reviewerId, enrolment.boxPublicKey)),
    );
    const { packetId } = opened.packet;
    await call(core, 'reviewer.decide', {
      packetId,
      workerId: 2,
      weekStart: '2026-11-16',
      action: 'return',
      comment: 'Tuesday has no site',
    });
    const before = readFileSync(join(folder.path, 'reviewer.json'), 'utf8');
    // A wrong current password is answered on its field; a weak new one on its; nothing changes.
    const wrong = await refusal(core, 'reviewer.changePassword', {
      currentPassword: 'not the password',
      newPassword: 'reviewer password 2',
    });
    expect(wrong).toMatchObject({
      code: 'validation',
      fields: { currentPassword: 'Wrong password' },
    });
    clock.advance(5_000);
    const weak = await refusal(core, 'reviewer.changePassword', {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(weak.fields).toHaveProperty('newPassword');
    expect(readFileSync(join(folder.path, 'reviewer.json'), 'utf8')).toBe(before);

    await call(core, 'reviewer.changePassword', {
      currentPassword: PASSWORD,
      newPassword: 'reviewer password 2',
    });
    await call(core, 'reviewer.lock');
    const old = await refusal(core, 'reviewer.unlock', { password: PASSWORD });
    expect(old.fields).toEqual({ password: 'Wrong password' });
    clock.advance(5_000);
    const again = await call<ReviewerStatus>(core, 'reviewer.unlock', {
      password: 'reviewer password 2',
    });
    // The same keys (one fingerprint), the same packet and draft.
    expect(again.profile).toEqual(status.profile);
    const view = await call<PacketView>(core, 'reviewer.packet', { packetId });
    expect(view.items[1]?.decision).toMatchObject({ comment: 'Tuesday has no site' });
    // The enrolment request now carries the signing key under the new password only.
    const file = await call<{ base64: string }>(core, 'reviewer.enrolmentRequest');
    const request = enrolmentRequestSchema.parse(
      JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')),
    );
    expect(verifyEnrolmentRequest(request)).toBe(true);
    expect(request.signingPublicKey).toBe(enrolment.signingPublicKey);
    const aad = signingKeyAad(request.reviewerId, request.signingPublicKey);
    expect(await openSigningKey(request.sealedSigningKey, PASSWORD, aad)).toBeNull();
    expect(
      await openSigningKey(request.sealedSigningKey, 'reviewer password 2', aad),
    ).not.toBeNull();
  });

  it('removes the profile only with the password: packets, drafts, the profile and its keychain secret go, and a new profile can be made', async () => {
    const lakeside = practice();
    await call(
      core,
      'reviewer.openPacket',
      upload('p.hkpacket', lakeside.packet(enrolment.reviewerId, enrolment.boxPublicKey)),
    );
    const account = `reviewer-profile-${enrolment.reviewerId}`;
    const keychain = testSecretStore();
    expect(await keychain.get(account)).not.toBeNull();
    const wrong = await refusal(core, 'reviewer.removeProfile', { password: 'not the password' });
    expect(wrong.fields).toEqual({ password: 'Wrong password' });
    expect(readdirSync(folder.path)).toEqual(
      expect.arrayContaining(['reviewer.json', 'reviewer-state.json', 'packets']),
    );

    clock.advance(5_000);
    const gone = await call<ReviewerStatus>(core, 'reviewer.removeProfile', { password: PASSWORD });
    expect(gone).toMatchObject({ state: 'none', profile: null });
    for (const name of ['reviewer.json', 'reviewer-state.json', 'packets'])
      expect(existsSync(join(folder.path, name))).toBe(false);
    expect(await keychain.get(account)).toBeNull();
    // First run again: the folder may now hold a practice or a new profile.
    expect((await call<{ phase: string }>(core, 'auth.status')).phase).toBe('setup');
    const fresh = await call<ReviewerStatus>(core, 'reviewer.createProfile', {
      name: 'Maria Lopez',
      email: null,
      password: PASSWORD,
    });
    expect(fresh.profile?.reviewerId).not.toBe(enrolment.reviewerId);
  });

  it('a damaged reviewer.json still lets the app start, in reviewer mode, and says what is wrong', async () => {
    await core.close();
    writeFileSync(join(folder.path, 'reviewer.json'), '{"format":"hourkeep-reviewer-prof');
    core = await openTestCore(folder.path, clock);
    expect((await call<{ phase: string }>(core, 'auth.status')).phase).toBe('reviewer');
    const s = await call<ReviewerStatus>(core, 'reviewer.status');
    expect(s).toMatchObject({ state: 'locked', profile: null });
    expect(s.problem).toMatch(/reviewer\.json in the data folder is damaged/);
    const e = await refusal(core, 'reviewer.unlock', { password: PASSWORD });
    expect(e).toMatchObject({ code: 'conflict', message: s.problem });
    expect(
      (
        await refusal(core, 'reviewer.createProfile', {
          name: 'X',
          email: null,
          password: PASSWORD,
        })
      ).code,
    ).toBe('conflict');
    expect((await refusal(core, 'setup.prepare')).code).toBe('conflict');
  });

  it('a practice folder makes no reviewer profile and answers reviewer calls with conflict', async () => {
    const other = tempFolder('hourkeep-practice-');
    const practiceCore = await openTestCore(other.path, clock);
    try {
      await completeSetup(practiceCore);
      const e = await refusal(practiceCore, 'reviewer.createProfile', {
        name: 'X',
        email: null,
        password: PASSWORD,
      });
      expect(e.code).toBe('conflict');
      expect((await call<ReviewerStatus>(practiceCore, 'reviewer.status')).state).toBe('none');
      expect(existsSync(join(other.path, 'reviewer.json'))).toBe(false);
    } finally {
      await practiceCore.close();
      other.remove();
    }
  });
});
