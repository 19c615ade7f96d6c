import { describe, expect, it } from 'vitest';
import { readerOf } from '../../main/db/connection.js';
import { addSeededHours, call, seedPractice, signInAs, signedInUser } from '../support/seed.js';
import { coreEachTest } from '../support/core-each-test.js';

/**
 * A week's view reads through the database's read-only twin, so a long write on the writer (a
 * CSV import, a backup's snapshot) does not hold the screen people use most; its audit row is
 * queued behind that write and still names who looked and when.
 */
describe('a week is read while a long write holds the writer', () => {
  const t = coreEachTest('2026-11-20T15:00:00', seedPractice);

  /** Opens a write transaction on the writer and keeps it open until `release()`. */
  async function holdTheWriter() {
    let release = () => {};
    let begun = () => {};
    const started = new Promise<void>((resolve) => (begun = resolve));
    const done = t.core.db.transaction(async (trx) => {
      // Written inside the held transaction: nobody may see it until it commits.
      const now = '2026-11-20T15:00:00.000Z';
      await trx('sites').insert({
        name: 'Uncommitted Annex',
        address: null,
        active: 1,
        created_at: now,
        updated_at: now,
      });
      begun();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await started;
    return { release: () => release(), done };
  }

  const views = async () =>
    Number(
      (await readerOf(t.core.db)('audit_log').where({ action: 'view' }).count({ n: '*' }))[0]?.n,
    );

  it('answers from the last committed state without waiting, and records the view afterwards', async () => {
    await addSeededHours(t.core, t.ids, '2026-11-18', 'direct_individual', 50, 'Intake');
    const owner = signedInUser(t.core);
    const before = await views();
    const writer = await holdTheWriter();

    // The answer must come while the transaction is still open; on the writer it could not.
    const answer = call(t.core, 'hours.week', {
      workerId: t.ids.worker.id,
      weekStart: '2026-11-16',
    });
    const outcome = await Promise.race([
      answer.then((week) => ({ week })),
      new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5_000)),
    ]);
    expect(outcome, 'hours.week waited behind the open write').not.toBe('waited');
    const { week } = outcome as { week: Awaited<typeof answer> };
    expect(week.entries.map((e) => e.note)).toEqual(['Intake']);
    expect(week.totalMinutes).toBe(50);
    // The uncommitted site is invisible to the reader, and the view is not yet written.
    expect(await readerOf(t.core.db)('sites').where({ name: 'Uncommitted Annex' }).first()).toBe(
      undefined,
    );
    expect(await views()).toBe(before);

    // Someone else signs in before the write ends: the queued row still names the owner.
    signInAs(t.core, {
      ...owner,
      id: owner.id + 1000,
      username: 'someone',
      displayName: 'Someone',
    });
    writer.release();
    await writer.done;
    signInAs(t.core, owner);

    const [view] = await call(t.core, 'audit.list', { action: 'view', limit: 1 });
    expect(view).toMatchObject({
      actor: owner.username,
      subjectType: 'worker',
      subjectId: t.ids.worker.id,
      detail: 'week of 2026-11-16',
    });
    expect(await views()).toBe(before + 1);
  });

  it('many views during one write wait as one request, and each is recorded in order', async () => {
    const before = await views();
    const writer = await holdTheWriter();
    const weeks = ['2026-11-02', '2026-11-09', '2026-11-16'];
    for (let i = 0; i < 60; i++)
      await call(t.core, 'hours.week', {
        workerId: t.ids.worker.id,
        weekStart: weeks[i % 3] ?? '2026-11-16',
      });
    expect(await views()).toBe(before);
    writer.release();
    await writer.done;
    const rows = await call(t.core, 'audit.list', { action: 'view', limit: 60 });
    expect(rows).toHaveLength(60);
    // Newest first: the last view asked for is the last written.
    expect(rows.map((r) => r.detail).reverse()).toEqual(
      Array.from({ length: 60 }, (_, i) => `week of ${weeks[i % 3]}`),
    );
    expect(await call(t.core, 'audit.verify', {})).toMatchObject({ intact: true });
  });
});
