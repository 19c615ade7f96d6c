import { describe, expect, it } from 'vitest';
import { call, seedPractice } from '../support/seed.js';
import { coreEachTest } from '../support/core-each-test.js';

describe('hour entries against a real SQLite file', () => {
  const t = coreEachTest('2026-11-20T15:00:00', seedPractice);

  const entry = (over: Record<string, unknown> = {}) => ({
    workerId: t.ids.worker.id,
    date: '2026-11-18',
    siteId: t.ids.site.id,
    supervisorId: t.ids.supervisor.id,
    category: 'direct_individual' as const,
    minutes: 50,
    note: 'Intake',
    ...over,
  });

  const count = async () => Number((await t.core.db('hour_entries').count({ n: '*' }))[0]?.n);

  it('adds an entry and shows it in its Monday-to-Sunday week with totals', async () => {
    await call(t.core, 'hours.add', entry());
    await call(
      t.core,
      'hours.add',
      entry({ date: '2026-11-16', category: 'supervision_individual', minutes: 60 }),
    );
    await call(t.core, 'hours.add', entry({ date: '2026-11-15', minutes: 30 })); // previous week (Sunday)
    const week = await call(t.core, 'hours.week', {
      workerId: t.ids.worker.id,
      weekStart: '2026-11-19',
    });
    expect(week.weekStart).toBe('2026-11-16');
    expect(week.days).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    expect(week.entries.map((e) => e.date)).toEqual(['2026-11-16', '2026-11-18']);
    expect(week.totals.direct_individual).toBe(50);
    expect(week.totals.supervision_individual).toBe(60);
    expect(week.totals.direct_group).toBe(0);
    expect(week.dayTotals['2026-11-18']).toBe(50);
    expect(week.totalMinutes).toBe(110);
  });

  it.each([
    ['minutes', { minutes: 0 }, 'at least 1'],
    ['minutes', { minutes: 1441 }, 'at most 1440'],
    ['minutes', { minutes: 12.5 }, 'whole minutes'],
    ['minutes', { minutes: '50' }, 'Must be a number'],
    ['date', { date: '2026-11-21' }, 'future'],
    ['date', { date: '2026-02-30' }, 'real date'],
    ['date', { date: '18/11/2026' }, 'real date'],
    ['category', { category: 'coffee' }, 'hour categories'],
    ['workerId', { workerId: 9999 }, 'No such worker'],
    ['siteId', { siteId: 9999 }, 'No such site'],
    ['supervisorId', { supervisorId: 9999 }, 'No such supervisor'],
    ['date', { date: '2026-01-04' }, "Before the worker's start date (2026-01-05)"],
    ['workerId', { workerId: -1 }, 'a worker'],
    ['extra', { extra: 1 }, 'Unknown field'],
  ])('rejects a bad %s (%j) with a field error and writes nothing', async (field, over, reason) => {
    const res = await t.core.invoke('hours.add', entry(over));
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('validation');
    expect(res.error.fields?.[field]).toContain(reason);
    expect(await count()).toBe(0);
  });

  it('rejects malformed input of any shape', async () => {
    for (const bad of [null, 42, 'x', [], { workerId: {} }]) {
      const res = await t.core.invoke('hours.add', bad);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('validation');
    }
    expect(await count()).toBe(0);
  });

  it('refuses more than 24 hours in one day for a worker, counting earlier entries', async () => {
    await call(t.core, 'hours.add', entry({ minutes: 1000 }));
    const res = await t.core.invoke('hours.add', entry({ minutes: 441 }));
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.fields?.minutes).toContain('7 h 20 min left');
    await call(t.core, 'hours.add', entry({ minutes: 440 }));
    expect(await count()).toBe(2);
  });

  it('checks the day limit on update without counting the entry being replaced', async () => {
    const e = await call(t.core, 'hours.add', entry({ minutes: 1440 }));
    const updated = await call(t.core, 'hours.update', { id: e.id, ...entry({ minutes: 1400 }) });
    expect(updated.minutes).toBe(1400);
  });

  it('refuses a supervisor outside the assignment span and at another site', async () => {
    const other = await call(t.core, 'sites.create', { name: 'Eastside' });
    await call(t.core, 'assignments.update', {
      id: t.ids.assignment.id,
      workerId: t.ids.worker.id,
      supervisorId: t.ids.supervisor.id,
      siteId: t.ids.site.id,
      startDate: '2026-01-05',
      endDate: '2026-11-10',
    });
    const late = await t.core.invoke('hours.add', entry({ date: '2026-11-11' }));
    expect(late.ok).toBe(false);
    const elsewhere = await t.core.invoke(
      'hours.add',
      entry({ date: '2026-11-10', siteId: other.id }),
    );
    expect(elsewhere.ok).toBe(false);
    await call(t.core, 'hours.add', entry({ date: '2026-11-10' })); // end date is inclusive
    expect(await count()).toBe(1);
  });

  it('refuses to shorten an assignment so that logged entries fall outside it', async () => {
    await call(t.core, 'hours.add', entry({ date: '2026-11-18' }));
    const res = await t.core.invoke('assignments.update', {
      id: t.ids.assignment.id,
      workerId: t.ids.worker.id,
      supervisorId: t.ids.supervisor.id,
      siteId: t.ids.site.id,
      startDate: '2026-01-05',
      endDate: '2026-11-01',
    });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.fields?.startDate).toContain('1 logged entry');
    const [a] = await call(t.core, 'assignments.list', { workerId: t.ids.worker.id });
    expect(a?.endDate).toBeNull();
  });

  it('updates and deletes entries; unknown t.ids are not_found', async () => {
    const e = await call(t.core, 'hours.add', entry());
    await call(t.core, 'hours.update', { id: e.id, ...entry({ minutes: 75, note: '  ' }) });
    const [row] = (
      await call(t.core, 'hours.week', { workerId: t.ids.worker.id, weekStart: '2026-11-16' })
    ).entries;
    expect(row).toMatchObject({ minutes: 75, note: null });
    await call(t.core, 'hours.delete', { id: e.id });
    expect(await count()).toBe(0);
    const gone = await t.core.invoke('hours.delete', { id: e.id });
    expect(gone.ok ? null : gone.error.code).toBe('not_found');
  });
});
