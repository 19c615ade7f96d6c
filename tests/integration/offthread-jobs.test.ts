import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_CANCELLED } from '../../main/services/csv-hours/csv-hours.js';
import { RECORD_EXPORT_CANCELLED } from '../../main/services/privacy/access.js';
import type { AppEvent } from '../../shared/api/bridge.js';
import type { PersonRecord } from '../../shared/domain/privacy/person-record.js';
import type { ReportFile } from '../../shared/domain/reports.js';
import { call, insertDailyHours, seedPractice } from '../support/seed.js';
import { fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

const TO_BBS = { recipient: 'California BBS', purpose: 'Licensure application' };
const ENTRIES = 3_000;
const AUDIT_ROWS = 4_400;

/**
 * Long calls run in worker threads (the tests run the built workers, as the app does): the
 * main process answers other calls while they run, their progress arrives in order, and a
 * cancelled call leaves no file, no disclosure and no audit row behind.
 */
describe('long work off the main thread, with progress and cancel', () => {
  let core: TempCore;
  let ids: Awaited<ReturnType<typeof seedPractice>>;
  const clock = fakeClock('2026-11-20T10:00:00');
  const exportInput = () => ({ personType: 'worker', personId: ids.worker.id, ...TO_BBS }) as const;
  const counts = async () => ({
    disclosures: Number((await core.db('disclosures').count({ n: '*' }))[0]?.n),
    audit: Number((await core.db('audit_log').max({ n: 'id' }))[0]?.n),
    entries: Number((await core.db('hour_entries').count({ n: '*' }))[0]?.n),
  });
  /**
   * Runs `start`, calling `onFirst` at the first progress event of `task` that `at` picks: by
   * default the first past its first step.
   */
  const whileRunning = async <T>(
    task: string,
    start: () => Promise<T>,
    onFirst: () => Promise<unknown>,
    at: (done: number, total: number) => boolean = (done, total) => done > 0 && done < total,
  ) => {
    const events: AppEvent[] = [];
    let during: Promise<unknown> | null = null;
    const off = core.onEvent((e) => {
      if (e.type !== 'progress' || e.task !== task) return;
      events.push(e);
      if (!during && at(e.done, e.total)) during = onFirst();
    });
    const result = await start();
    off();
    return { result, during: await during, events };
  };

  /** A PDF export cancelled at the progress event `at` picks: it answers that it was cancelled. */
  const cancelledExport = async (at?: (done: number, total: number) => boolean) => {
    const { result, during } = await whileRunning(
      'person-record',
      () => core.invoke('privacy.exportRecord', { ...exportInput(), format: 'pdf' }),
      () => core.invoke('reports.cancel', { task: 'person-record' }),
      at,
    );
    expect(during).toEqual({ ok: true, value: true });
    expect(result).toEqual({
      ok: false,
      error: { code: 'conflict', message: RECORD_EXPORT_CANCELLED },
    });
  };

  beforeAll(async () => {
    core = await openTempCore(clock);
    ids = await seedPractice(core);
    await insertDailyHours(core, ids, ENTRIES, clock.now().toISOString());
    // An audit history about the worker over eleven months, as the app writes it.
    const actions = ['view', 'update', 'create', 'export'] as const;
    for (let m = 0; m < 11; m++) {
      clock.set(`2026-${String(m + 1).padStart(2, '0')}-15T10:00:00`);
      await core.db.transaction(async (trx) => {
        for (let i = 0; i < AUDIT_ROWS / 11; i++)
          await core.services.audit.append(trx, {
            action: actions[i % actions.length] ?? 'view',
            entity: 'hour_entries',
            subjectType: 'worker',
            subjectId: ids.worker.id,
            detail: `history row ${m}-${i}`,
          });
      });
    }
    clock.set('2026-11-20T10:00:00');
  }, 120_000);
  afterAll(() => core.dispose());

  it('hours.week answers while a person-record PDF is made, whose progress arrives in order', async () => {
    const order: string[] = [];
    const { result, during, events } = await whileRunning(
      'person-record',
      async () => {
        const file = await call(core, 'privacy.exportRecord', { ...exportInput(), format: 'pdf' });
        order.push('export');
        return file;
      },
      async () => {
        const week = await call(core, 'hours.week', {
          workerId: ids.worker.id,
          weekStart: '2026-03-02',
        });
        order.push('week');
        return week;
      },
    );
    // The week was answered while the export ran, not queued behind it.
    expect(order).toEqual(['week', 'export']);
    expect(during).toMatchObject({ entries: expect.any(Array) });
    // Progress events of the drawing step: one total, `done` never going back, ending at it.
    const drawing = events.filter((e) => e.type === 'progress' && e.total > 1);
    const done = drawing.map((e) => (e.type === 'progress' ? e.done : -1));
    expect(drawing.length).toBeGreaterThan(2);
    expect(new Set(drawing.map((e) => (e.type === 'progress' ? e.total : 0))).size).toBe(1);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(drawing.at(-1)).toMatchObject({ done: ENTRIES, total: ENTRIES });
    expect((result as ReportFile).pages).toBeGreaterThan(10);
  });

  it('a large record counts its audit trail by month and action in the PDF; the JSON keeps every row', async () => {
    const pdf = await call(core, 'privacy.exportRecord', { ...exportInput(), format: 'pdf' });
    const path = join(core.folder, 'record.pdf');
    writeFileSync(path, Buffer.from(pdf.base64, 'base64'));
    const pages = Number(
      /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1],
    );
    expect(pages).toBe(pdf.pages);
    // The hour entries' table (about 40 rows a page) plus a few pages; listing the audit rows
    // would add more than a hundred.
    expect(pages).toBeLessThan(Math.ceil(ENTRIES / 30) + 10);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/audit entries concern this person: too many to list here/);
    // A column per action (the most frequent first), then the month's total.
    // (a disclosure column when an earlier export recorded one, in November).
    expect(text).toMatch(/Month(\s+(Create|Export|Update|View|Disclose)){4,5}\s+Total/);
    // March: 400 rows over four actions, 100 each, and no disclosure.
    expect(text).toMatch(/2026-03\s+100\s+100\s+100\s+100(\s+0)?\s+400/);
    expect(text).not.toContain('history row 2-7');

    const json = await call(core, 'privacy.exportRecord', { ...exportInput(), format: 'json' });
    const record = JSON.parse(Buffer.from(json.base64, 'base64').toString('utf8')) as PersonRecord;
    const history = record.auditEntries.filter((a) => a.detail?.startsWith('history row '));
    expect(history).toHaveLength(AUDIT_ROWS);
    expect(record.hourEntries).toHaveLength(ENTRIES);
  });

  it('cancelling a person-record export stops the thread: no file, no disclosure, no audit row', async () => {
    const before = await counts();
    await cancelledExport();
    expect(await counts()).toEqual(before);
    // Nothing is left running: the cancel has nothing to stop, and the next export completes.
    expect(await call(core, 'reports.cancel', { task: 'person-record' })).toBe(false);
    const json = await call(core, 'privacy.exportRecord', { ...exportInput(), format: 'json' });
    expect(json.fileName).toMatch(/\.json$/);
    expect((await counts()).disclosures).toBe(before.disclosures + 1);
  });

  it('cancelling a person-record export while its thread still reads the database', async () => {
    // The thread is not terminated while it reads (thread-cancel.test.ts shows why): it
    // finishes the read, closes its connection and ends; the caller has its answer at once.
    const before = await counts();
    // At the first report, done 0: the thread has begun reading.
    for (let i = 0; i < 3; i++) await cancelledExport((done) => done === 0);
    expect(await counts()).toEqual(before);
    // The threads ended on their own; the app goes on, and the next export completes.
    const json = await call(core, 'privacy.exportRecord', { ...exportInput(), format: 'json' });
    expect(json.fileName).toMatch(/\.json$/);
  });

  it('cancelling a CSV import while its rows are checked imports nothing', async () => {
    const header = 'date,worker_id,site,supervisor,category,minutes,note';
    const lines = Array.from({ length: 1_500 }, (_, i) =>
      [
        new Date(Date.UTC(2026, 9, 1) + Math.floor(i / 30) * 86_400_000).toISOString().slice(0, 10),
        ids.worker.id,
        'Downtown Clinic',
        'maria@example.org',
        'direct_individual',
        '5',
        `imported ${i}`,
      ].join(','),
    );
    const before = await counts();
    // At the check's first report (done 0, always sent): later ones go out at most every 50 ms,
    // and a check of 1,500 rows can end before the next.
    const { result, during } = await whileRunning(
      'csv-check',
      () => core.invoke('csv.importHours', { csv: [header, ...lines].join('\n') + '\n' }),
      () => core.invoke('reports.cancel', { task: 'csv-import' }),
      (done) => done === 0,
    );
    expect(during).toEqual({ ok: true, value: true });
    expect(result).toEqual({ ok: false, error: { code: 'conflict', message: CSV_CANCELLED } });
    expect(await counts()).toEqual(before);
  });
});
