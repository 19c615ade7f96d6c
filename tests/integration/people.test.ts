import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../support/seed.js';
import { openTempCore } from '../support/temp-core.js';

type TempCore = Awaited<ReturnType<typeof openTempCore>>;

/** The worker these tests create, edit and break. */
const SAM = { firstName: 'Sam', lastName: 'Chen', email: 'sam@x.org', startDate: '2026-01-01' };

describe('sites, supervisors, workers and assignments', () => {
  let core: TempCore;
  beforeEach(async () => {
    core = await openTempCore();
  });
  afterEach(() => core.dispose());

  const supervisor = {
    firstName: ' Maria ',
    lastName: 'Lopez',
    email: ' Maria@Example.ORG ',
    licenseType: 'LCSW' as const,
    licenseNumber: '  lcsw 12 345 ',
    licenseState: 'ca',
    licenseExpires: '2028-01-31',
  };

  it('creates, lists and edits a supervisor with normalised fields', async () => {
    const s = await call(core, 'supervisors.create', supervisor);
    expect(s).toMatchObject({
      firstName: 'Maria',
      email: 'maria@example.org',
      licenseNumber: 'LCSW12345',
      licenseState: 'CA',
      active: true,
      phone: null,
    });
    await call(core, 'supervisors.update', {
      id: s.id,
      ...supervisor,
      lastName: 'Lopez-Ruiz',
      active: false,
    });
    const [listed] = await call(core, 'supervisors.list', {});
    expect(listed).toMatchObject({ lastName: 'Lopez-Ruiz', active: false });
  });

  it('lists people sorted by last name and sites by name', async () => {
    for (const last of ['Zhou', 'Adams', 'Miller']) {
      await call(core, 'workers.create', {
        firstName: 'A',
        lastName: last,
        email: `${last}@x.org`,
        startDate: '2026-01-01',
      });
    }
    expect((await call(core, 'workers.list', {})).map((w) => w.lastName)).toEqual([
      'Adams',
      'Miller',
      'Zhou',
    ]);
    await call(core, 'sites.create', { name: 'North' });
    await call(core, 'sites.create', { name: 'East' });
    expect((await call(core, 'sites.list', {})).map((s) => s.name)).toEqual(['East', 'North']);
  });

  it('refuses an edit of a missing record as not_found and an invalid one without writing', async () => {
    const missing = await core.invoke('sites.update', { id: 42, name: 'X', active: true });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
    const w = await call(core, 'workers.create', SAM);
    const bad = await core.invoke('workers.update', {
      ...w,
      email: 'sam@',
      registrationExpires: 'soon',
    });
    expect(bad.ok ? null : bad.error.fields).toEqual({
      email: 'Enter a valid email address',
      registrationExpires: 'Enter a real date: day, month and year',
    });
    const [still] = await call(core, 'workers.list', {});
    expect(still?.email).toBe('sam@x.org');
  });

  it('validates assignment references and dates', async () => {
    const w = await call(core, 'workers.create', SAM);
    const res = await core.invoke('assignments.create', {
      workerId: w.id,
      supervisorId: 7,
      siteId: 8,
      startDate: '2026-03-01',
      endDate: '2026-02-01',
    });
    expect(res.ok ? null : res.error.fields).toEqual({
      supervisorId: 'No such supervisor',
      siteId: 'No such site',
      endDate: 'The end date is before the start date',
    });
    expect(await call(core, 'assignments.list', {})).toEqual([]);
  });

  it('refuses names with NUL, control characters or nothing visible, and writes nothing', async () => {
    const worker = SAM;
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ firstName: 'Sam\u0000' }, 'firstName', /NUL character/],
      [{ lastName: 'Ch\u0007en' }, 'lastName', /control character \(U\+0007\)/],
      [{ lastName: '\u200B\u200D' }, 'lastName', /visible character/],
      [{ firstName: 'S\uD800am' }, 'firstName', /lone UTF-16 surrogate/],
      [{ title: 'Associate\nMFT' }, 'title', /single line/],
    ];
    for (const [change, field, reason] of cases) {
      const res = await core.invoke('workers.create', { ...worker, ...change });
      expect(res.ok ? null : res.error.code).toBe('validation');
      if (!res.ok) {
        expect(res.error.fields?.[field]).toMatch(reason);
        expect(res.error.message).toMatch(new RegExp(`^${field}: `));
      }
    }
    expect(await call(core, 'workers.list', {})).toEqual([]);
    // Decomposed accents (as macOS types them) are stored composed.
    const w = await call(core, 'workers.create', { ...worker, firstName: 'Jose\u0301' });
    expect(w.firstName).toBe('Jos\u00e9');
  });

  it('keeps the practice record and its name', async () => {
    expect((await call(core, 'practice.get', {})).name).toBe('Lakeside Family Therapy');
    expect((await call(core, 'practice.update', { name: 'Harbor Family Therapy' })).name).toBe(
      'Harbor Family Therapy',
    );
  });
});
