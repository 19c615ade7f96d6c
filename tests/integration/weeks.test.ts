import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ApiInput, ApiName } from '../../shared/api/contract.js';
import type { SessionUser } from '../../main/services/session.js';
import { call, seedTeamsWithAccounts, signInAs, addSeededHours } from '../support/seed.js';
import { coreEachTest } from '../support/core-each-test.js';

const WEEK = '2026-11-16';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('weekly review and sign-off against a real SQLite file', () => {
  const t = coreEachTest('2026-11-20T10:00:00', seedTeamsWithAccounts, 30_000);

  const as = (who: SessionUser) => signInAs(t.core, who);
  const asOwner = () => as(t.ids.owner);
  const attempt = <K extends ApiName>(name: K, input: ApiInput<K>) => t.core.invoke(name, input);
  const expectRefused = async (
    promise: ReturnType<typeof attempt>,
    code: string,
    field?: string,
  ) => {
    const res = await promise;
    expect(res.ok, JSON.stringify(res)).toBe(false);
    if (res.ok) return '';
    expect(res.error.code).toBe(code);
    if (field) expect(res.error.fields?.[field], JSON.stringify(res.error)).toBeTruthy();
    return field ? (res.error.fields?.[field] ?? '') : res.error.message;
  };
  /** `name` refuses a blank `field` (a validation error naming it), then takes `text` in it. */
  const afterBlankRefused = async <K extends 'weeks.return' | 'weeks.startAmendment'>(
    name: K,
    field: 'comment' | 'reason',
    blank: string,
    text: string,
  ) => {
    await expectRefused(
      attempt(name, { ...sam(), [field]: blank } as ApiInput<K>),
      'validation',
      field,
    );
    return call(t.core, name, { ...sam(), [field]: text } as ApiInput<K>);
  };

  const log = (date: string, minutes: number, over: Record<string, unknown> = {}) =>
    call(t.core, 'hours.add', {
      workerId: t.ids.worker.id,
      date,
      siteId: t.ids.site.id,
      supervisorId: t.ids.supervisor.id,
      category: 'direct_individual',
      minutes,
      ...over,
    });
  const sam = () => ({ workerId: t.ids.worker.id, weekStart: WEEK });
  /** Sam's Monday entry `id` (direct individual, Maria at the site) set to `minutes`. */
  const changeMonday = (id: number, minutes: number) =>
    call(t.core, 'hours.update', {
      id,
      workerId: t.ids.worker.id,
      date: '2026-11-16',
      siteId: t.ids.site.id,
      supervisorId: t.ids.supervisor.id,
      category: 'direct_individual',
      minutes,
    });

  it('a week with no row is a draft; weeks.get names the Monday', async () => {
    const draft = await call(t.core, 'weeks.get', {
      workerId: t.ids.worker.id,
      weekStart: '2026-11-19',
    });
    expect(draft).toMatchObject({
      weekStart: WEEK,
      weekEnd: '2026-11-22',
      status: 'draft',
      version: 1,
      signedBefore: false,
      signatures: [],
      entryCount: 0,
    });
    expect(draft.currentHash).toBe(sha256('[]'));
    expect(await call(t.core, 'weeks.list', { workerId: t.ids.worker.id })).toEqual([]);
  });

  it('refuses a future week and an empty week, naming the field', async () => {
    await log('2026-11-18', 60);
    const future = await expectRefused(
      attempt('weeks.submit', { workerId: t.ids.worker.id, weekStart: '2026-11-23' }),
      'validation',
      'weekStart',
    );
    expect(future).toContain('has not started');
    const empty = await expectRefused(
      attempt('weeks.submit', { workerId: t.ids.worker.id, weekStart: '2026-11-09' }),
      'validation',
      'weekStart',
    );
    expect(empty).toContain('Nothing is logged');
    expect(await t.core.db('weekly_logs').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('submit → return with comment → edit → resubmit → approve → amendment → re-approve', async () => {
    const first = await log('2026-11-16', 120);
    await log('2026-11-18', 90, { category: 'supervision_individual' });

    // The worker submits; the week is frozen for every hour write.
    as(t.ids.sam);
    const submitted = await call(t.core, 'weeks.submit', sam());
    expect(submitted).toMatchObject({ status: 'submitted', submittedByName: 'sam', entryCount: 2 });
    expect(submitted.totalMinutes).toBe(210);
    const frozen = await expectRefused(
      attempt('hours.add', {
        workerId: t.ids.worker.id,
        date: '2026-11-19',
        siteId: t.ids.site.id,
        supervisorId: t.ids.supervisor.id,
        category: 'direct_individual',
        minutes: 30,
      }),
      'validation',
      'date',
    );
    expect(frozen).toContain('is submitted for review');
    await expectRefused(attempt('hours.delete', { id: first.id }), 'validation', 'date');
    await expectRefused(attempt('weeks.submit', sam()), 'conflict');
    // A worker neither returns nor signs.
    await expectRefused(attempt('weeks.return', { ...sam(), comment: 'x' }), 'forbidden');
    await expectRefused(
      attempt('weeks.approve', { ...sam(), password: 'sam password 1' }),
      'forbidden',
    );

    // The supervisor sees it in the queue and returns it; a comment is required.
    as(t.ids.maria);
    const queue = await call(t.core, 'weeks.queue', {});
    expect(queue).toEqual([
      expect.objectContaining({
        workerId: t.ids.worker.id,
        workerName: 'Sam Chen',
        weekStart: WEEK,
        totalMinutes: 210,
        entryCount: 2,
        daysWaiting: 0,
        isAmendment: false,
      }),
    ]);
    const returned = await afterBlankRefused(
      'weeks.return',
      'comment',
      '   ',
      'Monday should be 2 h 30 min',
    );
    expect(returned).toMatchObject({
      status: 'returned',
      returnComment: 'Monday should be 2 h 30 min',
      returnedByName: 'maria',
    });
    await expectRefused(attempt('weeks.return', { ...sam(), comment: 'again' }), 'conflict');
    expect(await call(t.core, 'weeks.queue', {})).toEqual([]);

    // The worker corrects Monday (a returned week is editable) and resubmits.
    as(t.ids.sam);
    await changeMonday(first.id, 150);
    t.clock.advance(2 * 86_400_000);
    await call(t.core, 'weeks.submit', sam());

    // Three days later the supervisor signs with their password.
    t.clock.advance(3 * 86_400_000);
    as(t.ids.maria);
    const [waiting] = await call(t.core, 'weeks.queue', {});
    expect(waiting).toMatchObject({ daysWaiting: 3, returnComment: 'Monday should be 2 h 30 min' });
    const approved = await call(t.core, 'weeks.approve', {
      ...sam(),
      password: 'maria password 1',
    });
    expect(approved).toMatchObject({ status: 'approved', version: 1, returnComment: null });
    expect(approved.signatures).toHaveLength(1);
    const [sig1] = approved.signatures;
    expect(sig1).toMatchObject({
      version: 1,
      signerUserId: t.ids.maria.id,
      supervisorId: t.ids.supervisor.id,
      signerName: 'Maria Lopez',
      signedAt: t.clock.now().toISOString(),
    });
    const signedJson = JSON.stringify([
      {
        category: 'direct_individual',
        date: '2026-11-16',
        minutes: 150,
        note: null,
        siteId: t.ids.site.id,
        supervisorId: t.ids.supervisor.id,
      },
      {
        category: 'supervision_individual',
        date: '2026-11-18',
        minutes: 90,
        note: null,
        siteId: t.ids.site.id,
        supervisorId: t.ids.supervisor.id,
      },
    ]);
    expect(sig1?.entriesHash).toBe(sha256(signedJson));
    expect(approved.currentHash).toBe(sig1?.entriesHash);
    expect(await t.core.services.weeks.signaturesOf(t.ids.worker.id, '2026-11-22')).toEqual(
      approved.signatures,
    );

    // Locked: no hour writes, no return, no resubmission.
    as(t.ids.sam);
    const locked = await expectRefused(
      attempt('hours.update', {
        id: first.id,
        workerId: t.ids.worker.id,
        date: '2026-11-16',
        siteId: t.ids.site.id,
        supervisorId: t.ids.supervisor.id,
        category: 'direct_individual',
        minutes: 100,
      }),
      'validation',
      'date',
    );
    expect(locked).toContain('is approved and signed');
    await expectRefused(attempt('weeks.submit', sam()), 'conflict');

    // An amendment needs a reason, reopens the week, and goes back for approval.
    const amending = await afterBlankRefused(
      'weeks.startAmendment',
      'reason',
      '',
      'Monday was at the wrong site',
    );
    expect(amending).toMatchObject({
      status: 'amending',
      version: 1,
      signedBefore: true,
      amendmentReason: 'Monday was at the wrong site',
    });
    await changeMonday(first.id, 140);
    const changed = await call(t.core, 'weeks.get', sam());
    expect(changed.currentHash).not.toBe(sig1?.entriesHash);
    await call(t.core, 'weeks.submit', sam());

    as(t.ids.maria);
    const [amendment] = await call(t.core, 'weeks.queue', {});
    expect(amendment).toMatchObject({
      isAmendment: true,
      amendmentReason: 'Monday was at the wrong site',
    });
    // A returned amendment stays an amendment: the signed version keeps standing.
    const sentBack = await call(t.core, 'weeks.return', { ...sam(), comment: 'Say which site' });
    expect(sentBack).toMatchObject({ status: 'amending', returnComment: 'Say which site' });
    as(t.ids.sam);
    await call(t.core, 'weeks.submit', sam());
    as(t.ids.maria);
    t.clock.advance(1_000);
    const resigned = await call(t.core, 'weeks.approve', {
      ...sam(),
      password: 'maria password 1',
    });
    expect(resigned).toMatchObject({ status: 'approved', version: 2 });
    expect(resigned.signatures.map((s) => s.version)).toEqual([1, 2]);
    const [oldSig, newSig] = resigned.signatures;
    expect(oldSig).toEqual(sig1);
    expect(newSig?.entriesHash).toBe(changed.currentHash);
    expect(newSig?.entriesHash).not.toBe(oldSig?.entriesHash);
    expect(oldSig?.entries[0]?.minutes).toBe(150);
    expect(newSig?.entries[0]?.minutes).toBe(140);

    // Both versions are in the audit trail, with what was signed.
    asOwner();
    const approvals = await call(t.core, 'audit.list', { action: 'approve', limit: 10 });
    expect(approvals).toHaveLength(2);
    const afters = approvals.map(
      (a) => JSON.parse(a.after ?? '{}') as { version: number; hash: string },
    );
    expect(afters.map((a) => a.version).sort()).toEqual([1, 2]);
    expect(afters.map((a) => a.hash).sort()).toEqual(
      [oldSig?.entriesHash, newSig?.entriesHash].sort(),
    );
    for (const action of ['submit', 'return', 'amend'] as const) {
      expect((await call(t.core, 'audit.list', { action, limit: 10 })).length).toBeGreaterThan(0);
    }
    expect((await call(t.core, 'audit.verify', {})).intact).toBe(true);
    expect(await call(t.core, 'weeks.list', { workerId: t.ids.worker.id })).toEqual([
      { weekStart: WEEK, status: 'approved', version: 2, submittedAt: expect.any(String) },
    ]);
  });

  it('refuses to sign a week changed since it was opened, naming each change', async () => {
    const monday = await log('2026-11-16', 120);
    as(t.ids.sam);
    await call(t.core, 'weeks.submit', sam());
    // What the supervisor's screen shows when she opens the week.
    as(t.ids.maria);
    const seenNow = async () => {
      const [opened, week] = await Promise.all([
        call(t.core, 'weeks.get', sam()),
        call(t.core, 'hours.week', sam()),
      ]);
      return {
        submittedAt: opened.submittedAt,
        entries: week.entries.map(({ category, date, minutes, note, siteId, supervisorId }) => ({
          category,
          date,
          minutes,
          note,
          siteId,
          supervisorId,
        })),
      };
    };
    const stale = await seenNow();
    // Meanwhile, at another workstation: returned, Monday corrected, submitted again.
    await call(t.core, 'weeks.return', { ...sam(), comment: 'Monday is 2 h 30 min' });
    as(t.ids.sam);
    await changeMonday(monday.id, 150);
    t.clock.advance(60_000);
    await call(t.core, 'weeks.submit', sam());

    as(t.ids.maria);
    const message = await expectRefused(
      attempt('weeks.approve', { ...sam(), password: 'maria password 1', seen: stale }),
      'conflict',
    );
    expect(message).toContain('changed since you opened it');
    expect(message).toContain('submitted again');
    expect(message).toMatch(/removed or changed: Mon 16 Nov .*2 h(?! 30)/);
    expect(message).toMatch(/added or changed: Mon 16 Nov .*2 h 30 min/);
    expect((await call(t.core, 'weeks.get', sam())).status).toBe('submitted');
    // Read again, it signs.
    const signed = await call(t.core, 'weeks.approve', {
      ...sam(),
      password: 'maria password 1',
      seen: await seenNow(),
    });
    expect(signed.status).toBe('approved');
  });

  it('a wrong password refuses the sign-off, is audited and counts toward lockout', async () => {
    await log('2026-11-17', 60);
    await call(t.core, 'weeks.submit', sam());
    as(t.ids.maria);
    const message = await expectRefused(
      attempt('weeks.approve', { ...sam(), password: 'not it' }),
      'validation',
      'password',
    );
    expect(message).toContain('not your password');
    expect(t.core.vault.failedAttempts(t.ids.maria.username)).toBe(1);
    expect((await call(t.core, 'weeks.get', sam())).status).toBe('submitted');
    expect(await t.core.db('week_signatures').count({ n: '*' }).first()).toEqual({ n: 0 });

    // Tries in quick succession are throttled like sign-ins.
    const throttled = await expectRefused(
      attempt('weeks.approve', { ...sam(), password: 'maria password 1' }),
      'forbidden',
    );
    expect(throttled).toContain('Wait');

    // Five wrong passwords in a row lock the account and sign the session out.
    for (let i = 0; i < 4; i += 1) {
      t.clock.advance(60_000);
      await attempt('weeks.approve', { ...sam(), password: `wrong ${i}` });
    }
    expect(t.core.services.session.user()).toBeNull();
    expect(t.core.vault.lockedUntil(t.ids.maria.username)).not.toBeNull();
    asOwner();
    const failures = await call(t.core, 'audit.list', { action: 'approve_failed', limit: 20 });
    expect(failures.length).toBe(6);
    expect(failures[0]?.detail).toContain('locked out');
    expect((await call(t.core, 'weeks.get', sam())).status).toBe('submitted');
  });

  it('only a supervisor of the worker during that week signs; the owner cannot', async () => {
    await log('2026-11-17', 60);
    await call(t.core, 'weeks.submit', sam());
    // The owner may return but never sign.
    await expectRefused(
      attempt('weeks.approve', { ...sam(), password: 'owner password 1' }),
      'forbidden',
    );
    // David does not supervise Sam: refused by scope, and the refusal is audited.
    as(t.ids.david);
    await expectRefused(
      attempt('weeks.approve', { ...sam(), password: 'david password 1' }),
      'forbidden',
    );
    await expectRefused(attempt('weeks.return', { ...sam(), comment: 'no' }), 'forbidden');
    await expectRefused(attempt('weeks.get', sam()), 'forbidden');
    expect(await call(t.core, 'weeks.queue', {})).toEqual([]);
    asOwner();
    const [refusal] = await call(t.core, 'audit.list', { action: 'forbidden', limit: 1 });
    expect(refusal?.detail).toContain('outside the caller');

    // David becomes Sam's supervisor from December: a current supervisee, but not for a week
    // he did not supervise.
    await call(t.core, 'assignments.create', {
      workerId: t.ids.worker.id,
      supervisorId: t.ids.david.supervisorId ?? 0,
      siteId: t.ids.site.id,
      startDate: '2026-11-19',
    });
    await addSeededHours(t.core, t.ids, '2026-11-10', 'direct_individual', 45);
    await call(t.core, 'weeks.submit', { workerId: t.ids.worker.id, weekStart: '2026-11-09' });
    as(t.ids.david);
    const notHis = await expectRefused(
      attempt('weeks.approve', {
        workerId: t.ids.worker.id,
        weekStart: '2026-11-09',
        password: 'david password 1',
      }),
      'forbidden',
    );
    expect(notHis).toContain('not assigned');
    // …and no password was spent on it.
    expect(t.core.vault.failedAttempts(t.ids.david.username)).toBe(0);
  });

  it('the queue: supervisors see their supervisees, the owner all, workers none', async () => {
    await log('2026-11-17', 60);
    await call(t.core, 'weeks.submit', sam());
    await call(t.core, 'hours.add', {
      workerId: t.ids.priya,
      date: '2026-11-17',
      siteId: t.ids.site.id,
      supervisorId: t.ids.david.supervisorId ?? 0,
      category: 'direct_group',
      minutes: 90,
    });
    // The owner submits on Priya's behalf.
    const byOwner = await call(t.core, 'weeks.submit', { workerId: t.ids.priya, weekStart: WEEK });
    expect(byOwner.submittedByName).toBe('Olivia Owner');

    expect((await call(t.core, 'weeks.queue', {})).map((q) => q.workerName)).toEqual([
      'Sam Chen',
      'Priya Natarajan',
    ]);
    as(t.ids.maria);
    expect((await call(t.core, 'weeks.queue', {})).map((q) => q.workerName)).toEqual(['Sam Chen']);
    as(t.ids.david);
    expect((await call(t.core, 'weeks.queue', {})).map((q) => q.workerName)).toEqual([
      'Priya Natarajan',
    ]);
    // A supervisor does not submit; a worker has no queue and no one else's weeks.
    await expectRefused(
      attempt('weeks.submit', { workerId: t.ids.priya, weekStart: WEEK }),
      'forbidden',
    );
    as(t.ids.sam);
    await expectRefused(attempt('weeks.queue', {}), 'forbidden');
    await expectRefused(
      attempt('weeks.get', { workerId: t.ids.priya, weekStart: WEEK }),
      'forbidden',
    );
    await expectRefused(attempt('weeks.list', { workerId: t.ids.priya }), 'forbidden');
    // Only an approved week can be reopened.
    await expectRefused(attempt('weeks.startAmendment', { ...sam(), reason: 'x' }), 'conflict');
  });

  it('an amendment may empty a week, and the emptied week is signed as such', async () => {
    const only = await log('2026-11-17', 60);
    await call(t.core, 'weeks.submit', sam());
    as(t.ids.maria);
    await call(t.core, 'weeks.approve', { ...sam(), password: 'maria password 1' });
    as(t.ids.sam);
    await call(t.core, 'weeks.startAmendment', { ...sam(), reason: 'Logged in the wrong week' });
    await call(t.core, 'hours.delete', { id: only.id });
    await call(t.core, 'weeks.submit', sam());
    as(t.ids.maria);
    t.clock.advance(1_000);
    const signed = await call(t.core, 'weeks.approve', { ...sam(), password: 'maria password 1' });
    expect(signed.signatures.map((s) => [s.version, s.entries.length])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(signed.signatures[1]?.entriesHash).toBe(sha256('[]'));
  });
});
