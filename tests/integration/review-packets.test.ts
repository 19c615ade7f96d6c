import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  keyPairFingerprint,
  newBoxKeyPair,
  sealEnvelope,
} from '../../main/platform/review-crypto.js';
import {
  fingerprintOf,
  newSigningKeyPair,
  signText,
  verificationCode,
} from '../../main/platform/signing.js';
import type { ApiInput, ApiName } from '../../shared/api/contract.js';
import { envelopeSignedText } from '../../shared/domain/review-files.js';
import { coreEachTest } from '../support/core-each-test.js';
import { b64, reviewerComputer, type ReviewerComputer } from '../support/reviewer-sim.js';
import { call, keepNothing, seedTeamsWithAccounts, signInAs } from '../support/seed.js';
import { OWNER } from '../support/temp-core.js';
import type { TempCore } from '../support/temp-core.js';

const WEEK_1 = '2026-11-09';
const WEEK_2 = '2026-11-16';
const NOW = '2026-11-20T10:00:00.000Z';
const REVIEWER_PASSWORD = 'maria reviewer password';

type Ids = Awaited<ReturnType<typeof seedTeamsWithAccounts>>;

/** Sam logs hours in two weeks under Maria and submits both. */
async function seedTwoSubmittedWeeks(core: TempCore) {
  const ids = await seedTeamsWithAccounts(core);
  const entries: Record<string, number> = {};
  for (const [date, minutes] of [
    ['2026-11-10', 300],
    ['2026-11-17', 240],
  ] as const) {
    const e = await call(core, 'hours.add', {
      workerId: ids.worker.id,
      siteId: ids.site.id,
      supervisorId: ids.supervisor.id,
      date,
      category: 'direct_individual',
      minutes,
    });
    entries[date] = e.id;
  }
  signInAs(core, ids.sam);
  for (const weekStart of [WEEK_1, WEEK_2])
    await call(core, 'weeks.submit', { workerId: ids.worker.id, weekStart });
  signInAs(core, ids.owner);
  return { ...ids, entries };
}

/**
 * Offline review, the practice's side (issue 20), through the real core (SQLCipher file, real
 * keychain, dispatch): enrol a reviewer computer, export a packet, decide on it with
 * review-crypto exactly as the reviewer's app does, import the decision file. Then every kind of
 * bad file, each refused with its own message and nothing changed.
 */
describe('review packets and decision files', () => {
  const t = coreEachTest(NOW, seedTwoSubmittedWeeks, 60_000);
  const ids = (): Ids & { entries: Record<string, number> } => t.ids;

  const failure = async <K extends ApiName>(name: K, input: ApiInput<K>) => {
    const res = await t.core.invoke(name, input);
    if (res.ok) throw new Error(`${name} succeeded; a refusal was expected`);
    return res.error;
  };

  /** Everything an import could change, to compare before and after a refusal. */
  const state = async () => ({
    logs: await t.core.db('weekly_logs').orderBy('id'),
    signatures: await t.core.db('week_signatures').orderBy('id'),
    packets: await t.core.db('review_packets').orderBy('id'),
    enrolments: await t.core.db('reviewer_enrolments').orderBy('id'),
    keys: await t.core.db('signing_keys').orderBy('id'),
  });

  async function enrolMaria(adopt = false): Promise<ReviewerComputer> {
    const reviewer = await reviewerComputer('Maria Lopez', 'maria@example.org', REVIEWER_PASSWORD);
    await call(t.core, 'reviewers.enrol', {
      name: 'maria-lopez.hkenrol',
      base64: reviewer.requestBase64,
      supervisorId: ids().supervisor.id,
      fingerprintConfirmed: true,
      ...(adopt
        ? { adopt: { reviewerPassword: REVIEWER_PASSWORD, accountPassword: 'maria password 1' } }
        : {}),
    });
    return reviewer;
  }

  const exportForMaria = (expiresInDays = 30) =>
    call(t.core, 'reviews.exportPacket', { supervisorId: ids().supervisor.id, expiresInDays });

  const week = (weekStart: string) =>
    call(t.core, 'weeks.get', { workerId: ids().worker.id, weekStart });

  it('round trip: enrol, export, decide on the reviewer computer, import; the PDF shows the signature', async () => {
    const reviewer = await reviewerComputer('Maria Lopez', 'maria@example.org', REVIEWER_PASSWORD);
    const preview = await call(t.core, 'reviewers.previewEnrolment', {
      name: 'maria-lopez.hkenrol',
      base64: reviewer.requestBase64,
    });
    expect(preview).toMatchObject({
      name: 'Maria Lopez',
      email: 'maria@example.org',
      fingerprint: keyPairFingerprint(reviewer.signing.publicKey, reviewer.box.publicKey),
      enrolledFor: null,
    });
    expect(preview.candidates[0]).toMatchObject({
      supervisorId: ids().supervisor.id,
      match: 'email',
      hasAccount: true,
    });
    // Without the tick, nothing is enrolled.
    const unticked = await t.core.invoke('reviewers.enrol', {
      name: 'maria-lopez.hkenrol',
      base64: reviewer.requestBase64,
      supervisorId: ids().supervisor.id,
    } as never);
    expect(unticked.ok ? null : unticked.error.fields).toHaveProperty('fingerprintConfirmed');
    const enrolled = await call(t.core, 'reviewers.enrol', {
      name: 'maria-lopez.hkenrol',
      base64: reviewer.requestBase64,
      supervisorId: ids().supervisor.id,
      fingerprintConfirmed: true,
      adopt: { reviewerPassword: REVIEWER_PASSWORD, accountPassword: 'maria password 1' },
    });
    expect(enrolled).toMatchObject({ fingerprint: preview.fingerprint, revokedAt: null });
    // The signing key is recorded (audited) like any supervisor key.
    const keys = await call(t.core, 'weeks.signingKeys', { supervisorId: ids().supervisor.id });
    expect(keys.find((k) => k.retiredAt === null)?.publicKey).toBe(reviewer.signing.publicKey);

    const packet = await exportForMaria();
    expect(packet.fileName).toMatch(/^lakeside-family-therapy-maria-lopez-2026-11-20\.hkpacket$/);
    expect(packet.weeks.map((w) => w.weekStart)).toEqual([WEEK_1, WEEK_2]);
    // A disclosure to the supervisor, for review, per worker in the packet.
    const disclosures = await t.core.db('disclosures').where({ document: 'review-packet' });
    expect(disclosures).toHaveLength(1);
    expect(disclosures[0]).toMatchObject({
      person_type: 'worker',
      person_id: ids().worker.id,
      purpose: 'review',
      format: 'json',
    });
    expect(String(disclosures[0]?.recipient)).toContain('Maria Lopez');

    const opened = reviewer.openPacket(packet.base64);
    expect(opened.file.header).toMatchObject({
      practiceName: 'Lakeside Family Therapy',
      reviewerId: reviewer.reviewerId,
      supervisorId: ids().supervisor.id,
      expiresAt: '2026-12-20T10:00:00.000Z',
    });
    const first = opened.content.weeks[0];
    expect(first).toMatchObject({
      workerName: 'Sam Chen',
      weekStart: WEEK_1,
      version: 1,
      totals: { minutes: 300, entries: 1 },
    });
    expect(first?.document).toMatchObject({ signedAt: '', supervisor: { name: 'Maria Lopez' } });

    const signedAt = '2026-11-21T08:30:00.000Z';
    t.clock.set('2026-11-22T09:00:00');
    const decision = reviewer.decide(
      opened,
      [
        { workerId: ids().worker.id, weekStart: WEEK_1, action: 'approve' },
        {
          workerId: ids().worker.id,
          weekStart: WEEK_2,
          action: 'return',
          comment: 'Split Tuesday into individual and family.',
        },
      ],
      signedAt,
    );
    const before = await state();
    const previewed = await call(t.core, 'reviews.previewDecisions', {
      name: 'maria.hkdecision',
      base64: decision.base64,
    });
    expect(previewed.rows.map((r) => [r.weekStart, r.action, r.outcome])).toEqual([
      [WEEK_1, 'approve', 'apply'],
      [WEEK_2, 'return', 'apply'],
    ]);
    expect(await state()).toEqual(before);

    const imported = await call(t.core, 'reviews.importDecisions', {
      name: 'maria.hkdecision',
      base64: decision.base64,
    });
    expect(imported).toMatchObject({ applied: 2, refused: 0 });

    const approved = await week(WEEK_1);
    expect(approved.status).toBe('approved');
    const signature = approved.signatures[0];
    expect(signature).toMatchObject({
      scheme: 'ed25519',
      valid: true,
      signedAt,
      signerName: 'Maria Lopez',
      keyFingerprint: fingerprintOf(reviewer.signing.publicKey),
      signature: decision.decisions[0]?.weekSignature,
    });
    const returned = await week(WEEK_2);
    expect(returned).toMatchObject({
      status: 'returned',
      returnComment: 'Split Tuesday into individual and family.',
    });
    expect(await call(t.core, 'audit.verify', {})).toMatchObject({
      intact: true,
      signatures: { broken: [] },
    });

    // The weekly log PDF prints the sign-off made on the reviewer's computer.
    const pdf = await call(t.core, 'reports.weeklyLog', {
      workerId: ids().worker.id,
      weekStart: WEEK_1,
      recipient: 'California BBS',
      purpose: 'Licensure application',
    });
    const path = join(t.core.folder, 'weekly-log.pdf');
    writeFileSync(path, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('Maria Lopez');
    expect(text).toContain(verificationCode(String(decision.decisions[0]?.weekSignature)));
    expect(text).toContain(fingerprintOf(reviewer.signing.publicKey));

    // Adopted: Maria's workstation sign-offs use the same recorded key.
    signInAs(t.core, ids().sam);
    await call(t.core, 'hours.update', {
      id: ids().entries['2026-11-17'] ?? 0,
      workerId: ids().worker.id,
      siteId: ids().site.id,
      supervisorId: ids().supervisor.id,
      date: '2026-11-17',
      category: 'direct_family',
      minutes: 240,
    });
    await call(t.core, 'weeks.submit', { workerId: ids().worker.id, weekStart: WEEK_2 });
    signInAs(t.core, ids().maria);
    const atWorkstation = await call(t.core, 'weeks.approve', {
      workerId: ids().worker.id,
      weekStart: WEEK_2,
      password: 'maria password 1',
    });
    expect(atWorkstation.signatures[0]?.keyFingerprint).toBe(
      fingerprintOf(reviewer.signing.publicKey),
    );
    expect(atWorkstation.signatures[0]?.valid).toBe(true);
  });

  it('a week changed since the packet is refused with the reason; the rest is applied', async () => {
    const reviewer = await enrolMaria();
    const opened = reviewer.openPacket((await exportForMaria()).base64);
    // At the workstation Maria returns week 1, Sam changes it and submits it again.
    signInAs(t.core, ids().maria);
    await call(t.core, 'weeks.return', {
      workerId: ids().worker.id,
      weekStart: WEEK_1,
      comment: 'Check Tuesday.',
    });
    signInAs(t.core, ids().sam);
    const entryId = ids().entries['2026-11-10'] ?? 0;
    await call(t.core, 'hours.update', {
      id: entryId,
      workerId: ids().worker.id,
      siteId: ids().site.id,
      supervisorId: ids().supervisor.id,
      date: '2026-11-10',
      category: 'direct_individual',
      minutes: 360,
    });
    await call(t.core, 'weeks.submit', { workerId: ids().worker.id, weekStart: WEEK_1 });
    signInAs(t.core, ids().owner);
    const decision = reviewer.decide(
      opened,
      [
        { workerId: ids().worker.id, weekStart: WEEK_1, action: 'approve' },
        { workerId: ids().worker.id, weekStart: WEEK_2, action: 'approve' },
      ],
      '2026-11-21T08:30:00.000Z',
    );
    const input = { name: 'maria.hkdecision', base64: decision.base64 };
    const preview = await call(t.core, 'reviews.previewDecisions', input);
    expect(preview.rows[0]).toMatchObject({ weekStart: WEEK_1, outcome: 'refuse' });
    expect(preview.rows[0]?.reason).toContain('changed since the packet');
    expect(preview.rows[0]?.reason).toContain(
      `entries[id ${entryId}].minutes: signed 300, now 360`,
    );
    const result = await call(t.core, 'reviews.importDecisions', input);
    expect(result).toMatchObject({ applied: 1, refused: 1 });
    expect((await week(WEEK_1)).status).toBe('submitted');
    expect((await week(WEEK_2)).status).toBe('approved');
  });

  it('a worker exports a packet of their own weeks for their supervisor, not of another’s', async () => {
    await enrolMaria();
    signInAs(t.core, ids().sam);
    const own = await call(t.core, 'reviews.exportPacket', {
      supervisorId: ids().supervisor.id,
      workerId: ids().worker.id,
      expiresInDays: 7,
    });
    expect(own.weeks).toHaveLength(2);
    const other = await failure('reviews.exportPacket', {
      supervisorId: ids().supervisor.id,
      workerId: ids().priya,
      expiresInDays: 7,
    });
    expect(other.code).toBe('forbidden');
    signInAs(t.core, ids().owner);
    const none = await failure('reviews.exportPacket', {
      supervisorId: ids().davidId,
      expiresInDays: 7,
    });
    expect(none).toMatchObject({ code: 'conflict' });
    expect(none.message).toContain('David Okafor has no enrolled reviewer computer');
    const tooLong = await failure('reviews.exportPacket', {
      supervisorId: ids().supervisor.id,
      expiresInDays: 91,
    });
    expect(tooLong.fields).toMatchObject({ expiresInDays: 'At most 90 days' });
  });

  it('erasing a worker removes their weeks from the packet records', async () => {
    await enrolMaria();
    await exportForMaria();
    const packetText = async () =>
      ((await t.core.db('review_packets').select('weeks_json')) as { weeks_json: string }[])
        .map((r) => r.weeks_json)
        .join('\n');
    expect(await packetText()).toContain('Sam Chen');
    await keepNothing(t.core);
    const erased = await call(t.core, 'privacy.deletion.execute', {
      personType: 'worker',
      personId: ids().worker.id,
      password: OWNER.password,
    });
    expect(erased.verdict).toBe('complete');
    expect(await packetText()).not.toContain('Sam Chen');
    expect(await t.core.db('review_packets')).toHaveLength(1);
  });

  it('an approval dated before the packet was made, or days ahead, is refused for that week', async () => {
    const reviewer = await enrolMaria();
    const opened = reviewer.openPacket((await exportForMaria()).base64);
    const decide = (signedAt: string) =>
      call(t.core, 'reviews.previewDecisions', {
        name: 'maria.hkdecision',
        base64: reviewer.decide(
          opened,
          [{ workerId: ids().worker.id, weekStart: WEEK_1, action: 'approve' }],
          signedAt,
        ).base64,
      });
    expect((await decide('2026-11-19T10:00:00.000Z')).rows[0]?.reason).toContain(
      'outside the packet’s life',
    );
    expect((await decide('2026-11-25T10:00:00.000Z')).rows[0]?.reason).toContain(
      'outside the packet’s life',
    );
    expect((await decide('2026-11-20T11:00:00.000Z')).rows[0]).toMatchObject({
      outcome: 'apply',
    });
  });

  describe('bad enrolment requests are refused, naming the file, and enrol nothing', () => {
    it.each([
      ['not JSON', () => b64('%PDF-1.4 not json'), 'not a Hourkeep enrolment request'],
      ['truncated', (r: ReviewerComputer) => r.requestBase64.slice(0, 200), 'cut short'],
      [
        'another kind of file',
        () => b64({ format: 'hourkeep-review-packet' }),
        'is not a Hourkeep enrolment request',
      ],
      [
        'tampered (name changed)',
        (r: ReviewerComputer) => b64({ ...r.request, name: 'Mallory' }),
        'tampered',
      ],
      [
        'tampered (box key swapped)',
        (r: ReviewerComputer) => b64({ ...r.request, boxPublicKey: newBoxKeyPair().publicKey }),
        'tampered',
      ],
    ])('%s', async (_what, make, message) => {
      const reviewer = await reviewerComputer(
        'Maria Lopez',
        'maria@example.org',
        REVIEWER_PASSWORD,
      );
      const before = await state();
      const file = { name: 'maria.hkenrol', base64: make(reviewer) };
      for (const err of [
        await failure('reviewers.previewEnrolment', file),
        await failure('reviewers.enrol', {
          ...file,
          supervisorId: ids().supervisor.id,
          fingerprintConfirmed: true,
        }),
      ]) {
        expect(err.code).toBe('validation');
        expect(err.message).toContain('maria.hkenrol: ');
        expect(err.message).toContain(message);
        expect(err.fields).toHaveProperty('file');
      }
      expect(await state()).toEqual(before);
    });

    it('a wrong reviewer or account password for adopting the key', async () => {
      const reviewer = await reviewerComputer(
        'Maria Lopez',
        'maria@example.org',
        REVIEWER_PASSWORD,
      );
      const before = await state();
      const enrol = (reviewerPassword: string, accountPassword: string) =>
        failure('reviewers.enrol', {
          name: 'maria.hkenrol',
          base64: reviewer.requestBase64,
          supervisorId: ids().supervisor.id,
          fingerprintConfirmed: true,
          adopt: { reviewerPassword, accountPassword },
        });
      expect((await enrol('wrong', 'maria password 1')).fields).toHaveProperty(
        'adopt.reviewerPassword',
      );
      expect((await enrol(REVIEWER_PASSWORD, 'wrong')).fields).toHaveProperty(
        'adopt.accountPassword',
      );
      expect(await state()).toEqual(before);
    });
  });

  describe('bad decision files are refused, naming the file and what is wrong, and change nothing', () => {
    /** Maria enrolled, a packet exported and opened on her computer. */
    async function exported() {
      const reviewer = await enrolMaria();
      const opened = reviewer.openPacket((await exportForMaria()).base64);
      const approveBoth = [
        { workerId: ids().worker.id, weekStart: WEEK_1, action: 'approve' as const },
        { workerId: ids().worker.id, weekStart: WEEK_2, action: 'approve' as const },
      ];
      return { reviewer, opened, approveBoth };
    }

    async function refused(base64: string, message: string, code = 'validation') {
      const before = await state();
      for (const name of ['reviews.previewDecisions', 'reviews.importDecisions'] as const) {
        const err = await failure(name, { name: 'maria.hkdecision', base64 });
        expect(err.code, err.message).toBe(code);
        expect(err.message).toContain('maria.hkdecision: ');
        expect(err.message).toContain(message);
      }
      expect(await state()).toEqual(before);
    }

    it('not a decision file (JSON of another kind, an enrolment request, not JSON)', async () => {
      const { reviewer } = await exported();
      await refused(b64({ hello: 'world' }), 'is not a Hourkeep decision file');
      await refused(reviewer.requestBase64, 'is not a Hourkeep decision file');
      await refused(b64('PK\u0003\u0004 zip bytes'), 'is not a Hourkeep decision file');
    });

    it('truncated', async () => {
      const { reviewer, opened, approveBoth } = await exported();
      const { envelope } = reviewer.decide(opened, approveBoth, NOW);
      const text = JSON.stringify(envelope);
      await refused(b64(text.slice(0, Math.floor(text.length * 0.6))), 'cut short');
      // Whole JSON but a field missing.
      await refused(
        b64({ header: envelope.header, box: envelope.box }),
        'incomplete or damaged (signature',
      );
    });

    it('tampered: a header field, the ciphertext, or content re-signed that no longer opens', async () => {
      const { reviewer, opened, approveBoth } = await exported();
      const { envelope } = reviewer.decide(opened, approveBoth, NOW);
      await refused(
        b64({ ...envelope, header: { ...envelope.header, createdAt: '2026-11-19T00:00:00.000Z' } }),
        'tampered',
      );
      const flipped = Buffer.from(envelope.box.ciphertext, 'base64');
      flipped[5] = (flipped[5] ?? 0) ^ 1;
      const box = { ...envelope.box, ciphertext: flipped.toString('base64') };
      await refused(b64({ ...envelope, box }), 'tampered');
      // Signed again by the reviewer's own key, but the sealed content was changed: GCM fails.
      const resigned = {
        header: envelope.header,
        box,
        signature: signText(
          reviewer.signing.privateKey,
          envelopeSignedText({ header: envelope.header, box }),
        ),
      };
      await refused(b64(resigned), 'does not open');
    });

    it('expired packet', async () => {
      const { reviewer, opened, approveBoth } = await exported();
      const { base64 } = reviewer.decide(opened, approveBoth, NOW);
      t.clock.set('2026-12-21T10:00:00');
      await refused(base64, 'expired on');
    });

    it('replayed: the same file again, or another file with a decision id already seen', async () => {
      const { reviewer, opened } = await exported();
      const first = reviewer.decide(
        opened,
        [{ workerId: ids().worker.id, weekStart: WEEK_1, action: 'approve' }],
        NOW,
      );
      await call(t.core, 'reviews.importDecisions', {
        name: 'maria.hkdecision',
        base64: first.base64,
      });
      await refused(first.base64, 'already imported', 'conflict');
      const again = reviewer.decide(
        opened,
        [{ workerId: ids().worker.id, weekStart: WEEK_2, action: 'return', comment: 'Again' }],
        NOW,
      );
      await refused(again.base64, 'already imported', 'conflict');
      // A new packet answered with the earlier file's decision id.
      const second = reviewer.openPacket((await exportForMaria()).base64);
      const reused = reviewer.decide(
        second,
        [{ workerId: ids().worker.id, weekStart: WEEK_2, action: 'return', comment: 'Again' }],
        NOW,
        { header: { decisionId: first.envelope.header.decisionId } },
      );
      await refused(reused.base64, 'already imported', 'conflict');
    });

    it('for another supervisor', async () => {
      const { opened, approveBoth } = await exported();
      const david = await reviewerComputer(
        'David Okafor',
        'david@example.org',
        'david reviewer pw',
      );
      await call(t.core, 'reviewers.enrol', {
        name: 'david.hkenrol',
        base64: david.requestBase64,
        supervisorId: ids().davidId,
        fingerprintConfirmed: true,
      });
      // David's computer answers Maria's packet, in his own name and with his own key.
      const { base64 } = david.decide(opened, approveBoth, NOW, {
        header: { supervisorId: ids().davidId },
      });
      await refused(base64, 'for another supervisor');
    });

    it('from another practice', async () => {
      const { reviewer, opened, approveBoth } = await exported();
      const { base64 } = reviewer.decide(opened, approveBoth, NOW, {
        header: { practiceId: randomUUID() },
      });
      await refused(base64, 'from another practice');
    });

    it('signed with an unenrolled key, or a revoked one', async () => {
      const { reviewer, opened, approveBoth } = await exported();
      const stranger = reviewer.decide(opened, approveBoth, NOW, {
        signWith: newSigningKeyPair().privateKey,
      });
      await refused(stranger.base64, 'not enrolled');
      const genuine = reviewer.decide(opened, approveBoth, NOW);
      await call(t.core, 'reviewers.revoke', { supervisorId: ids().supervisor.id });
      await refused(genuine.base64, 'revoked');
    });

    it('unknown packet', async () => {
      const { reviewer, opened, approveBoth } = await exported();
      const { base64 } = reviewer.decide(opened, approveBoth, NOW, {
        header: { packetId: randomUUID() },
      });
      await refused(base64, 'never exported (unknown packet)');
    });

    it('sealed to another key than the practice’s', async () => {
      const { reviewer, opened, approveBoth } = await exported();
      const { base64 } = reviewer.decide(opened, approveBoth, NOW, {
        sealTo: newBoxKeyPair().publicKey,
      });
      await refused(base64, 'does not open');
    });

    it('a forged approval inside a genuine file is refused for that week only', async () => {
      const { reviewer, opened } = await exported();
      const { envelope, decisions } = reviewer.decide(
        opened,
        [
          { workerId: ids().worker.id, weekStart: WEEK_1, action: 'approve' },
          { workerId: ids().worker.id, weekStart: WEEK_2, action: 'return', comment: 'Fix it' },
        ],
        NOW,
      );
      // The reviewer's app re-signs, but the week signature is of another document.
      const forged = [
        { ...decisions[0], weekSignature: signText(reviewer.signing.privateKey, 'other') },
        decisions[1],
      ];
      const file = sealEnvelope(
        envelope.header,
        { decisions: forged },
        opened.file.header.practiceBoxKey,
        reviewer.signing.privateKey,
      );
      const preview = await call(t.core, 'reviews.previewDecisions', {
        name: 'maria.hkdecision',
        base64: b64(file),
      });
      expect(preview.rows.map((r) => [r.outcome, r.reason])).toEqual([
        ['refuse', 'The approval’s signature does not match the week’s document.'],
        ['apply', null],
      ]);
    });
  });
});
