import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/api/bridge.js';
import { call, insertDailyHours, seedPractice } from '../support/seed.js';
import { STOPPED_BY_LOCK_ANSWER, threadRunning } from '../support/stopped-by-lock.js';
import { OWNER, fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

const ENTRIES = 3_000;

/**
 * Locking (or quitting) while long work runs in a thread. Such a thread has its own keyed
 * connection: it went on reading the practice after the lock, and the call then failed with
 * "Something went wrong" when it tried to record what it had done on the closed database; at
 * quit, a thread torn down mid-query ends the process. Now the lock stops every long call,
 * each answers that it was stopped by the lock, and the practice closes only once their
 * threads have let go of it.
 */
describe('locking stops long work (the audit verification: audit-worker.test.ts)', () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>>;
  const clock = fakeClock('2026-11-20T10:00:00');
  const exportRecord = (format: 'pdf' | 'json' = 'pdf') =>
    core.invoke('privacy.exportRecord', {
      personType: 'worker',
      personId: ids.worker.id,
      recipient: 'California BBS',
      purpose: 'Licensure application',
      format,
    });
  /** Whether the audit trail records the backup `fileName`. */
  const backupRecorded = async (fileName: string) =>
    (await core.db('audit_log').where({ action: 'backup' }).pluck('detail')).some(
      (d: string | null) => d?.includes(fileName),
    );
  const disclosures = async () =>
    Number((await core.db('disclosures').count({ n: '*' }))[0]?.n ?? 0);
  /** Runs `start`, and `act` at the first progress event of `task` that `at` picks. */
  const actDuring = async <T>(
    task: string,
    start: () => Promise<T>,
    act: () => unknown,
    at: (done: number) => boolean,
  ) => {
    let acted = false;
    const off = core.onEvent((e: AppEvent) => {
      if (e.type !== 'progress' || e.task !== task || acted || !at(e.done)) return;
      acted = true;
      act();
    });
    try {
      const result = await start();
      expect(acted).toBe(true);
      return result;
    } finally {
      off();
    }
  };
  const unlock = () => call(core, 'auth.unlock', { password: OWNER.password });

  beforeAll(async () => {
    core = await openTempCore(clock);
    ids = await seedPractice(core);
    await insertDailyHours(core, ids, ENTRIES, clock.now().toISOString());
  }, 120_000);
  afterAll(() => core.dispose());

  for (const [when, at] of [
    ['while its thread reads the database', (done: number) => done === 0],
    ['while its pages are drawn', (done: number) => done > 0],
  ] as const) {
    it(`a person-record export locked ${when} answers that the lock stopped it; nothing is disclosed`, async () => {
      const before = await disclosures();
      const result = await actDuring('person-record', exportRecord, () => core.lock('manual'), at);
      expect(result).toEqual(STOPPED_BY_LOCK_ANSWER);
      expect(await unlock()).toMatchObject({ phase: 'active' });
      // The practice closed only after the thread had let go of it.
      expect(await threadRunning()).toBe(false);
      expect(await disclosures()).toBe(before);
      const actions = await core.db('audit_log').orderBy('id', 'desc').limit(2).pluck('action');
      expect(actions).toEqual(['unlock', 'lock']);
      // The next export runs to the end.
      expect(await exportRecord('json')).toMatchObject({
        ok: true,
        value: { fileName: expect.stringMatching(/\.json$/) },
      });
      expect(await disclosures()).toBe(before + 1);
    }, 60_000);
  }

  it('a backup under way when the practice locks ends first: its file is made and recorded', async () => {
    // Under way: dispatch counts a call as running before its first step.
    const backup = core.invoke('backups.create', {});
    core.lock('manual');
    const result = await backup;
    expect(result).toMatchObject({ ok: true, value: { tier: 'manual' } });
    await unlock();
    const made = result.ok ? (result.value as { fileName: string }).fileName : '';
    const listed = await call(core, 'backups.list', {});
    expect(listed.items.map((i) => i.fileName)).toContain(made);
    expect(await backupRecorded(made)).toBe(true);
  }, 60_000);

  it('the daily backup under way when the practice locks ends first, and is recorded', async () => {
    // A day after the last backup, so one is due.
    clock.advance(25 * 60 * 60 * 1000);
    const daily = core.backupSchedule.onTimer();
    core.lock('manual');
    const made = await daily;
    expect(made).toMatchObject({ tier: 'daily' });
    await unlock();
    expect(await backupRecorded(made?.fileName ?? '?')).toBe(true);
  }, 60_000);

  it('a save under way when the practice locks is saved, and one sent after is refused', async () => {
    const entry = {
      workerId: ids.worker.id,
      siteId: ids.site.id,
      supervisorId: ids.supervisor.id,
      date: '2026-11-16',
      category: 'direct_individual' as const,
      minutes: 45,
    };
    const before = Number((await core.db('hour_entries').count({ n: '*' }))[0]?.n);
    const saved = core.invoke('hours.add', { ...entry, note: 'under way at the lock' });
    core.lock('manual');
    const refused = await core.invoke('hours.add', { ...entry, note: 'after the lock' });
    expect(refused.ok ? null : refused.error.code).toBe('locked');
    expect(await saved).toMatchObject({ ok: true });
    await unlock();
    const notes = await core.db('hour_entries').where({ date: '2026-11-16' }).pluck('note');
    expect(notes).toEqual(['under way at the lock']);
    expect(Number((await core.db('hour_entries').count({ n: '*' }))[0]?.n)).toBe(before + 1);
  }, 60_000);

  it('quitting while an export reads the database closes once its thread has let go', async () => {
    let closed: Promise<void> | null = null;
    const result = await actDuring(
      'person-record',
      exportRecord,
      () => (closed = core.close()),
      (done) => done === 0,
    );
    expect(result).toEqual(STOPPED_BY_LOCK_ANSWER);
    await closed;
    expect(await threadRunning()).toBe(false);
  }, 60_000);
});
