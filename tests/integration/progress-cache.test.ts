import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import generic from '../../shared/domain/packs/generic.json';
import type { OverviewRow } from '../../shared/domain/progress-view.js';
import { makeProgressCache } from '../../main/services/progress-cache.js';
import type { SessionUser } from '../../main/services/session.js';
import {
  call,
  createAccount,
  MARIA,
  newWorker,
  seedPractice,
  seedSecondTeam,
  signedInUser,
  signInAs,
} from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/**
 * The owner's overview reads each worker's row from progress_cache when it was computed today
 * and nothing it depends on changed since. Every test compares the cached answer with the one
 * computed from scratch (the cache emptied), after a write of each kind that feeds progress.
 */
describe('progress cache: the overview stays exact across writes and days', () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>> & {
    priya: number;
    other: number;
    owner: SessionUser;
    maria: SessionUser;
  };
  const clock = fakeClock('2026-11-20T15:00:00');

  beforeEach(async () => {
    clock.set('2026-11-20T15:00:00');
    core = await openTempCore(clock);
    const base = await seedPractice(core);
    const { priya, david: other } = await seedSecondTeam(core, base.site.id);
    await call(core, 'workers.setPack', { workerId: base.worker.id, packId: 'generic' });
    await call(core, 'packs.create', {
      pack: { ...structuredClone(generic), id: 'lakeside', name: 'Lakeside' },
      basedOn: 'generic',
    });
    await call(core, 'workers.setPack', { workerId: priya.id, packId: 'lakeside' });
    for (const [workerId, supervisorId] of [
      [base.worker.id, base.supervisor.id],
      [priya.id, other.id],
    ] as const) {
      for (const date of ['2026-10-05', '2026-10-12', '2026-11-02', '2026-11-10']) {
        await call(core, 'hours.add', {
          workerId,
          date,
          siteId: base.site.id,
          supervisorId,
          category: 'direct_individual',
          minutes: 240,
        });
      }
    }
    const maria = await createAccount(core, 'maria', 'supervisor', {
      supervisorId: base.supervisor.id,
    });
    const owner = signedInUser(core);
    ids = { ...base, priya: priya.id, other: other.id, owner, maria };
  }, 30_000);
  afterEach(() => core.dispose());

  const as = (who: SessionUser) => signInAs(core, who);
  const overview = () => call(core, 'progress.overview', {});
  const cacheRows = async () =>
    (await core.db('progress_cache').orderBy('worker_id')) as {
      worker_id: number;
      computed_for: string | null;
      data_version: number;
      result_json: string | null;
    }[];
  const uncached = async (): Promise<OverviewRow[]> => {
    await core.db('progress_cache').delete();
    return overview();
  };
  const sam = () => ids.worker.id;

  /**
   * Fills the cache, runs the write, and checks that the touched workers' rows were dropped,
   * that the cached overview equals the uncached one, and (when `changes`) that it moved.
   */
  async function afterWrite(
    write: () => Promise<unknown>,
    touched: number[],
    changes = true,
  ): Promise<OverviewRow[]> {
    const before = await overview();
    expect((await cacheRows()).every((r) => r.result_json !== null)).toBe(true);
    await write();
    const stale = (await cacheRows()).filter((r) => r.result_json === null).map((r) => r.worker_id);
    expect(stale.sort()).toEqual([...touched].sort());
    const cached = await overview();
    expect(cached).toEqual(await uncached());
    if (changes) expect(cached).not.toEqual(before);
    return cached;
  }

  const add = (workerId: number, date: string, minutes: number) =>
    call(core, 'hours.add', {
      workerId,
      date,
      siteId: ids.site.id,
      supervisorId: workerId === sam() ? ids.supervisor.id : ids.other,
      category: 'direct_individual',
      minutes,
    });

  it('serves rows computed today from the cache, exactly as computed afresh', async () => {
    const first = await overview();
    const rows = await cacheRows();
    expect(rows.map((r) => [r.worker_id, r.computed_for])).toEqual([
      [sam(), '2026-11-20'],
      [ids.priya, '2026-11-20'],
    ]);
    // A cached row is what is served: doctor one and the overview shows it.
    const doctored = { ...JSON.parse(rows[0]?.result_json ?? '{}'), name: 'From the cache' };
    await core
      .db('progress_cache')
      .where({ worker_id: sam() })
      .update({ result_json: JSON.stringify(doctored) });
    expect((await overview()).find((r) => r.workerId === sam())?.name).toBe('From the cache');
    expect(await uncached()).toEqual(first);
  });

  it('hour entries added, edited and deleted drop only that worker’s row', async () => {
    const entry = await add(sam(), '2026-11-17', 90);
    await afterWrite(() => add(sam(), '2026-11-18', 120), [sam()]);
    await afterWrite(
      () =>
        call(core, 'hours.update', {
          id: entry.id,
          workerId: sam(),
          date: '2026-11-17',
          siteId: ids.site.id,
          supervisorId: ids.supervisor.id,
          category: 'direct_individual',
          minutes: 30,
        }),
      [sam()],
    );
    await afterWrite(() => call(core, 'hours.delete', { id: entry.id }), [sam()]);
  });

  it('a supervision session’s linked entries drop each attendee’s row', async () => {
    await afterWrite(
      () =>
        call(core, 'sessions.create', {
          supervisorId: ids.supervisor.id,
          siteId: ids.site.id,
          date: '2026-11-16',
          kind: 'individual',
          minutes: 60,
          workerIds: [sam()],
        }),
      [sam()],
    );
  });

  it('a CSV import drops the rows of the workers it names; a refused one leaves the cache', async () => {
    const header = 'date,worker_id,site,supervisor,category,minutes,note';
    const line = (date: string, site = 'Downtown Clinic') =>
      `${date},${sam()},${site},maria@example.org,direct_individual,45,`;
    await afterWrite(
      () =>
        call(core, 'csv.importHours', {
          csv: [header, line('2026-11-16'), line('2026-11-17')].join('\n') + '\n',
        }),
      [sam()],
    );
    await overview();
    const before = await cacheRows();
    const refused = await core.invoke('csv.importHours', {
      csv: [header, line('2026-11-18'), line('2026-11-19', 'Uptown')].join('\n') + '\n',
    });
    expect(refused.ok).toBe(false);
    expect(await cacheRows()).toEqual(before);
  });

  it('a write that rolls back leaves the cache as it was', async () => {
    await overview();
    const before = await cacheRows();
    await expect(
      core.db.transaction(async (trx) => {
        await trx('hour_entries').insert({
          worker_id: sam(),
          date: '2026-11-19',
          site_id: ids.site.id,
          supervisor_id: ids.supervisor.id,
          category: 'direct_individual',
          minutes: 60,
          created_at: '2026-11-20T15:00:00.000Z',
          updated_at: '2026-11-20T15:00:00.000Z',
        });
        // Inside the transaction the row is already stale…
        const inside = (await trx('progress_cache').where({ worker_id: sam() }).first()) as {
          result_json: string | null;
        };
        expect(inside.result_json).toBeNull();
        throw new Error('the write fails after the insert');
      }),
    ).rejects.toThrow('the write fails');
    // …and the rollback restores it.
    expect(await cacheRows()).toEqual(before);
  });

  it('an erased worker leaves no row behind', async () => {
    const zed = await call(core, 'workers.create', newWorker('Zed', 'Quinn', '2026-06-01'));
    await overview();
    expect((await cacheRows()).map((r) => r.worker_id)).toContain(zed.id);
    // What the privacy erasure does last for a worker with nothing else left.
    await core.db('workers').where({ id: zed.id }).delete();
    expect((await cacheRows()).map((r) => r.worker_id)).toEqual([sam(), ids.priya]);
    expect(await overview()).toEqual(await uncached());
  });

  it('submitting, approving and returning weeks update weeks waiting', async () => {
    const submitted = await afterWrite(
      () => call(core, 'weeks.submit', { workerId: sam(), weekStart: '2026-11-02' }),
      [sam()],
    );
    expect(submitted.find((r) => r.workerId === sam())?.weeksWaiting).toBe(1);
    as(ids.maria);
    await afterWrite(
      () =>
        call(core, 'weeks.approve', {
          workerId: sam(),
          weekStart: '2026-11-02',
          password: 'maria password 1',
        }),
      [sam()],
    );
    as(ids.owner);
    await afterWrite(
      () => call(core, 'weeks.submit', { workerId: sam(), weekStart: '2026-11-09' }),
      [sam()],
    );
    as(ids.maria);
    const returned = await afterWrite(
      () =>
        call(core, 'weeks.return', { workerId: sam(), weekStart: '2026-11-09', comment: 'Fix' }),
      [sam()],
    );
    expect(returned.map((r) => r.weeksWaiting)).toEqual([0]);
  });

  it('a pack change, a custom pack edit and an assignment change drop the workers concerned', async () => {
    await afterWrite(
      () => call(core, 'workers.setPack', { workerId: sam(), packId: null }),
      [sam()],
    );
    const edited = { ...structuredClone(generic), id: 'lakeside', name: 'Lakeside, revised' };
    await afterWrite(
      () => call(core, 'packs.update', { id: 'lakeside', pack: edited }),
      [ids.priya],
    );
    await afterWrite(
      () =>
        call(core, 'assignments.update', {
          id: ids.assignment.id,
          workerId: sam(),
          supervisorId: ids.supervisor.id,
          siteId: ids.site.id,
          startDate: '2026-01-05',
          agreementSignedOn: '2026-01-05',
        }),
      [sam()],
      false,
    );
  });

  it('a supervisor’s licence change drops every row', async () => {
    const after = await afterWrite(
      () =>
        call(core, 'supervisors.update', {
          ...MARIA,
          id: ids.supervisor.id,
          licenseExpires: '2026-10-01',
          active: true,
        }),
      [sam(), ids.priya],
    );
    expect(after.find((r) => r.workerId === sam())?.warningCount).toBeGreaterThan(0);
  });

  it('a row is valid for the day it was computed for only', async () => {
    await call(core, 'weeks.submit', { workerId: sam(), weekStart: '2026-11-02' });
    const today = await overview();
    expect(today.find((r) => r.workerId === sam())?.oldestWaitingDays).toBe(0);
    clock.set('2026-11-23T08:00:00');
    const monday = await overview();
    expect(monday.find((r) => r.workerId === sam())?.oldestWaitingDays).toBe(3);
    expect((await cacheRows()).map((r) => r.computed_for)).toEqual(['2026-11-23', '2026-11-23']);
    expect(monday).toEqual(await uncached());
  });

  it('a supervisor’s overview reads their supervisees’ rows from the same cache', async () => {
    const all = await overview();
    as(ids.maria);
    expect(await overview()).toEqual(all.filter((r) => r.workerId === sam()));
  });

  it('warmCache fills the missing rows of the day, once, and again on the next day', async () => {
    expect(await cacheRows()).toEqual([]);
    expect(await core.services.progress.warmCache()).toBe(2);
    expect((await cacheRows()).every((r) => r.computed_for === '2026-11-20')).toBe(true);
    expect(await core.services.progress.warmCache()).toBe(0);
    await add(ids.priya, '2026-11-18', 30);
    expect(await core.services.progress.warmCache()).toBe(1);
    const warm = await overview();
    expect(warm).toEqual(await uncached());
    clock.set('2026-11-21T00:30:00');
    expect(await core.services.progress.warmCache()).toBe(2);
  });

  it('a write while a row is being computed keeps the stale result out of the cache', async () => {
    const real = await overview();
    await core.db('progress_cache').delete();
    const racing = makeProgressCache(core.db, async () => {
      // The computation read its inputs; then an entry lands before it stores the result.
      await add(sam(), '2026-11-19', 15);
      return [real[0] as OverviewRow];
    });
    await racing.refresh(sam(), '2026-11-20');
    const row = (await cacheRows())[0];
    expect(row).toMatchObject({ worker_id: sam(), result_json: null, data_version: 1 });
    expect(await overview()).toEqual(await uncached());
  });
});
