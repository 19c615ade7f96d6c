import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/api/bridge.js';
import { tamperWithAudit } from '../support/audit-tamper.js';
import { call, seedPractice } from '../support/seed.js';
import { STOPPED_BY_LOCK_ANSWER, threadRunning } from '../support/stopped-by-lock.js';
import { OWNER, fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/**
 * The audit walk runs in a worker thread on its own read-only connection (the tests run the
 * built worker, as the app does): it reports progress, can be cancelled, and answers exactly
 * what the walk in this thread answers.
 */
describe('audit verification in a worker thread', () => {
  let core: TempCore;
  const clock = fakeClock('2026-11-20T10:00:00');

  // One practice for both tests (the cancellation first, the edit last): the trail is slow to make.
  beforeAll(async () => {
    core = await openTempCore(clock);
    await seedPractice(core);
    // A trail long enough to take many pages: 30,000 rows appended as the app appends them.
    await core.db.transaction(async (trx) => {
      for (let i = 0; i < 30_000; i++)
        await core.services.audit.append(trx, { action: 'view', entity: 'bench', detail: `${i}` });
    });
  }, 120_000);
  afterAll(() => core.dispose());

  it('cancelling stops the walk, changes nothing, and a second run is refused while one runs', async () => {
    // Cancelled at the first page's progress, while the thread reads the next of six.
    let cancelled: Promise<unknown> | null = null;
    const off = core.onEvent((e: AppEvent) => {
      if (e.type === 'progress' && e.task === 'audit-verify' && e.done > 0 && !cancelled)
        cancelled = core.invoke('audit.cancelVerify', {});
    });
    const running = core.invoke('audit.verify', { full: true });
    const second = await core.invoke('audit.verify', {});
    expect(second.ok ? null : second.error.message).toBe('A verification is already running.');
    const res = await running;
    expect(await cancelled).toEqual({ ok: true, value: true });
    off();
    expect(res.ok ? null : res.error).toEqual({
      code: 'conflict',
      message: 'The verification was cancelled; nothing was changed.',
    });
    expect(core.services.vault.checkpoint()).toBeNull();
    expect(await call(core, 'audit.cancelVerify', {})).toBe(false);
    // Nothing is left running: the next verification completes.
    expect(await call(core, 'audit.verify', {})).toMatchObject({ intact: true });
  });
  it('locking midway stops the walk, which answers that the lock stopped it', async () => {
    // The lock closes the practice only once the thread has let go of it (lock-stops-work.test.ts).
    const checkpoint = core.services.vault.checkpoint();
    let locked = false;
    const off = core.onEvent((e: AppEvent) => {
      if (e.type !== 'progress' || e.task !== 'audit-verify' || e.done === 0 || locked) return;
      locked = true;
      core.lock('manual');
    });
    const res = await core.invoke('audit.verify', { full: true });
    off();
    expect(locked).toBe(true);
    expect(res).toEqual(STOPPED_BY_LOCK_ANSWER);
    await call(core, 'auth.unlock', { password: OWNER.password });
    expect(await threadRunning()).toBe(false);
    // The walk stopped before its end: the checkpoint did not move.
    expect(core.services.vault.checkpoint()).toEqual(checkpoint);
  });
  it('reports progress and gives the same verdict as the walk in this thread', async () => {
    const seen: number[] = [];
    const off = core.onEvent((e: AppEvent) => {
      if (e.type === 'progress' && e.task === 'audit-verify') seen.push(e.done);
    });
    const inWorker = await call(core, 'audit.verify', { full: true });
    off();
    expect(inWorker).toMatchObject({ intact: true, resumedAfter: 0 });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const here = await core.services.audit.verify(core.db);
    expect(here.intact).toBe(true);
    // The in-thread walk also sees the verify call's own audit row, written after the worker's.
    expect(inWorker.rows).toBeLessThanOrEqual(here.rows);
    // A row edited in the file is named the same way by both.
    await tamperWithAudit(core, (auditLog) =>
      auditLog().where({ id: 12_345 }).update({ detail: 'edited' }),
    );
    const broken = await call(core, 'audit.verify', { full: true });
    const brokenHere = await core.services.audit.verify(core.db);
    expect(broken).toMatchObject({
      intact: false,
      firstBrokenId: 12_345,
      reason: 'its content was changed',
    });
    expect(brokenHere).toMatchObject({ intact: false, firstBrokenId: 12_345 });
  });
});
