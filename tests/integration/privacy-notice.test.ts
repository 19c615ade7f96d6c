import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_NOTICE_VERSION } from '../../shared/domain/privacy/notice.js';
import { consentedPeople } from '../../main/services/privacy/consent-state.js';
import { call, seedPractice } from '../support/seed.js';
import { OWNER, fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

const PW = 'a password 123';

describe('privacy notice, consents and sensitive free text', () => {
  let core: TempCore;
  let clock: ReturnType<typeof fakeClock>;
  let seeded: Awaited<ReturnType<typeof seedPractice>>;

  const signInAs = async (username: string, password = PW) => {
    await call(core, 'auth.signOut', {});
    await call(core, 'auth.signIn', { username, password });
  };
  const count = async (table: string) =>
    Number(((await core.db(table).count({ n: '*' }).first()) as { n: number }).n);
  const errorOf = (r: Awaited<ReturnType<TempCore['invoke']>>) => (r.ok ? null : r.error);

  beforeEach(async () => {
    clock = fakeClock('2026-11-20T10:00:00Z');
    core = await openTempCore(clock);
    seeded = await seedPractice(core);
    await call(core, 'users.create', {
      username: 'sam',
      displayName: 'Sam Chen',
      role: 'worker',
      workerId: seeded.worker.id,
      password: PW,
    });
    await call(core, 'users.create', {
      username: 'maria',
      displayName: 'Maria Lopez',
      role: 'supervisor',
      supervisorId: seeded.supervisor.id,
      password: PW,
    });
  });
  afterEach(() => core.dispose());

  describe('notice', () => {
    it('set-up publishes 1.0 and records the owner acknowledging it, audited', async () => {
      const status = await call(core, 'privacy.notice.status', {});
      expect(status.current?.version).toBe(DEFAULT_NOTICE_VERSION);
      expect(status.current?.publishedOn).toBe('2026-11-20');
      expect(status.current?.body).toContain('Your rights');
      expect(status).toMatchObject({
        mustAcknowledge: false,
        acknowledgedAt: '2026-11-20T10:00:00.000Z',
      });
      const actions = (await core.db('audit_log').select('action')).map((r) => r.action);
      expect(actions).toContain('notice_published');
      expect(actions).toContain('notice_acknowledged');
    });

    it('a new user acknowledges once; the time is recorded and audited', async () => {
      await signInAs('sam');
      const before = await call(core, 'privacy.notice.status', {});
      expect(before.mustAcknowledge).toBe(true);
      clock.advance(60_000);
      const after = await call(core, 'privacy.notice.acknowledge', {
        noticeId: before.current?.id ?? 0,
      });
      expect(after).toMatchObject({
        mustAcknowledge: false,
        acknowledgedAt: '2026-11-20T10:01:00.000Z',
      });
      // Again: nothing new recorded.
      await call(core, 'privacy.notice.acknowledge', { noticeId: before.current?.id ?? 0 });
      expect(await count('notice_acknowledgements')).toBe(2);
      const [audit] = await core
        .db('audit_log')
        .where({ action: 'notice_acknowledged' })
        .orderBy('id', 'desc');
      expect(audit).toMatchObject({ actor: 'sam', subject_type: 'user' });
    });

    it('publishing a new version: field errors, then everyone but the publisher must acknowledge', async () => {
      const body = 'We changed how long we keep CE certificates: 4 years.';
      const refusedFields = async (version: string, publishedOn: string, text = body) =>
        errorOf(await core.invoke('privacy.notice.publish', { version, publishedOn, body: text }))
          ?.fields;
      expect(await refusedFields('1.0', '2026-11-20')).toEqual({
        version: 'Version 1.0 already exists; use a new version',
      });
      expect(await refusedFields('1.1', '2026-11-21')).toEqual({
        publishedOn: 'Cannot be in the future',
      });
      expect(await refusedFields('1.1', '2026-11-19')).toEqual({
        publishedOn: "Must be on or after the current version's date (2026-11-20)",
      });
      expect(await refusedFields('1 1', '2026-11-20')).toEqual({
        version: 'Use letters, digits, dots and dashes, e.g. 1.1',
      });
      expect(await refusedFields('1.1', '2026-11-20', 'short')).toEqual({
        body: 'Write the notice (at least 20 characters)',
      });
      expect(await count('privacy_notices')).toBe(1);

      const v11 = await call(core, 'privacy.notice.publish', {
        version: '1.1',
        publishedOn: '2026-11-20',
        body,
      });
      expect((await call(core, 'privacy.notice.status', {})).mustAcknowledge).toBe(false);
      const versions = await call(core, 'privacy.notice.versions', {});
      expect(versions.map((v) => [v.version, v.current, v.acknowledgements])).toEqual([
        ['1.1', true, 1],
        ['1.0', false, 1],
      ]);
      const acks = await call(core, 'privacy.notice.acknowledgements', {});
      expect(acks.map((a) => [a.username, a.acknowledgedAt !== null])).toEqual([
        ['maria', false],
        ['owner', true],
        ['sam', false],
      ]);

      await signInAs('sam');
      const status = await call(core, 'privacy.notice.status', {});
      expect(status).toMatchObject({ mustAcknowledge: true, current: { version: '1.1', body } });
      // The version the screen showed must be the current one.
      const stale = await core.invoke('privacy.notice.acknowledge', { noticeId: v11.id - 1 });
      expect(errorOf(stale)?.fields).toEqual({
        noticeId: 'A newer version (1.1) has been published; read it first',
      });
      await call(core, 'privacy.notice.acknowledge', { noticeId: v11.id });
      expect((await call(core, 'privacy.notice.status', {})).mustAcknowledge).toBe(false);
    });
  });

  describe('consents', () => {
    it('a person grants and withdraws their own; a withdrawal counts at once', async () => {
      await signInAs('sam');
      const none = await call(core, 'privacy.consents.mine', {});
      expect(none.purposes.map((p) => [p.purpose, p.granted, p.at])).toEqual([
        ['statistics', false, null],
        ['surveys', false, null],
        ['email_contact', false, null],
      ]);
      await call(core, 'privacy.consents.set', { purpose: 'statistics', granted: true });
      expect(await consentedPeople(core.db, 'statistics', 'worker')).toEqual(
        new Set([seeded.worker.id]),
      );
      clock.advance(3_600_000);
      const after = await call(core, 'privacy.consents.set', {
        purpose: 'statistics',
        granted: false,
      });
      expect(await consentedPeople(core.db, 'statistics', 'worker')).toEqual(new Set());
      expect(after.purposes[0]).toMatchObject({ granted: false, at: '2026-11-20T11:00:00.000Z' });
      expect(after.history.map((h) => [h.purpose, h.granted, h.recordedBy, h.onBehalf])).toEqual([
        ['statistics', false, 'Sam Chen', false],
        ['statistics', true, 'Sam Chen', false],
      ]);
      // Setting the state it already has records nothing.
      await call(core, 'privacy.consents.set', { purpose: 'statistics', granted: false });
      expect(await count('consents')).toBe(2);
      const audit = await core
        .db('audit_log')
        .whereIn('action', ['consent_granted', 'consent_withdrawn'])
        .orderBy('id');
      expect(audit.map((a) => [a.action, a.subject_type, a.subject_id])).toEqual([
        ['consent_granted', 'worker', seeded.worker.id],
        ['consent_withdrawn', 'worker', seeded.worker.id],
      ]);
    });

    it('the owner records a consent on someone’s behalf; nobody else can', async () => {
      await call(core, 'privacy.consents.set', {
        personType: 'supervisor',
        personId: seeded.supervisor.id,
        purpose: 'email_contact',
        granted: true,
      });
      const list = await call(core, 'privacy.consents.list', {});
      expect(
        list.map((p) => [
          p.personType,
          p.name,
          p.purposes.filter((x) => x.granted).map((x) => x.purpose),
        ]),
      ).toEqual([
        ['worker', 'Sam Chen', []],
        ['supervisor', 'Maria Lopez', ['email_contact']],
      ]);
      const person = await call(core, 'privacy.consents.person', {
        personType: 'supervisor',
        personId: seeded.supervisor.id,
      });
      expect(person.history[0]).toMatchObject({ recordedBy: OWNER.ownerName, onBehalf: true });

      // A supervisor does not consent for a supervisee; a worker only for themselves.
      const grantStatistics = (personType: 'worker' | 'supervisor', personId: number) =>
        core.invoke('privacy.consents.set', {
          personType,
          personId,
          purpose: 'statistics',
          granted: true,
        });
      await signInAs('maria');
      const bySupervisor = await grantStatistics('worker', seeded.worker.id);
      expect(errorOf(bySupervisor)?.code).toBe('forbidden');
      await signInAs('sam');
      const forOther = await grantStatistics('supervisor', seeded.supervisor.id);
      expect(errorOf(forOther)?.code).toBe('forbidden');
      expect(await count('consents')).toBe(1);
      const mine = await call(core, 'privacy.consents.mine', {});
      expect(mine.name).toBe('Sam Chen');
    });
  });

  describe('sensitive free text', () => {
    const entry = () => ({
      workerId: seeded.worker.id,
      date: '2026-11-19',
      siteId: seeded.site.id,
      supervisorId: seeded.supervisor.id,
      category: 'direct_individual' as const,
      minutes: 60,
      note: 'Client SSN 123-45-6789',
    });

    it('warns, writes nothing, then saves once confirmed', async () => {
      await signInAs('sam');
      const [hours, audit] = [await count('hour_entries'), await count('audit_log')];
      const warned = await core.invoke('hours.add', entry());
      expect(errorOf(warned)).toMatchObject({
        code: 'sensitive_text',
        fields: { note: 'Looks like a Social Security number (“123-45-6789”)' },
      });
      expect([await count('hour_entries'), await count('audit_log')]).toEqual([hours, audit]);
      const saved = await call(core, 'hours.add', { ...entry(), confirmSensitive: true } as never);
      expect(saved.note).toBe('Client SSN 123-45-6789');
      expect(await count('hour_entries')).toBe(hours + 1);
    });

    it('under the block policy refuses even when confirmed, and writes nothing', async () => {
      await call(core, 'privacy.policy.update', { sensitiveTextPolicy: 'block' });
      expect(await call(core, 'privacy.policy.get', {})).toEqual({ sensitiveTextPolicy: 'block' });
      const hours = await count('hour_entries');
      const ce = await count('ce_records');
      const refused = await core.invoke('hours.add', {
        ...entry(),
        confirmSensitive: true,
      } as never);
      expect(errorOf(refused)).toMatchObject({
        code: 'validation',
        fields: {
          note: 'Looks like a Social Security number (“123-45-6789”). The practice does not allow this in Hourkeep; remove it',
        },
      });
      const ceRefused = await core.invoke('ce.create', {
        personType: 'worker',
        personId: seeded.worker.id,
        title: 'Treating F41.9 in adolescents',
        provider: 'CAMFT',
        date: '2026-11-01',
        minutes: 120,
        category: 'general',
      } as never);
      expect(errorOf(ceRefused)?.fields).toHaveProperty('title');
      expect([await count('hour_entries'), await count('ce_records')]).toEqual([hours, ce]);
      // Back to warn: the same entry saves once confirmed.
      await call(core, 'privacy.policy.update', { sensitiveTextPolicy: 'warn' });
      expect(
        (await core.invoke('hours.add', { ...entry(), confirmSensitive: true } as never)).ok,
      ).toBe(true);
    });
  });
});
