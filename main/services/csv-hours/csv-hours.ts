import type { Knex } from 'knex';
import type { Q } from '../../db/query.js';
import { AppError, validationError, type FieldErrors } from '../../../shared/errors.js';
import { toIsoDate, type IsoDate } from '../../../shared/domain/dates.js';
import {
  CSV_EXPORT_COLUMNS,
  PROGRESS_TASKS,
  minutesToDecimalHours,
  type CsvImportResult,
  type CsvPreview,
  type ReportFile,
} from '../../../shared/domain/reports.js';
import { insertHourEntries } from '../../db/tables/hour-entries.js';
import { progressReporter, type EventHub } from '../events.js';
import type { CorePorts } from '../ports.js';
import { recordDisclosure } from '../privacy/disclosures.js';
import { csvFile } from '../reports/csv-file.js';
import type { SessionUser } from '../session.js';
import { checkRows, type OutOfScope, type ValidRow } from './check-rows.js';
import type { JobContext, LongJobs, WorkerJobs } from '../reports/worker-jobs.js';
import { parseHoursFile, type CsvRow } from './parse.js';

interface Scope {
  visibleWorkerIds(user: SessionUser): Promise<number[] | 'all'>;
}

/** What a cancelled check or import answers. */
export const CSV_CANCELLED = 'The import was cancelled; nothing was imported.';

/**
 * Hours in and out as CSV. The export writes what the import reads, so a file can go out to a
 * spreadsheet and come back. The import checks every row with hours.add's rules and writes all
 * rows in one transaction, or none. The file is parsed in a worker thread before any
 * transaction opens; the check and the write stop at the next row when cancelled (the
 * transaction rolls back, so nothing is written).
 */
export function makeCsvHoursService(
  { db, clock, audit }: CorePorts,
  {
    events,
    scope,
    jobs,
    workers,
  }: { events: EventHub; scope: Scope; jobs: LongJobs; workers: WorkerJobs },
) {
  /** The file's rows, read in a worker thread. */
  const parse = (csv: string, ctx: JobContext) =>
    workers.run('csv-parse', csv, parseHoursFile, {
      signal: ctx.signal,
      onProgress: ctx.progress,
    });

  /** Which workers the caller may import for, and (a supervisor) under which supervisor. */
  const allowedIn = async (user: SessionUser) => {
    const visible = await scope.visibleWorkerIds(user);
    return {
      inScope: (workerId: number) => visible === 'all' || visible.includes(workerId),
      // A supervisor logs hours only in their own name (main/services/own-name.ts).
      mayLogAs: (supervisorId: number) =>
        user.role !== 'supervisor' || user.supervisorId === supervisorId,
    };
  };

  /**
   * Refuses an import naming a worker outside the caller's scope, or another supervisor than
   * the supervisor importing it, and records the refusal.
   */
  async function refuseOutOfScope(rows: readonly OutOfScope[]): Promise<never> {
    const first = rows[0] as OutOfScope;
    const lines = rows.map((r) => r.line);
    const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? ', …' : '');
    const bySupervisor = first.supervisorId !== undefined;
    await db.transaction((trx) =>
      audit.append(trx, {
        action: 'forbidden',
        detail: bySupervisor
          ? `csv import: supervisor ${first.supervisorId} on line ${first.line} is not the caller`
          : `csv import: worker ${first.workerId} on line ${first.line} is outside the caller's scope`,
      }),
    );
    throw new AppError(
      'forbidden',
      (bySupervisor
        ? `Line ${first.line} logs hours under another supervisor; you can import hours only in your own name`
        : `Line ${first.line} names a worker outside what your account can import`) +
        `${lines.length > 1 ? ` (lines ${shown})` : ''}. Nothing was imported.`,
    );
  }

  /** `inScope` is read before any transaction opens: SQLite has one connection to share. */
  async function check(
    q: Q,
    allowed: Awaited<ReturnType<typeof allowedIn>>,
    rows: readonly CsvRow[],
    ctx: JobContext,
  ) {
    const progress = progressReporter(events, PROGRESS_TASKS.csvCheck, rows.length);
    progress.step(0);
    const result = await checkRows(q, rows, {
      today: toIsoDate(clock.now()),
      ...allowed,
      onRow: (done) => {
        ctx.stopIfCancelled();
        progress.step(done);
      },
    });
    progress.finish();
    return result;
  }

  async function writeRows(trx: Knex.Transaction, valid: readonly ValidRow[], ctx: JobContext) {
    const now = clock.now().toISOString();
    const progress = progressReporter(events, PROGRESS_TASKS.csvImport, valid.length);
    progress.step(0);
    await insertHourEntries(
      trx,
      valid.map(({ line: _line, ...entry }) => entry),
      now,
      (written) => {
        ctx.stopIfCancelled();
        progress.step(written);
      },
    );
    progress.finish();
  }

  async function importChecked(
    user: SessionUser,
    csv: string,
    onRefused: (rows: OutOfScope[]) => void,
    ctx: JobContext,
  ): Promise<CsvImportResult> {
    const allowed = await allowedIn(user);
    const { rows } = await parse(csv, ctx);
    return db.transaction(async (trx) => {
      const { preview, valid, outOfScope } = await check(trx, allowed, rows, ctx);
      if (outOfScope.length) {
        onRefused(outOfScope);
        throw new AppError('forbidden', 'Refused');
      }
      const bad = preview.filter((r) => Object.keys(r.errors).length > 0);
      if (bad.length) {
        const fields: FieldErrors = {};
        for (const r of bad) {
          for (const [column, why] of Object.entries(r.errors))
            fields[`line.${r.line}.${column}`] = why;
        }
        const first = bad[0] as (typeof bad)[number];
        const [column, why] = Object.entries(first.errors)[0] as [string, string];
        throw validationError(
          fields,
          `${bad.length} row${bad.length === 1 ? ' has' : 's have'} problems, so nothing was imported. ` +
            `First: line ${first.line}, ${column}: ${why}`,
        );
      }
      await writeRows(trx, valid, ctx);

      const byWorker = new Map<number, ValidRow[]>();
      for (const r of valid) {
        const list = byWorker.get(r.workerId);
        if (list) list.push(r);
        else byWorker.set(r.workerId, [r]);
      }
      const names = new Map(
        (
          (await trx('workers')
            .whereIn('id', [...byWorker.keys()])
            .select('id', 'first_name', 'last_name')) as {
            id: number;
            first_name: string;
            last_name: string;
          }[]
        ).map((w) => [Number(w.id), `${w.first_name} ${w.last_name}`]),
      );
      const workers: CsvImportResult['workers'] = [];
      for (const [workerId, rows] of byWorker) {
        const dates = rows.map((r) => r.date).sort();
        const minutes = rows.reduce((s, r) => s + r.minutes, 0);
        await audit.append(trx, {
          action: 'import',
          entity: 'hour_entries',
          subjectType: 'worker',
          subjectId: workerId,
          after: { count: rows.length, minutes, from: dates[0], to: dates.at(-1) },
          detail: `Imported ${rows.length} hour entr${rows.length === 1 ? 'y' : 'ies'} from CSV (${dates[0]} to ${dates.at(-1)})`,
        });
        workers.push({ workerId, name: names.get(workerId) ?? `#${workerId}`, count: rows.length });
      }
      return { imported: valid.length, workers };
    });
  }

  return {
    /** Every row with its problems; writes nothing. */
    async previewImport(user: SessionUser, csv: string): Promise<CsvPreview> {
      const { preview, outOfScope } = await jobs.run(
        PROGRESS_TASKS.csvCheck,
        CSV_CANCELLED,
        async (ctx) => {
          const allowed = await allowedIn(user);
          const { rows } = await parse(csv, ctx);
          return check(db, allowed, rows, ctx);
        },
      );
      if (outOfScope.length) await refuseOutOfScope(outOfScope);
      const errorCount = preview.filter((r) => Object.keys(r.errors).length > 0).length;
      return { rows: preview, validCount: preview.length - errorCount, errorCount };
    },

    /**
     * Checks again inside the writing transaction (the data may have changed since the
     * preview) and writes every row, or nothing. One audit row per worker per import, with the
     * count and the date range: a 20,000-row file would otherwise add 20,000 audit rows.
     */
    async importHours(user: SessionUser, csv: string): Promise<CsvImportResult> {
      // The refusal is audited after the import's transaction ends: SQLite has one writer.
      let refused: OutOfScope[] = [];
      try {
        return await jobs.run(PROGRESS_TASKS.csvImport, CSV_CANCELLED, (ctx) =>
          importChecked(user, csv, (rows) => (refused = rows), ctx),
        );
      } catch (err) {
        if (refused.length) await refuseOutOfScope(refused);
        throw err;
      }
    },
    /** A worker's hours (or every worker the caller sees) in a date range, as CSV. */
    async exportHours(
      user: SessionUser,
      input: {
        workerId?: number | undefined;
        from?: IsoDate | undefined;
        to?: IsoDate | undefined;
        /**
         * Who the file is for and why: each worker in it gets a disclosure record. Null: a
         * worker's own copy, their own access, audited but not a disclosure.
         */
        disclosure: { recipient: string; purpose: string } | null;
      },
    ): Promise<ReportFile> {
      const from = input.from ?? '0000-01-01';
      const to = input.to ?? '9999-12-31';
      if (from > to) throw validationError({ to: 'Must be on or after the start date' });
      const visible = await scope.visibleWorkerIds(user);
      const query = db('hour_entries as e')
        .join('workers as w', 'w.id', 'e.worker_id')
        .join('sites as s', 's.id', 'e.site_id')
        .join('supervisors as p', 'p.id', 'e.supervisor_id')
        .whereBetween('e.date', [from, to])
        .orderBy([{ column: 'e.date' }, { column: 'w.last_name' }, { column: 'e.id' }])
        .select(
          'e.date',
          'e.worker_id',
          'w.first_name as wf',
          'w.last_name as wl',
          'w.email as we',
          's.name as site',
          'p.first_name as pf',
          'p.last_name as pl',
          'p.email as pe',
          'e.category',
          'e.minutes',
          'e.note',
        );
      if (input.workerId !== undefined) query.where('e.worker_id', input.workerId);
      if (visible !== 'all') query.whereIn('e.worker_id', visible);
      const rows = (await query) as Record<string, string | number | null>[];

      const data = rows.map((r) => [
        r.date,
        r.worker_id,
        `${r.wf} ${r.wl}`,
        r.we,
        r.site,
        `${r.pf} ${r.pl}`,
        // A worker sees their supervisors by name only (issue 16); the import reads the name.
        user.role === 'worker' ? '' : r.pe,
        r.category,
        minutesToDecimalHours(Number(r.minutes)),
        r.minutes,
        r.note,
      ]);

      const counts = new Map<number, number>();
      for (const r of rows)
        counts.set(Number(r.worker_id), (counts.get(Number(r.worker_id)) ?? 0) + 1);
      const own = input.disclosure ? '' : " (the worker's own copy)";
      const range = `${input.from ?? 'the start'} to ${input.to ?? 'today'}`;
      await db.transaction(async (trx) => {
        if (counts.size === 0) {
          await audit.append(trx, {
            action: 'export',
            entity: 'hour_entries',
            ...(input.workerId !== undefined
              ? { subjectType: 'worker' as const, subjectId: input.workerId }
              : {}),
            detail: `CSV export of hours, ${range}: no entries${own}`,
          });
        }
        for (const [workerId, count] of counts) {
          await audit.append(trx, {
            action: 'export',
            entity: 'hour_entries',
            subjectType: 'worker',
            subjectId: workerId,
            detail: `CSV export of hours, ${range}: ${count} entr${count === 1 ? 'y' : 'ies'}${own}`,
          });
        }
        if (counts.size > 0 && input.disclosure)
          await recordDisclosure(trx, audit, {
            people: [...counts.keys()].map((personId) => ({ personType: 'worker', personId })),
            ...input.disclosure,
            categories: ['profile', 'hours'],
            format: 'csv',
            document: 'hours-csv',
          });
      });

      const who =
        input.workerId !== undefined && rows[0]
          ? `${String(rows[0].wl)}-${String(rows[0].wf)}`.toLowerCase().replace(/[^\w-]+/g, '-')
          : 'all-workers';
      return csvFile(
        `hours-${who}-${input.from ?? 'start'}-to-${input.to ?? toIsoDate(clock.now())}.csv`,
        CSV_EXPORT_COLUMNS,
        data,
      );
    },
  };
}

export type CsvHoursService = ReturnType<typeof makeCsvHoursService>;
