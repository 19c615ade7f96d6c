import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDaysIso } from '../../shared/domain/dates.js';
import {
  addSeededHours,
  call,
  createAccount,
  newWorker,
  seedPractice,
  signInAs,
} from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/**
 * Sam Chen under the generic pack (3,000 h total, 1,750 h direct, 1,250 h non-clinical max, 104
 * weeks, 52 supervision weeks; 1 h supervision a week). Hand-computed figures:
 * - 24 Aug 2026: 300 min direct, no supervision (a week without supervision).
 * - 12 Mondays 31 Aug … 16 Nov: 600 min direct + a 60-min individual session each.
 * - direct 300 + 12×600 = 7,500; supervision 12×60 = 720 (non-clinical in this pack);
 *   toward the total 8,220 of 180,000 = 4.5 %.
 * - Pace window 29 Aug … 20 Nov (84 days) holds 7,920 → 660 min a week; 171,780 to go
 *   → ceil(171,780 × 84 / 7,920) = 1,822 days → 16 Nov 2031.
 */
describe("progress service: a worker's figures from the database", () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>>;
  const TODAY = '2026-11-20';

  beforeEach(async () => {
    core = await openTempCore(fakeClock(`${TODAY}T15:00:00`));
    ids = await seedPractice(core);
    const log = (date: string, minutes: number) =>
      addSeededHours(core, ids, date, 'direct_individual', minutes);
    await log('2026-08-24', 300);
    for (let week = 0; week < 12; week++) {
      const monday = addDaysIso('2026-08-31', week * 7);
      await log(monday, 600);
      await call(core, 'sessions.create', {
        supervisorId: ids.supervisor.id,
        siteId: ids.site.id,
        date: monday,
        kind: 'individual',
        minutes: 60,
        workerIds: [ids.worker.id],
      });
    }
    await core.db('weekly_logs').insert({
      worker_id: ids.worker.id,
      week_start: '2026-10-26',
      status: 'submitted',
      version: 1,
      submitted_at: '2026-11-01T09:00:00.000Z',
      created_at: '2026-11-01T09:00:00.000Z',
      updated_at: '2026-11-01T09:00:00.000Z',
    });
  });
  afterEach(() => core.dispose());

  it('says so when the worker has no pack, and still charts the hours', async () => {
    const view = await call(core, 'progress.worker', { workerId: ids.worker.id });
    expect(view.pack).toBeNull();
    expect(view.progress).toBeNull();
    expect(view.loggedMinutes).toBe(7500 + 720);
    expect(view.months.map((m) => m.month)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
  });

  it('computes requirements, warnings, projection and the monthly chart', async () => {
    await call(core, 'workers.setPack', { workerId: ids.worker.id, packId: 'generic' });
    const view = await call(core, 'progress.worker', { workerId: ids.worker.id });
    expect(view.pack?.id).toBe('generic');
    const req = Object.fromEntries(
      (view.progress?.requirements ?? []).map((r) => [r.id, [r.counted, r.required, r.met]]),
    );
    expect(req).toEqual({
      total: [8220, 180000, false],
      direct: [7500, 105000, false],
      'nonclinical-max': [720, 75000, true],
      period: [12, 104, false],
      'supervision-weeks': [12, 52, false],
    });
    expect(view.progress?.warnings.map((w) => [w.code, w.weekStart ?? null])).toEqual([
      ['supervision_missing', '2026-08-24'],
      ['agreement_missing', null],
      ['week_unsigned', '2026-10-26'],
    ]);
    expect(view.projection).toMatchObject({
      windowStart: '2026-08-29',
      windowEnd: TODAY,
      paceMinutesPerWeek: 660,
      remainingMinutes: 171780,
      projectedDate: '2031-11-16',
    });
    expect(
      view.months.map((m) => [m.month, m.direct_individual, m.supervision_individual]),
    ).toEqual([
      ['2026-08', 900, 60],
      ['2026-09', 2400, 240],
      ['2026-10', 2400, 240],
      ['2026-11', 1800, 180],
    ]);
    expect(view.weeksWaiting).toBe(1);
    expect(view.oldestWaitingDays).toBe(19);
    const [viewed] = await core
      .db('audit_log')
      .where({ action: 'view', entity: 'progress' })
      .orderBy('id', 'desc');
    expect(viewed).toMatchObject({ subject_type: 'worker', subject_id: ids.worker.id });
  });

  it('overview: one row per visible worker, audited once', async () => {
    await call(core, 'workers.setPack', { workerId: ids.worker.id, packId: 'generic' });
    const other = await call(core, 'workers.create', newWorker('Ana', 'Zed', '2026-01-05'));
    const rows = await call(core, 'progress.overview', {});
    expect(rows.map((r) => [r.name, r.status, r.percent, r.warningCount, r.weeksWaiting])).toEqual([
      ['Sam Chen', 'warnings', 4.5, 3, 1],
      ['Ana Zed', 'no_pack', null, 0, 0],
    ]);
    expect(rows[0]?.projectedDate).toBe('2031-11-16');
    expect(rows[0]?.oldestWaitingDays).toBe(19);
    const views = await core.db('audit_log').where({ action: 'view', entity: 'progress' });
    expect(views.map((v) => v.detail)).toEqual([
      `progress overview of 2 workers (ids ${ids.worker.id}, ${other.id})`,
    ]);

    // A supervisor sees only their current supervisees.
    const user = await createAccount(core, 'maria', 'supervisor', {
      supervisorId: ids.supervisor.id,
    });
    signInAs(core, user);
    const mine = await call(core, 'progress.overview', {});
    expect(mine.map((r) => r.name)).toEqual(['Sam Chen']);
    const denied = await core.invoke('progress.worker', { workerId: other.id });
    expect(!denied.ok && denied.error.code).toBe('forbidden');
  });
});
