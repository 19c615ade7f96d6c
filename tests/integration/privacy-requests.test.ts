import { describe, expect, it } from 'vitest';
import type { ApiInput, ApiName } from '../../shared/api/contract.js';
import type { SessionUser } from '../../main/services/session.js';
import { call, seedTeamsWithAccounts, signInAs, addSeededHours } from '../support/seed.js';
import { coreEachTest } from '../support/core-each-test.js';

const WEEK = '2026-11-09';

describe('privacy requests register against a real SQLite file', () => {
  const t = coreEachTest('2026-11-20T10:00:00', seedTeamsWithAccounts, 30_000);

  const as = (who: SessionUser) => signInAs(t.core, who);
  const attempt = <K extends ApiName>(name: K, input: ApiInput<K>) => t.core.invoke(name, input);
  const refused = async (promise: ReturnType<typeof attempt>, code: string) => {
    const res = await promise;
    expect(res.ok, JSON.stringify(res)).toBe(false);
    if (res.ok) throw new Error('unreachable');
    expect(res.error.code, JSON.stringify(res.error)).toBe(code);
    return res.error;
  };
  const auditOf = (action: string) =>
    t.core.db('audit_log').where({ action }).orderBy('id').select('detail', 'actor', 'after_json');

  it('a profile correction accepted by the owner is applied through the profile update and audited', async () => {
    as(t.ids.sam);
    const filed = await call(t.core, 'privacy.requests.file', {
      kind: 'correction',
      profile: { field: 'lastName', proposedValue: 'Chen-Wong' },
      note: 'I married in October',
    });
    expect(filed).toMatchObject({
      kind: 'correction',
      status: 'open',
      personType: 'worker',
      personId: t.ids.worker.id,
      identityMethod: 'Signed in to own account',
      details: {
        target: 'profile',
        field: 'lastName',
        currentValue: 'Chen',
        proposedValue: 'Chen-Wong',
      },
    });
    expect(filed.summary).toBe('Last name: "Chen" → "Chen-Wong"');

    as(t.ids.owner);
    const decided = await call(t.core, 'privacy.requests.decide', {
      id: filed.id,
      decision: 'accept',
    });
    expect(decided).toMatchObject({
      status: 'completed',
      decidedByName: 'Olivia Owner',
      outcome: { type: 'profile', field: 'lastName', before: 'Chen', after: 'Chen-Wong' },
    });
    const worker = await t.core.db('workers').where({ id: t.ids.worker.id }).first();
    expect(worker?.last_name).toBe('Chen-Wong');

    // The change is audited like an edit by hand, and the decision beside it.
    const updates = await t.core
      .db('audit_log')
      .where({ action: 'update', entity: 'workers', entity_id: t.ids.worker.id });
    expect(updates).toHaveLength(1);
    expect(JSON.parse(String(updates[0]?.before_json)).lastName).toBe('Chen');
    expect(JSON.parse(String(updates[0]?.after_json)).lastName).toBe('Chen-Wong');
    expect((await auditOf('privacy_request')).map((r) => r.detail)).toEqual([
      `correction request #${filed.id} registered`,
    ]);
    expect((await auditOf('privacy_decision')).map((r) => r.detail)).toEqual([
      `correction request #${filed.id} accepted`,
    ]);

    as(t.ids.sam);
    const [mine] = await call(t.core, 'privacy.requests.mine', {});
    expect(mine?.outcomeText).toBe('Applied: "Chen" → "Chen-Wong"');
  });

  it('a bad proposed value is a field error and changes nothing, at filing and at acceptance', async () => {
    as(t.ids.sam);
    const correction = (field: string, proposedValue: string) =>
      refused(
        attempt('privacy.requests.file', { kind: 'correction', profile: { field, proposedValue } }),
        'validation',
      );
    const atFiling = await correction('email', 'not an email');
    expect(atFiling.fields?.['profile.proposedValue']).toBe('Enter a valid email address');
    const unknownField = await correction('licenseState', 'NY');
    expect(unknownField.fields?.['profile.field']).toContain('Not a field of this profile');
    expect(await t.core.db('privacy_requests').count({ n: '*' }).first()).toEqual({ n: 0 });

    // A request stored before the value became invalid (here: edited in the file) fails on accept.
    const filed = await call(t.core, 'privacy.requests.file', {
      kind: 'correction',
      profile: { field: 'email', proposedValue: 'sam.chen@example.org' },
    });
    const details = { ...filed.details, proposedValue: 'sam at example' };
    await t.core
      .db('privacy_requests')
      .where({ id: filed.id })
      .update({ details_json: JSON.stringify(details) });
    as(t.ids.owner);
    const auditBefore = await t.core.db('audit_log').count({ n: '*' }).first();
    const atAccept = await refused(
      attempt('privacy.requests.decide', { id: filed.id, decision: 'accept' }),
      'validation',
    );
    expect(atAccept.fields?.['profile.proposedValue']).toBe('Enter a valid email address');
    expect((await t.core.db('workers').where({ id: t.ids.worker.id }).first())?.email).toBe(
      'sam@example.org',
    );
    expect((await t.core.db('privacy_requests').where({ id: filed.id }).first())?.status).toBe(
      'open',
    );
    expect(await t.core.db('audit_log').count({ n: '*' }).first()).toEqual(auditBefore);
  });

  it('a declined request needs a reason, and the person sees it', async () => {
    as(t.ids.sam);
    const filed = await call(t.core, 'privacy.requests.file', {
      kind: 'correction',
      profile: { field: 'title', proposedValue: 'Licensed MFT' },
    });
    as(t.ids.owner);
    const noReason = await refused(
      attempt('privacy.requests.decide', { id: filed.id, decision: 'decline' }),
      'validation',
    );
    expect(noReason.fields?.reason).toBe('Give the reason for declining');
    await call(t.core, 'privacy.requests.decide', {
      id: filed.id,
      decision: 'decline',
      reason: 'Your licence is not issued yet; the title stays Associate MFT.',
    });
    expect((await t.core.db('workers').where({ id: t.ids.worker.id }).first())?.title).toBe(
      'Associate MFT',
    );
    await refused(
      attempt('privacy.requests.decide', { id: filed.id, decision: 'accept' }),
      'conflict',
    );

    as(t.ids.sam);
    const [mine] = await call(t.core, 'privacy.requests.mine', {});
    expect(mine).toMatchObject({ status: 'declined', decidedByName: 'Olivia Owner' });
    expect(mine?.outcomeText).toBe(
      'Declined: Your licence is not issued yet; the title stays Associate MFT.',
    );
  });

  it('a week correction goes through the amendment flow and completes when the supervisor signs version 2', async () => {
    const entry = await addSeededHours(t.core, t.ids, '2026-11-10', 'direct_individual', 60);
    as(t.ids.sam);
    await call(t.core, 'weeks.submit', { workerId: t.ids.worker.id, weekStart: WEEK });
    as(t.ids.maria);
    await call(t.core, 'weeks.approve', {
      workerId: t.ids.worker.id,
      weekStart: WEEK,
      password: 'maria password 1',
    });

    // Editing the approved week by hand is refused; a correction request is the way in.
    as(t.ids.sam);
    await refused(
      attempt('hours.update', {
        id: entry.id,
        workerId: t.ids.worker.id,
        date: '2026-11-10',
        siteId: t.ids.site.id,
        supervisorId: t.ids.supervisor.id,
        category: 'direct_individual',
        minutes: 90,
      }),
      'validation',
    );
    const filed = await call(t.core, 'privacy.requests.file', {
      kind: 'correction',
      week: { weekStart: WEEK, entryId: entry.id, proposed: { minutes: 90 } },
      note: 'The session ran 90 minutes',
    });
    expect(filed.details).toMatchObject({
      target: 'week',
      entryId: entry.id,
      proposed: { minutes: 90 },
      entryBefore: { minutes: 60 },
    });

    // Another supervisor cannot see or decide it; the worker's own supervisor can.
    as(t.ids.david);
    expect(await call(t.core, 'privacy.requests.list', {})).toEqual([]);
    await refused(
      attempt('privacy.requests.decide', { id: filed.id, decision: 'accept' }),
      'forbidden',
    );
    as(t.ids.maria);
    expect((await call(t.core, 'privacy.requests.list', {})).map((r) => r.id)).toEqual([filed.id]);
    const accepted = await call(t.core, 'privacy.requests.decide', {
      id: filed.id,
      decision: 'accept',
    });
    expect(accepted).toMatchObject({ status: 'accepted', weekProgress: 'awaiting-sign-off' });
    expect(accepted.outcomeText).toContain('Accepted — amendment awaiting sign-off');

    const reopened = await call(t.core, 'weeks.get', {
      workerId: t.ids.worker.id,
      weekStart: WEEK,
    });
    expect(reopened).toMatchObject({ status: 'submitted', version: 1, signedBefore: true });
    expect(reopened.amendmentReason).toBe(
      `Correction request #${filed.id}: The session ran 90 minutes`,
    );
    expect((await t.core.db('hour_entries').where({ id: entry.id }).first())?.minutes).toBe(90);

    await call(t.core, 'weeks.approve', {
      workerId: t.ids.worker.id,
      weekStart: WEEK,
      password: 'maria password 1',
    });
    const signed = await call(t.core, 'weeks.get', { workerId: t.ids.worker.id, weekStart: WEEK });
    expect(signed.status).toBe('approved');
    expect(signed.signatures.map((s) => [s.version, s.entries[0]?.minutes])).toEqual([
      [1, 60],
      [2, 90],
    ]);

    // Both versions are in the audit trail, with the amendment's reason.
    const approvals = await t.core
      .db('audit_log')
      .where({ action: 'approve', entity: 'weekly_logs' })
      .orderBy('id');
    expect(approvals.map((a) => JSON.parse(String(a.after_json)).version)).toEqual([1, 2]);
    expect(approvals.map((a) => JSON.parse(String(a.after_json)).entries[0].minutes)).toEqual([
      60, 90,
    ]);
    const amend = await t.core.db('audit_log').where({ action: 'amend' }).first();
    expect(amend?.detail).toContain(`Correction request #${filed.id}`);

    as(t.ids.sam);
    const [mine] = await call(t.core, 'privacy.requests.mine', {});
    expect(mine).toMatchObject({ status: 'completed', weekProgress: 'signed' });
    expect(mine?.outcomeText).toContain('the amended week is signed');
  });

  it('refuses week corrections of an unlocked week, and deletion decisions outside the deletion tab', async () => {
    await addSeededHours(t.core, t.ids, '2026-11-10', 'direct_individual', 60);
    as(t.ids.sam);
    const draft = await refused(
      attempt('privacy.requests.file', {
        kind: 'correction',
        week: { weekStart: WEEK, proposed: { minutes: 30 } },
      }),
      'validation',
    );
    expect(draft.fields?.['week.weekStart']).toContain('change it on the Hours screen');
    const deletion = await call(t.core, 'privacy.requests.file', { kind: 'deletion' });
    as(t.ids.owner);
    const err = await refused(
      attempt('privacy.requests.decide', { id: deletion.id, decision: 'accept' }),
      'conflict',
    );
    expect(err.message).toContain('Deletion and retention tab');
    // The owner's register needs how identity was checked, and names a real person.
    const noMethod = await refused(
      attempt('privacy.requests.register', {
        kind: 'access',
        personType: 'worker',
        personId: t.ids.priya,
        receivedOn: '2026-11-18',
        identityMethod: ' ',
      }),
      'validation',
    );
    expect(noMethod.fields?.identityMethod).toBe('Required');
  });

  it('the yearly report counts by kind and outcome with the median days to decision', async () => {
    as(t.ids.owner);
    const reg = (receivedOn: string, kind: 'access' | 'deletion') =>
      call(t.core, 'privacy.requests.register', {
        kind,
        personType: 'worker',
        personId: t.ids.priya,
        receivedOn,
        identityMethod: 'Email from the address on file, confirmed by phone',
      });
    const a = await reg('2026-11-10', 'access');
    const b = await reg('2026-11-16', 'access');
    await reg('2026-11-19', 'deletion');
    await reg('2025-12-30', 'access');
    await call(t.core, 'privacy.requests.decide', { id: a.id, decision: 'accept' });
    await call(t.core, 'privacy.requests.decide', {
      id: b.id,
      decision: 'decline',
      reason: 'Identity could not be confirmed',
    });
    as(t.ids.sam);
    await call(t.core, 'privacy.requests.file', {
      kind: 'correction',
      profile: { field: 'phone', proposedValue: '555-0100' },
    });

    as(t.ids.owner);
    const report = await call(t.core, 'privacy.requests.yearly', { year: 2026 });
    expect(report.total).toBe(4);
    expect(report.counts.access).toMatchObject({ completed: 1, declined: 1, open: 0 });
    expect(report.counts.deletion.open).toBe(1);
    expect(report.counts.correction.open).toBe(1);
    // Decided on 2026-11-20: 10 and 4 days after receipt.
    expect(report.medianDaysToDecision).toBe(7);
    expect(report.rows.map((r) => r.id)).toEqual([a.id, b.id, a.id + 2, a.id + 4]);
    expect(report.rows[0]).toMatchObject({ identityMethod: expect.stringContaining('Email') });
    const registered = await call(t.core, 'privacy.requests.list', { kind: 'access', year: 2026 });
    expect(registered.map((r) => r.identityVerifiedByName)).toEqual([
      'Olivia Owner',
      'Olivia Owner',
    ]);

    const csv = await call(t.core, 'privacy.requests.yearlyFile', { year: 2026, format: 'csv' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.split('\r\n')).toHaveLength(5);
    expect(text).toContain('Identity could not be confirmed');
    expect(text).not.toContain('Priya');
    const pdf = await call(t.core, 'privacy.requests.yearlyFile', { year: 2026, format: 'pdf' });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const exports = await auditOf('export');
    expect(exports.map((e) => e.detail)).toContain('yearly requests report 2026 (pdf, 4 requests)');
  });
});
