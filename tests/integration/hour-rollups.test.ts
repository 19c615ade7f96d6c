import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildHourRollups, rollupSelectSql } from '../../main/services/hour-rollups.js';
import { rawRows } from '../../main/db/dialect/index.js';
import { addAssignedWorker, call, seedPractice } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

type Bucket = Record<string, string | number>;

describe('hour rollups stay equal to a fresh GROUP BY over hour_entries', () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>> & { second: number };
  const clock = fakeClock('2026-11-20T15:00:00');

  beforeEach(async () => {
    core = await openTempCore(clock);
    const base = await seedPractice(core);
    const w = await addAssignedWorker(
      core,
      { firstName: 'Ana', lastName: 'Test', email: 'ana@example.org' },
      { supervisorId: base.supervisor.id, siteId: base.site.id },
    );
    ids = { ...base, second: w.id };
  });
  afterEach(() => core.dispose());

  const sorted = (rows: Bucket[]): Bucket[] =>
    rows
      .map((r): Bucket => ({ ...r, minutes: Number(r.minutes), entries: Number(r.entries) }))
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  const stored = async () =>
    sorted(
      (await core
        .db('hour_rollups')
        .select(
          'worker_id',
          'week_start',
          'month_start',
          'site_id',
          'supervisor_id',
          'category',
          'minutes',
          'entries',
        )) as Bucket[],
    );
  const fresh = async () => sorted(await rawRows<Bucket>(core.db, rollupSelectSql(core.db)));

  const entry = (over: Record<string, unknown> = {}) => ({
    workerId: ids.worker.id,
    date: '2026-11-18',
    siteId: ids.site.id,
    supervisorId: ids.supervisor.id,
    category: 'direct_individual' as const,
    minutes: 50,
    note: null,
    ...over,
  });

  it('follows adds, updates, deletes, sessions and CSV imports', async () => {
    const a = await call(core, 'hours.add', entry());
    await call(core, 'hours.add', entry({ minutes: 25 }));
    // A week that spans two months (Mon 2026-09-28 … Sun 2026-10-04) is split by month.
    await call(core, 'hours.add', entry({ date: '2026-09-30', category: 'nonclinical' }));
    const b = await call(core, 'hours.add', entry({ date: '2026-10-02', minutes: 40 }));
    await call(core, 'hours.update', {
      id: a.id,
      ...entry({ category: 'direct_group', minutes: 70 }),
    });
    await call(core, 'hours.update', { id: b.id, ...entry({ date: '2026-11-03', minutes: 15 }) });
    const c = await call(core, 'hours.add', entry({ date: '2026-11-17', workerId: ids.second }));
    await call(core, 'hours.delete', { id: c.id });
    const s = await call(core, 'sessions.create', {
      supervisorId: ids.supervisor.id,
      siteId: ids.site.id,
      date: '2026-11-17',
      kind: 'triadic',
      minutes: 90,
      note: null,
      workerIds: [ids.worker.id, ids.second],
    });
    await call(core, 'sessions.update', {
      id: s.id,
      supervisorId: ids.supervisor.id,
      siteId: ids.site.id,
      date: '2026-11-16',
      kind: 'individual',
      minutes: 60,
      note: null,
      workerIds: [ids.second],
    });
    const csv = [
      'date,worker_id,site,supervisor_email,category,minutes,note',
      ...Array.from(
        { length: 40 },
        (_, k) =>
          `2026-11-${String(2 + (k % 14)).padStart(2, '0')},${k % 2 ? ids.worker.id : ids.second},Downtown Clinic,maria@example.org,${k % 3 ? 'direct_family' : 'supervision_group'},${10 + k},`,
      ),
    ].join('\n');
    const imported = await call(core, 'csv.importHours', { csv: `${csv}\n` });
    expect(imported.imported).toBe(40);
    expect((await stored()).length).toBeGreaterThan(8);
    expect(await stored()).toEqual(await fresh());

    await call(core, 'sessions.delete', { id: s.id });
    expect(await stored()).toEqual(await fresh());
  });

  it('follows raw SQL that bypasses the services, since the triggers sit on the table', async () => {
    const a = await call(core, 'hours.add', entry());
    await call(core, 'hours.add', entry({ date: '2026-11-19', minutes: 20 }));
    await core.db('hour_entries').where({ id: a.id }).update({ minutes: 45 });
    await core.db('hour_entries').where({ id: a.id }).update({ date: '2026-10-30' });
    await core.db('hour_entries').where({ id: a.id }).update({ note: 'only the note' });
    expect(await stored()).toEqual(await fresh());
    await core.db('hour_entries').where({ worker_id: ids.worker.id }).delete();
    expect(await stored()).toEqual([]);
  });

  it('a refused write leaves the rollups as they were', async () => {
    await call(core, 'hours.add', entry());
    const before = await stored();
    // The day already holds 50 minutes, so 23.5 h more breaks the 24-hour rule; the CSV's second
    // row names no such site, so the whole file is refused.
    const tooMuch = await core.invoke('hours.add', entry({ minutes: 1410 }));
    expect(tooMuch.ok).toBe(false);
    const badCsv = await core.invoke('csv.importHours', {
      csv: 'date,worker_id,site,supervisor_email,category,minutes,note\n2026-11-17,1,Downtown Clinic,maria@example.org,direct_family,30,\n2026-11-18,1,Nowhere,maria@example.org,direct_family,30,\n',
    });
    expect(badCsv.ok).toBe(false);
    expect(await stored()).toEqual(before);
    expect(await stored()).toEqual(await fresh());
  });

  it('rebuilds one worker or the weeks from a date without touching the rest', async () => {
    await call(core, 'hours.add', entry({ date: '2026-11-02' }));
    await call(core, 'hours.add', entry({ date: '2026-11-18', workerId: ids.second }));
    const good = await stored();
    await core.db('hour_rollups').update({ minutes: 1 });
    await rebuildHourRollups(core.db, { workerId: ids.second });
    const mixed = await stored();
    expect(mixed.filter((r) => r.worker_id === ids.second)).toEqual(
      good.filter((r) => r.worker_id === ids.second),
    );
    expect(mixed.find((r) => r.worker_id === ids.worker.id)?.minutes).toBe(1);
    await rebuildHourRollups(core.db, { fromDate: '2026-10-28' });
    expect(await stored()).toEqual(good);
  });
});
