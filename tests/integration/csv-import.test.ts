import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/api/bridge.js';
import { checkRows } from '../../main/services/csv-hours/check-rows.js';
import { parseHoursCsv } from '../../main/services/csv-hours/parse.js';
import { addSeededHours, call, createAccount, newWorker, seedPractice } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

const HEADER = 'date,worker_id,site,supervisor,category,minutes,note';

describe('CSV import and export of hours against a real database', () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>>;
  const clock = fakeClock('2026-11-20T15:00:00');
  const events: AppEvent[] = [];

  beforeEach(async () => {
    core = await openTempCore(clock);
    ids = await seedPractice(core);
    events.length = 0;
    core.onEvent((e) => events.push(e));
  });
  afterEach(() => core.dispose());

  const count = async () => Number((await core.db('hour_entries').count({ n: '*' }))[0]?.n);
  const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
  const row = (
    date: string,
    minutes: number | string,
    extra: Partial<Record<string, string>> = {},
  ) =>
    [
      date,
      extra.worker ?? String(ids.worker.id),
      extra.site ?? 'Downtown Clinic',
      extra.supervisor ?? 'maria@example.org',
      extra.category ?? 'direct_individual',
      String(minutes),
      extra.note ?? '',
    ].join(',');

  it('lets other work run while it checks a long file (the event loop turns every 500 rows)', async () => {
    // 3,000 rows over November's days, 5 minutes each: all valid, so every rule runs.
    const lines = Array.from({ length: 3000 }, (_, i) =>
      row(`2026-11-${String(1 + (i % 19)).padStart(2, '0')}`, 5),
    );
    const { rows } = parseHoursCsv(csv(...lines));
    // A chain of setImmediate callbacks counts the event loop's turns.
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const seen: number[] = [];
    const result = await checkRows(core.db, rows, {
      today: '2026-11-20',
      inScope: () => true,
      // The rows' rules answer from what was read in one go: between the first and the last
      // row nothing but these turns lets other work in.
      onRow: (done) => {
        if (done === 1 || done === rows.length) seen.push(turns);
      },
    });
    spinning = false;
    expect(result.valid).toHaveLength(3000);
    const [first = 0, last = 0] = seen;
    expect(last - first).toBeGreaterThanOrEqual(5);
  });

  it('a file with one bad row imports nothing and names the row and field', async () => {
    const file = csv(
      row('2026-11-02', 50),
      row('2026-11-03', 60, { category: 'supervision_individual' }),
      row('2026-11-04', 50, { site: 'Uptown' }), // line 4: no such site
      row('2026-11-05', 45),
    );
    const preview = await call(core, 'csv.previewImport', { csv: file });
    expect(preview.validCount).toBe(3);
    expect(preview.errorCount).toBe(1);
    expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(preview.rows[2]).toMatchObject({
      line: 4,
      values: { site: 'Uptown', date: '2026-11-04' },
      errors: { site: 'No site named "Uptown"' },
    });
    expect(await count()).toBe(0);

    const res = await core.invoke('csv.importHours', { csv: file });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('validation');
    expect(res.error.fields).toEqual({ 'line.4.site': 'No site named "Uptown"' });
    expect(res.error.message).toContain('line 4, site: No site named "Uptown"');
    expect(res.error.message).toContain('nothing was imported');
    expect(await count()).toBe(0);
    expect(await call(core, 'audit.list', { action: 'import', limit: 5 })).toEqual([]);
  });

  it('refuses a note that looks like an SSN or a diagnosis code as a row error', async () => {
    const file = csv(
      row('2026-11-02', 50, { note: 'Client SSN 123-45-6789' }),
      row('2026-11-03', 50, { note: 'Case review' }),
      row('2026-11-04', 50, { note: 'Dx F32.1 discussed' }),
    );
    const preview = await call(core, 'csv.previewImport', { csv: file });
    expect(preview.errorCount).toBe(2);
    expect(preview.rows[0]?.errors.note).toMatch(
      /^Looks like .*123-45-6789.*remove it from the file$/,
    );
    expect(preview.rows[1]?.errors).toEqual({});
    expect(preview.rows[2]?.errors.note).toMatch(/diagnosis code.*F32\.1/);
    const res = await core.invoke('csv.importHours', { csv: file });
    expect(res.ok).toBe(false);
    expect(await count()).toBe(0);
  });

  it('refuses a file with an unterminated quote instead of importing the rows before it', async () => {
    const file = csv(
      row('2026-11-02', 50),
      row('2026-11-03', 50, { note: '"Case review' }), // line 3: the quote never closes
      row('2026-11-04', 50),
      row('2026-11-05', 50),
    );
    for (const name of ['csv.previewImport', 'csv.importHours'] as const) {
      const res = await core.invoke(name, { csv: file });
      expect(res.ok ? null : res.error.fields).toEqual({
        csv: expect.stringMatching(/^Line 3 opens a quote that is never closed/),
      });
    }
    expect(await count()).toBe(0);
  });

  it('refuses a row with a missing comma, naming the line, and imports nothing', async () => {
    const file = csv(row('2026-11-02', 50), row('2026-11-03', 50).replace(',50,', ',50'));
    const res = await core.invoke('csv.importHours', { csv: file });
    expect(res.ok ? null : res.error.fields?.csv).toMatch(
      /^Line 3 has 6 cells; the header row has 7/,
    );
    expect(await count()).toBe(0);
  });

  it('refuses a control character in the file naming its line, and stores notes as NFC', async () => {
    const res = await core.invoke('csv.previewImport', {
      csv: csv(row('2026-11-02', 50), row('2026-11-03', 50, { note: 'bell\u0007' })),
    });
    expect(res.ok ? null : res.error.fields?.csv).toBe(
      'Contains a control character (U+0007) on line 3; remove it',
    );
    await call(core, 'csv.importHours', {
      csv: csv(row('2026-11-03', 50, { note: 'Jose\u0301' })),
    });
    expect((await core.db('hour_entries').first('note'))?.note).toBe('Jos\u00e9');
  });

  it('applies the hours.add rules to every row, the 24-hour day across rows of the file', async () => {
    await addSeededHours(core, ids, '2026-11-10', 'direct_individual', 600);
    const other = await call(core, 'supervisors.create', {
      firstName: 'Dana',
      lastName: 'Kim',
      email: 'dana@example.org',
      licenseType: 'LCSW',
      licenseNumber: 'L1',
      licenseState: 'CA',
      licenseExpires: '2030-01-01',
    });
    const preview = await call(core, 'csv.previewImport', {
      csv: csv(
        row('2026-11-10', 500), // 600 + 500 = 1100 min: fine
        row('2026-11-10', 400), // 1500: over the day
        row('2026-12-01', 30), // future
        row('2026-11-11', 30, { supervisor: 'Dana Kim' }), // not assigned
        row('2026-11-31', 30), // not a date
        row('2026-11-12', 'ninety'),
        row('2026-11-13', 30, { category: 'therapy' }),
        row('2026-11-14', 30, { worker: '999' }),
        `2026-11-15,${ids.worker.id},Downtown Clinic,maria@example.org,direct_group,,`,
      ),
    });
    const errs = Object.fromEntries(preview.rows.map((r) => [r.line, r.errors]));
    expect(errs[2]).toEqual({});
    expect(errs[3]?.minutes).toContain('Only 5 h 40 min left on 2026-11-10');
    expect(errs[4]).toEqual({ date: 'The date is in the future' });
    expect(errs[5]).toEqual({
      supervisor: 'This supervisor is not assigned to this worker at this site on that date',
    });
    expect(errs[6]).toEqual({ date: 'Enter a real date as YYYY-MM-DD' });
    expect(errs[7]).toEqual({ minutes: 'Must be whole minutes' });
    expect(errs[8]?.category).toContain('Not a category');
    expect(errs[9]).toEqual({ worker_id: 'No worker has this id' });
    expect(errs[10]).toEqual({ minutes: 'Required: minutes or hours' });
    expect(preview).toMatchObject({ validCount: 1, errorCount: 8 });
    expect(other.id).toBeGreaterThan(0);
  });

  it('refuses rows in a submitted week', async () => {
    await addSeededHours(core, ids, '2026-11-16', 'direct_individual', 60);
    await call(core, 'weeks.submit', { workerId: ids.worker.id, weekStart: '2026-11-16' });
    const preview = await call(core, 'csv.previewImport', { csv: csv(row('2026-11-17', 30)) });
    expect(preview.rows[0]?.errors.date).toContain('is submitted for review');
  });

  it('a good file imports every row in one go, audited per worker, with progress', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => {
      const day = new Date(Date.UTC(2026, 0, 5) + Math.floor(i / 4) * 86_400_000);
      return row(day.toISOString().slice(0, 10), 30, { note: i === 0 ? '=SUM(A1)' : `n${i}` });
    });
    const res = await call(core, 'csv.importHours', { csv: csv(...rows) });
    expect(res).toEqual({
      imported: 1200,
      workers: [{ workerId: ids.worker.id, name: 'Sam Chen', count: 1200 }],
    });
    expect(await count()).toBe(1200);
    const [audit] = await call(core, 'audit.list', { action: 'import', limit: 5 });
    expect(audit).toMatchObject({ subjectType: 'worker', subjectId: ids.worker.id });
    expect(audit?.detail).toBe('Imported 1200 hour entries from CSV (2026-01-05 to 2026-10-31)');
    const progress = events.filter((e) => e.type === 'progress');
    expect(
      progress.some((e) => e.task === 'csv-check' && e.done === 1200 && e.total === 1200),
    ).toBe(true);
    expect(progress.some((e) => e.task === 'csv-import' && e.done === 1200)).toBe(true);
    // Throttled: far fewer events than rows.
    expect(progress.length).toBeLessThan(100);
  });

  it('round-trips: export, delete, import brings the same hours back; formulas are defused', async () => {
    const add = (date: string, minutes: number, note: string | null) =>
      call(core, 'hours.add', {
        workerId: ids.worker.id,
        date,
        siteId: ids.site.id,
        supervisorId: ids.supervisor.id,
        category: 'direct_family',
        minutes,
        note,
      });
    await add('2026-11-02', 50, '=HYPERLINK("http://evil")');
    await add('2026-11-03', 75, 'Couple, "first" session');
    await add('2026-11-04', 30, null);
    await add('2026-10-01', 30, 'outside the range');

    const file = await call(core, 'csv.exportHours', {
      recipient: 'Sam Chen',
      purpose: 'Own copy of hours',
      workerId: ids.worker.id,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(file.mimeType).toBe('text/csv');
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'date,worker_id,worker_name,worker_email,site,supervisor,supervisor_email,category,hours,minutes,note',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      `2026-11-02,${ids.worker.id},Sam Chen,sam@example.org,Downtown Clinic,Maria Lopez,maria@example.org,direct_family,0.83,50,"'=HYPERLINK(""http://evil"")"`,
    );
    expect(lines[2]).toContain(',1.25,75,"Couple, ""first"" session"');
    const [exported] = await call(core, 'audit.list', { action: 'export', limit: 1 });
    expect(exported?.detail).toBe('CSV export of hours, 2026-11-01 to 2026-11-30: 3 entries');

    const before = await core
      .db('hour_entries')
      .whereBetween('date', ['2026-11-01', '2026-11-30'])
      .orderBy('date')
      .select('date', 'minutes', 'note', 'category');
    await core.db('hour_entries').whereBetween('date', ['2026-11-01', '2026-11-30']).delete();
    const res = await call(core, 'csv.importHours', { csv: text });
    expect(res.imported).toBe(3);
    const after = await core
      .db('hour_entries')
      .whereBetween('date', ['2026-11-01', '2026-11-30'])
      .orderBy('date')
      .select('date', 'minutes', 'note', 'category');
    expect(after).toEqual(before);
  });

  it('refuses the whole file when a row names a worker outside the caller’s scope', async () => {
    const other = await call(core, 'workers.create', newWorker('Ann', 'Other', '2026-01-01'));
    // Maria supervises Sam, not Ann: a supervisor imports only for their supervisees.
    const maria = await createAccount(
      core,
      'maria',
      'supervisor',
      { supervisorId: ids.supervisor.id },
      { displayName: 'Maria Lopez', password: 'maria password 12' },
    );
    core.services.session.signIn(maria);
    const file = csv(row('2026-11-02', 50), row('2026-11-03', 50, { worker: String(other.id) }));
    for (const name of ['csv.previewImport', 'csv.importHours'] as const) {
      const res = await core.invoke(name, { csv: file });
      expect(res).toMatchObject({
        ok: false,
        error: {
          code: 'forbidden',
          message: expect.stringContaining('Line 3 names a worker outside'),
        },
      });
    }
    expect(await count()).toBe(0);
  });

  it('refuses any CSV import from a worker, saying where hours are logged, and imports nothing', async () => {
    await call(core, 'workers.create', newWorker('Ann', 'Other', '2026-01-01'));
    const user = await createAccount(
      core,
      'sam',
      'worker',
      { workerId: ids.worker.id },
      { displayName: 'Sam Chen', password: 'sam password 12' },
    );
    core.services.session.signIn(user);
    // Even a file of only their own hours: workers log hours on the week screen.
    const file = csv(row('2026-11-02', 50));
    for (const name of ['csv.previewImport', 'csv.importHours'] as const) {
      const res = await core.invoke(name, { csv: file });
      expect(res).toEqual({
        ok: false,
        error: {
          code: 'forbidden',
          message:
            'Importing hours from a CSV file is for the owner and supervisors; log your hours on the Hours screen.',
        },
      });
    }
    expect(await count()).toBe(0);
    const refusal = await core.db('audit_log').orderBy('id', 'desc').first('action', 'detail');
    expect(refusal).toMatchObject({ action: 'forbidden' });
    expect(refusal?.detail).toContain('csv.importHours');
    // A worker's own export lists only their own hours, and asks no recipient: it is their
    // own access, audited, not a disclosure.
    const disclosuresBefore = await core.db('disclosures').count({ n: 'id' }).first();
    const mine = await call(core, 'csv.exportHours', {});
    expect(Buffer.from(mine.base64, 'base64').toString('utf8')).not.toContain('Ann Other');
    expect(await core.db('disclosures').count({ n: 'id' }).first()).toEqual(disclosuresBefore);
    const own = await core.db('audit_log').orderBy('id', 'desc').first('action', 'actor', 'detail');
    expect(own).toMatchObject({
      action: 'export',
      actor: 'sam',
      detail: "CSV export of hours, the start to today: no entries (the worker's own copy)",
    });
  });

  it('rejects files that are not hours CSVs with one clear message', async () => {
    const bad = async (text: string) => {
      const res = await core.invoke('csv.previewImport', { csv: text });
      return res.ok ? null : res.error.fields?.csv;
    };
    expect(await bad('name,age\nx,1\n')).toContain('no "date" column');
    expect(await bad(`${HEADER}\n`)).toBe('The file has a header row but no hours.');
    const big = `${HEADER}\n` + `${row('2026-11-02', 1)}\n`.repeat(20_001);
    expect(await bad(big)).toContain('more than 20,000 rows');
  });
});
