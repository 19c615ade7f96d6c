import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiName } from '../../shared/api/contract.js';
import { call, seedPractice } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/**
 * Issue 15: hours and supervision assignments fall inside the worker's employment — on or
 * after the start date and, once the worker has left, on or before the end date — whichever
 * path writes them, and an edit of those dates may not strand what is already there.
 */
describe("hours and assignments inside the worker's employment", () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>>;
  beforeEach(async () => {
    core = await openTempCore(fakeClock('2026-11-20T10:00:00'));
    ids = await seedPractice(core); // Sam started 2026-01-05; assigned to Maria from then
  });
  afterEach(() => core.dispose());

  const fieldsOf = async <K extends ApiName>(name: K, input: ApiInput<K>) => {
    const res = await core.invoke(name, input);
    return res.ok ? null : { code: res.error.code, fields: res.error.fields };
  };
  const hour = (date: string) => ({
    workerId: ids.worker.id,
    siteId: ids.site.id,
    supervisorId: ids.supervisor.id,
    date,
    category: 'direct_individual' as const,
    minutes: 60,
  });
  const worker = () => ({
    ...ids.worker,
    registrationExpires: null,
    endDate: null as string | null,
  });
  const count = async () => Number((await core.db('hour_entries').count({ n: '*' }))[0]?.n);

  /** An assignment written before this check existed: it starts before the worker did. */
  const earlyAssignment = () =>
    core.db('supervision_assignments').insert({
      worker_id: ids.worker.id,
      supervisor_id: ids.supervisor.id,
      site_id: ids.site.id,
      start_date: '2025-12-01',
      created_at: '2025-12-01T00:00:00Z',
      updated_at: '2025-12-01T00:00:00Z',
    });

  it('refuses hours before the start date even when an assignment starts earlier', async () => {
    await earlyAssignment();
    expect(await fieldsOf('hours.add', hour('2026-01-02'))).toEqual({
      code: 'validation',
      fields: { date: "Before the worker's start date (2026-01-05)" },
    });
    const ok = await call(core, 'hours.add', hour('2026-01-05'));
    expect(await fieldsOf('hours.update', { id: ok.id, ...hour('2026-01-04') })).toEqual({
      code: 'validation',
      fields: { date: "Before the worker's start date (2026-01-05)" },
    });
    expect(await count()).toBe(1);
  });

  it('refuses an assignment that starts before the worker did, or ends after they left', async () => {
    const assignment = {
      workerId: ids.worker.id,
      supervisorId: ids.supervisor.id,
      siteId: ids.site.id,
      startDate: '2025-12-01',
    };
    expect(await fieldsOf('assignments.create', assignment)).toEqual({
      code: 'validation',
      fields: { startDate: "Before the worker's start date (2026-01-05)" },
    });
    expect(
      await fieldsOf('assignments.update', { id: ids.assignment.id, ...assignment }),
    ).toMatchObject({ fields: { startDate: "Before the worker's start date (2026-01-05)" } });

    await call(core, 'workers.update', { ...worker(), endDate: '2026-10-31' });
    expect(
      await fieldsOf('assignments.create', {
        ...assignment,
        startDate: '2026-06-01',
        endDate: '2026-12-31',
      }),
    ).toEqual({
      code: 'validation',
      fields: { endDate: "After the worker's end date (2026-10-31)" },
    });
    expect(
      await fieldsOf('assignments.create', { ...assignment, startDate: '2026-11-02' }),
    ).toMatchObject({ fields: { startDate: "After the worker's end date (2026-10-31)" } });
    expect(await core.db('supervision_assignments').count({ n: '*' }).first()).toEqual({ n: 1 });
  });

  it('refuses hours after the end date, by hand, in a session and from a CSV file', async () => {
    await call(core, 'workers.update', { ...worker(), endDate: '2026-10-31' });
    expect(await fieldsOf('hours.add', hour('2026-11-02'))).toEqual({
      code: 'validation',
      fields: { date: "After the worker's end date (2026-10-31)" },
    });
    expect(
      await fieldsOf('sessions.create', {
        supervisorId: ids.supervisor.id,
        siteId: ids.site.id,
        date: '2026-11-02',
        kind: 'individual',
        minutes: 60,
        workerIds: [ids.worker.id],
      }),
    ).toEqual({
      code: 'validation',
      fields: { workerIds: "Sam Chen: after the worker's end date (2026-10-31)" },
    });
    const csv =
      'date,worker_id,site,supervisor_email,category,minutes\n' +
      `2026-11-02,${ids.worker.id},Downtown Clinic,maria@example.org,direct_individual,60\n` +
      `2026-01-02,${ids.worker.id},Downtown Clinic,maria@example.org,direct_individual,60\n`;
    const preview = await call(core, 'csv.previewImport', { csv });
    expect(preview.rows.map((r) => r.errors)).toEqual([
      { date: "After the worker's end date (2026-10-31)" },
      { date: "Before the worker's start date (2026-01-05)" },
    ]);
    expect(await count()).toBe(0);
  });

  it('refuses a start or end date that would leave hours or assignments outside, naming them', async () => {
    await call(core, 'hours.add', hour('2026-02-10'));
    await call(core, 'hours.add', hour('2026-02-11'));
    expect(await fieldsOf('workers.update', { ...worker(), startDate: '2026-03-01' })).toEqual({
      code: 'validation',
      fields: {
        startDate:
          '2 hour entries (from 2026-02-10) and 1 supervision assignment (from 2026-01-05) fall before this date; move or remove them first',
      },
    });
    expect(await fieldsOf('workers.update', { ...worker(), endDate: '2026-02-10' })).toEqual({
      code: 'validation',
      fields: {
        endDate: '1 hour entry (to 2026-02-11) falls after this date; move or remove it first',
      },
    });
    expect(await fieldsOf('workers.update', { ...worker(), endDate: '2026-01-01' })).toMatchObject({
      fields: { endDate: 'The end date is before the start date' },
    });
    expect((await call(core, 'workers.list', {}))[0]).toMatchObject({
      startDate: '2026-01-05',
      endDate: null,
    });
    // An open assignment is bounded by the end date; one ending later is not.
    await call(core, 'workers.update', { ...worker(), endDate: '2026-02-11' });
    await call(core, 'assignments.update', {
      id: ids.assignment.id,
      workerId: ids.worker.id,
      supervisorId: ids.supervisor.id,
      siteId: ids.site.id,
      startDate: '2026-01-05',
      endDate: '2026-02-11',
    });
    expect(await fieldsOf('workers.update', { ...worker(), endDate: '2026-02-10' })).toMatchObject({
      fields: {
        endDate:
          '1 hour entry (to 2026-02-11) and 1 supervision assignment (to 2026-02-11) fall after this date; move or remove them first',
      },
    });
  });
});
