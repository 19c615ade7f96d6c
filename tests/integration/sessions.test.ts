import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput } from '../../shared/api/contract.js';
import {
  addAssignedWorker,
  call,
  createAccount,
  OTTO,
  seedPractice,
  signInAs,
} from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

describe('supervision sessions against a real SQLite file', () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>> & { workers: number[]; otherSup: number };
  const clock = fakeClock('2026-11-20T15:00:00');

  beforeEach(async () => {
    core = await openTempCore(clock);
    const base = await seedPractice(core);
    const workers = [base.worker.id];
    for (const name of ['Ana', 'Ben', 'Cy', 'Dee']) {
      const w = await addAssignedWorker(
        core,
        { firstName: name, lastName: 'Test', email: `${name}@example.org` },
        { supervisorId: base.supervisor.id, siteId: base.site.id },
      );
      workers.push(w.id);
    }
    const otherSup = await call(core, 'supervisors.create', {
      ...OTTO,
      licenseExpires: '2029-01-01',
    });
    ids = { ...base, workers, otherSup: otherSup.id };
  });
  afterEach(() => core.dispose());

  const session = (over: Partial<ApiInput<'sessions.create'>> = {}) => ({
    supervisorId: ids.supervisor.id,
    siteId: ids.site.id,
    date: '2026-11-18',
    kind: 'group' as const,
    minutes: 90,
    note: 'Case consultation',
    workerIds: ids.workers.slice(0, 3),
    ...over,
  });
  /** The week of 16 Nov, submitted on the 19th (and approved, with 'approved'), straight in the table. */
  const freezeWeekOf = (workerId: number, status: 'submitted' | 'approved') =>
    core.db('weekly_logs').insert({
      worker_id: workerId,
      week_start: '2026-11-16',
      status,
      version: 1,
      submitted_at: '2026-11-19T10:00:00.000Z',
      created_at: '2026-11-19T10:00:00.000Z',
      updated_at: '2026-11-19T10:00:00.000Z',
    });
  const entriesOf = (sessionId: number) =>
    core.db('hour_entries').where({ session_id: sessionId }).orderBy('worker_id');
  const fails = async (
    input: unknown,
    name: 'sessions.create' | 'sessions.update' = 'sessions.create',
  ) => {
    const res = await core.invoke(name, input);
    if (res.ok) throw new Error('expected a refusal');
    return res.error;
  };

  it('writes one linked supervision entry per attendee, seen in each week', async () => {
    const s = await call(core, 'sessions.create', session());
    expect(s.workerIds).toEqual(ids.workers.slice(0, 3));
    const rows = await entriesOf(s.id);
    expect(
      rows.map((r) => [r.worker_id, r.category, r.minutes, r.supervisor_id, r.site_id]),
    ).toEqual(
      ids.workers
        .slice(0, 3)
        .map((w) => [w, 'supervision_group', 90, ids.supervisor.id, ids.site.id]),
    );
    const week = await call(core, 'hours.week', {
      workerId: ids.workers[1] ?? 0,
      weekStart: '2026-11-16',
    });
    expect(week.totals.supervision_group).toBe(90);
    expect(week.entries[0]?.sessionId).toBe(s.id);
    expect(await call(core, 'sessions.list', { from: '2026-11-01' })).toEqual([s]);
  });

  it('maps each kind to its category and checks the attendee count', async () => {
    const one = await call(
      core,
      'sessions.create',
      session({ kind: 'individual', workerIds: [ids.workers[0] ?? 0] }),
    );
    expect((await entriesOf(one.id)).map((r) => r.category)).toEqual(['supervision_individual']);
    const two = await call(
      core,
      'sessions.create',
      session({ kind: 'triadic', workerIds: ids.workers.slice(1, 3) }),
    );
    expect((await entriesOf(two.id)).map((r) => r.category)).toEqual([
      'supervision_triadic',
      'supervision_triadic',
    ]);

    expect(
      (await fails(session({ kind: 'individual', workerIds: ids.workers.slice(0, 2) }))).fields,
    ).toEqual({
      workerIds: 'An individual session has exactly 1 supervisee; 2 chosen',
    });
    expect(
      (await fails(session({ kind: 'triadic', workerIds: ids.workers.slice(0, 3) }))).fields
        ?.workerIds,
    ).toBe('A triadic session has exactly 2 supervisees; 3 chosen');
    expect(
      (await fails(session({ kind: 'group', workerIds: ids.workers.slice(0, 2) }))).fields
        ?.workerIds,
    ).toBe('A group session has 3 to 8 supervisees; 2 chosen');
    expect(
      (
        await fails(
          session({ workerIds: [ids.workers[0] ?? 0, ids.workers[0] ?? 0, ids.workers[1] ?? 0] }),
        )
      ).fields?.workerIds,
    ).toBe('An attendee is listed twice');
    expect(
      (await fails(session({ workerIds: [...ids.workers, 91, 92, 93, 94] }))).fields?.workerIds,
    ).toBe('At most 8 attendees');
    expect(await core.db('supervision_sessions').count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('refuses an attendee not assigned to the supervisor at the site on the date, writing nothing', async () => {
    const err = await fails(session({ supervisorId: ids.otherSup }));
    expect(err.fields?.workerIds).toBe(
      'Sam Chen is not assigned to this supervisor at this site on 2026-11-18',
    );
    const early = await fails(session({ date: '2026-01-04' }));
    expect(early.fields?.workerIds).toBe("Sam Chen: before the worker's start date (2026-01-05)");
    const future = await fails(session({ date: '2026-11-21' }));
    expect(future.fields?.date).toBe('The date is in the future');
    expect(await core.db('hour_entries').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await core.db('supervision_sessions').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it("refuses a session in an attendee's frozen week and keeps the 24-hour day", async () => {
    await freezeWeekOf(ids.workers[2] as number, 'submitted');
    const frozen = await fails(session());
    expect(frozen.fields?.date).toBe(
      'The week of 2026-11-16 is submitted for review; ask the supervisor to return it first',
    );
    await call(core, 'hours.add', {
      workerId: ids.workers[0] ?? 0,
      date: '2026-11-10',
      siteId: ids.site.id,
      supervisorId: ids.supervisor.id,
      category: 'direct_individual',
      minutes: 1400,
    });
    const full = await fails(session({ date: '2026-11-10', minutes: 60 }));
    expect(full.fields?.minutes).toBe(
      'Sam Chen has only 40 min left on 2026-11-10: 23 h 20 min already logged, and a day holds 24 h',
    );
    expect(await core.db('supervision_sessions').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('update rewrites the linked entries; delete removes them; the hours screen cannot touch them', async () => {
    const s = await call(core, 'sessions.create', session());
    const [first] = await entriesOf(s.id);
    const direct = await core.invoke('hours.delete', { id: Number(first?.id) });
    expect(direct.ok).toBe(false);

    // Its own minutes do not count against the day when the session is edited.
    const moved = await call(core, 'sessions.update', {
      id: s.id,
      ...session({ date: '2026-11-17', minutes: 120, workerIds: ids.workers.slice(1, 5) }),
    });
    expect(moved.workerIds).toEqual(ids.workers.slice(1, 5));
    const rows = await entriesOf(s.id);
    expect(rows.map((r) => [r.worker_id, r.date, r.minutes])).toEqual(
      ids.workers.slice(1, 5).map((w) => [w, '2026-11-17', 120]),
    );
    const again = await call(core, 'sessions.update', {
      id: s.id,
      ...session({ date: '2026-11-17', minutes: 1440, workerIds: ids.workers.slice(1, 4) }),
    });
    expect(again.minutes).toBe(1440);

    await call(core, 'sessions.delete', { id: s.id });
    expect(await entriesOf(s.id)).toEqual([]);
    expect(await core.db('supervision_session_attendees').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('refuses to move a session out of a frozen week', async () => {
    const s = await call(core, 'sessions.create', session());
    await freezeWeekOf(ids.workers[0] as number, 'approved');
    const err = await fails({ id: s.id, ...session({ date: '2026-11-10' }) }, 'sessions.update');
    expect(err.fields?.date).toContain('is approved and signed');
    const del = await core.invoke('sessions.delete', { id: s.id });
    expect(del.ok).toBe(false);
    expect((await entriesOf(s.id)).length).toBe(3);
  });

  it('audits each attendee of each change as a worker record', async () => {
    const s = await call(core, 'sessions.create', session());
    await call(core, 'sessions.update', {
      id: s.id,
      ...session({ workerIds: ids.workers.slice(1, 4) }),
    });
    await call(core, 'sessions.delete', { id: s.id });
    const rows = await core
      .db('audit_log')
      .where({ entity: 'supervision_sessions' })
      .orderBy('id')
      .select('action', 'subject_type', 'subject_id');
    const [a, b, c, d] = ids.workers;
    expect(rows.map((r) => `${r.action} ${r.subject_type} ${r.subject_id}`)).toEqual([
      `create worker ${a}`,
      `create worker ${b}`,
      `create worker ${c}`,
      `delete worker ${a}`,
      `update worker ${b}`,
      `update worker ${c}`,
      `create worker ${d}`,
      `delete worker ${b}`,
      `delete worker ${c}`,
      `delete worker ${d}`,
    ]);
  });

  it('lets a supervisor record only their own sessions with their own supervisees', async () => {
    const otherWorker = await addAssignedWorker(
      core,
      { firstName: 'Zed', lastName: 'Else', email: 'zed@example.org' },
      { supervisorId: ids.otherSup, siteId: ids.site.id },
    );
    const theirs = await call(
      core,
      'sessions.create',
      session({ supervisorId: ids.otherSup, kind: 'individual', workerIds: [otherWorker.id] }),
    );
    const user = await createAccount(core, 'maria', 'supervisor', {
      supervisorId: ids.supervisor.id,
    });
    signInAs(core, user);

    const mine = await call(core, 'sessions.create', session());
    expect(mine.supervisorId).toBe(ids.supervisor.id);
    const asOther = await core.invoke(
      'sessions.create',
      session({ supervisorId: ids.otherSup, kind: 'individual', workerIds: [ids.workers[0] ?? 0] }),
    );
    expect(!asOther.ok && asOther.error.code).toBe('forbidden');
    const notMine = await core.invoke(
      'sessions.create',
      session({ kind: 'individual', workerIds: [otherWorker.id] }),
    );
    expect(!notMine.ok && notMine.error.code).toBe('forbidden');
    const delTheirs = await core.invoke('sessions.delete', { id: theirs.id });
    expect(!delTheirs.ok && delTheirs.error.code).toBe('forbidden');
    // The list shows only the sessions this supervisor ran, whatever the filter asks.
    const listed = await call(core, 'sessions.list', { supervisorId: ids.otherSup });
    expect(listed.map((x) => x.id)).toEqual([mine.id]);
  });
});
