import type { Knex } from 'knex';
import { notFound } from '../../shared/errors.js';
import { HOUR_CATEGORIES } from '../../shared/domain/categories.js';
import { toIsoDate, type IsoDate } from '../../shared/domain/dates.js';
import type { Pack } from '../../shared/domain/packs/index.js';
import { addMonthsIso, daysBetween, monthStartOf } from '../../shared/domain/progress-calendar.js';
import {
  computeProgress,
  projectCompletion,
  type CompletionProjection,
  type Progress,
  type ProgressEntry,
  type ProgressInput,
} from '../../shared/domain/progress.js';
import type {
  MonthMinutes,
  OverviewRow,
  OverviewStatus,
  WorkerProgressView,
} from '../../shared/domain/progress-view.js';
import type { LicenseType } from '../../shared/domain/records.js';
import type { ProgressWarning } from '../../shared/domain/progress-types.js';
import type { PacksService } from './packs.js';
import { makeProgressCache } from './progress-cache.js';
import { progressEntriesByWorker } from './progress-entries.js';
import { rollupBucketsByWorker } from '../db/tables/hour-rollups.js';
import type { CorePorts } from './ports.js';
import { mapInTurns } from '../platform/event-loop-turns.js';

type Row = Record<string, unknown>;

/** The chart covers at most this many months, ending with the current one. */
export const CHART_MONTHS = 24;

interface WorkerFacts {
  worker: { id: number; name: string; active: boolean; packId: string | null };
  pack: Pack | null;
  input: ProgressInput;
  waiting: { weeks: number; oldestSubmittedAt: string | null };
}

/**
 * Progress toward licensure, read from the database and handed to the pure progress functions
 * (shared/domain/progress.ts) unchanged: every figure on the dashboards comes from there.
 */
export function makeProgressService({ db, clock, audit }: CorePorts, packs: PacksService) {
  /**
   * What progress needs of each worker in `workerIds`, with one read per table for all of them
   * (the overview's cold path and the warm-up compute every worker). Absent ids are left out.
   */
  async function factsByWorker(
    q: Knex,
    workerIds: readonly number[],
    on: IsoDate,
  ): Promise<Map<number, WorkerFacts>> {
    const ids = [...workerIds];
    const workers = (await q('workers').whereIn('id', ids)) as Row[];
    const assignmentsOf = groupBy(
      (await q('supervision_assignments')
        .whereIn('worker_id', ids)
        .orderBy(['worker_id', 'start_date', 'id'])) as Row[],
    );
    // The supervisors are read first: the weeks their licenses expire are read day by day.
    const bucketsOf = await rollupBucketsByWorker(q, ids);
    const supervisorIdsOf = (id: number) =>
      new Set([
        ...(bucketsOf.get(id) ?? []).map((b) => b.supervisorId),
        ...(assignmentsOf.get(id) ?? []).map((a) => Number(a.supervisor_id)),
      ]);
    const supervisorIds = new Set(ids.flatMap((id) => [...supervisorIdsOf(id)]));
    const supervisors = (
      (await q('supervisors')
        .whereIn('id', [...supervisorIds])
        .orderBy('id')) as Row[]
    ).map((s) => ({
      id: Number(s.id),
      licenseType: String(s.license_type) as LicenseType,
      licenseExpires: String(s.license_expires),
      name: `${String(s.first_name)} ${String(s.last_name)}`,
    }));
    const packIds = new Set(workers.map((w) => packIdOf(w)).filter((p) => p !== null));
    const packOf = new Map<string, Pack | null>();
    for (const id of packIds) packOf.set(id, await packs.resolve(id));
    const prepared = workers.map((w) => {
      const id = Number(w.id);
      const mine = supervisorIdsOf(id);
      const packId = packIdOf(w);
      return {
        w,
        id,
        packId,
        pack: packId ? (packOf.get(packId) ?? null) : null,
        supervisors: supervisors.filter((s) => mine.has(s.id)),
      };
    });
    const entriesOf = await progressEntriesByWorker(
      q,
      prepared.map((p) => ({
        workerId: p.id,
        buckets: bucketsOf.get(p.id) ?? [],
        pack: p.pack,
        ctx: { today: on, licenseExpiries: p.supervisors.map((s) => s.licenseExpires) },
      })),
    );
    const siteIds = new Set([...bucketsOf.values()].flatMap((list) => list.map((b) => b.siteId)));
    const sites = (
      (await q('sites')
        .whereIn('id', [...siteIds])
        .orderBy('id')
        .select('id', 'name')) as Row[]
    ).map((s) => ({ id: Number(s.id), name: String(s.name) }));
    const submittedOf = groupBy(
      (await q('weekly_logs')
        .whereIn('worker_id', ids)
        .where({ status: 'submitted' })
        .orderBy(['worker_id', 'submitted_at', 'id'])
        .select('worker_id', 'week_start', 'submitted_at', 'updated_at')) as Row[],
    );
    const facts = new Map<number, WorkerFacts>();
    for (const { w, id, packId, pack, supervisors: theirs } of prepared) {
      const assignments = assignmentsOf.get(id) ?? [];
      const submitted = submittedOf.get(id) ?? [];
      const mySites = new Set((bucketsOf.get(id) ?? []).map((b) => b.siteId));
      facts.set(id, {
        pack,
        worker: {
          id,
          name: `${String(w.first_name)} ${String(w.last_name)}`,
          active: w.active === 1 || w.active === true,
          packId,
        },
        input: {
          entries: entriesOf.get(id) ?? [],
          supervisors: theirs,
          sites: sites.filter((s) => mySites.has(s.id)),
          supervisionStartDate: assignments.length > 0 ? String(assignments[0]?.start_date) : null,
          assignments: assignments.map((a) => ({
            supervisorId: Number(a.supervisor_id),
            startDate: String(a.start_date),
            endDate: a.end_date === null ? null : String(a.end_date),
            agreementSignedOn:
              a.agreement_signed_on === null ? null : String(a.agreement_signed_on),
          })),
          submittedWeeks: submitted.map((s) => ({
            weekStart: String(s.week_start),
            submittedAt: String(s.submitted_at ?? s.updated_at),
            approved: false,
          })),
        },
        waiting: {
          weeks: submitted.length,
          oldestSubmittedAt:
            submitted.length > 0
              ? String(submitted[0]?.submitted_at ?? submitted[0]?.updated_at)
              : null,
        },
      });
    }
    return facts;
  }

  async function facts(q: Knex, workerId: number, on: IsoDate): Promise<WorkerFacts> {
    const f = (await factsByWorker(q, [workerId], on)).get(workerId);
    if (!f) throw notFound('Worker');
    return f;
  }

  const today = (): IsoDate => toIsoDate(clock.now());
  const waitingDays = (f: WorkerFacts, on: IsoDate) =>
    f.waiting.oldestSubmittedAt === null
      ? null
      : Math.max(0, daysBetween(f.waiting.oldestSubmittedAt.slice(0, 10), on));

  function evaluate(f: WorkerFacts, on: IsoDate) {
    const pack = f.pack;
    if (!pack) return { pack: null, progress: null, projection: null };
    const progress = computeProgress(pack, f.input, on);
    const projection = projectCompletion(pack, progress, f.input, on);
    return { pack, progress, projection };
  }

  const cache = makeProgressCache(db, async (workerIds, on) => {
    const all = await factsByWorker(db, workerIds, on);
    // A batch's rules take a worker at a time; other calls get turns between (mapInTurns).
    return mapInTurns(workerIds, (id) => {
      const f = all.get(id);
      if (!f) throw notFound('Worker');
      const { pack, progress, projection } = evaluate(f, on);
      return overviewRow(f, pack, progress, projection, waitingDays(f, on));
    });
  });

  return {
    /** Computes today's overview rows the cache lacks, off the user's path (start-up, hourly). */
    warmCache: (): Promise<number> => cache.warm(today()),

    /**
     * The licence pack's warnings for a worker as of today, not audited: for a caller whose own
     * record of the act says who saw them (a review packet's disclosure).
     */
    async warningsOf(workerId: number): Promise<ProgressWarning[]> {
      const on = today();
      return evaluate(await facts(db, workerId, on), on).progress?.warnings ?? [];
    },

    async worker(workerId: number): Promise<WorkerProgressView> {
      const on = today();
      const f = await facts(db, workerId, on);
      const { progress, projection } = evaluate(f, on);
      const pack = f.worker.packId ? await packs.summary(f.worker.packId) : null;
      // A worker's progress is a view of their record, and the trail says who looked.
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'view',
          entity: 'progress',
          subjectType: 'worker',
          subjectId: workerId,
          detail: `progress${pack ? ` under ${pack.id}` : ''}`,
        }),
      );
      return {
        workerId,
        today: on,
        pack: pack && progress ? { ...pack, workerIds: [workerId] } : null,
        progress,
        projection,
        months: monthlyMinutes(f.input.entries, on),
        loggedMinutes: f.input.entries
          .filter((e) => e.date <= on)
          .reduce((s, e) => s + e.minutes, 0),
        weeksWaiting: f.waiting.weeks,
        oldestWaitingDays: waitingDays(f, on),
      };
    },

    /** One row per visible worker; the listing is audited once, naming who was listed. */
    async overview(workerIds: number[] | 'all'): Promise<OverviewRow[]> {
      const on = today();
      const q = db('workers').orderBy(['last_name', 'first_name', 'id']).select('id');
      if (workerIds !== 'all') q.whereIn('id', workerIds);
      const ids = ((await q) as { id: number }[]).map((r) => Number(r.id));
      // Rows computed today with unchanged inputs come from the cache; the rest are computed.
      const rows = await cache.rowsFor(on, ids, workerIds === 'all');
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'view',
          entity: 'progress',
          detail: `progress overview of ${ids.length} worker${ids.length === 1 ? '' : 's'}${ids.length ? ` (ids ${ids.join(', ')})` : ''}`,
        }),
      );
      return rows;
    },
  };
}

const packIdOf = (w: Row): string | null =>
  w.pack_id === null || w.pack_id === undefined ? null : String(w.pack_id);

/** Rows by their worker_id, in the order read. */
function groupBy(rows: readonly Row[]): Map<number, Row[]> {
  const out = new Map<number, Row[]>();
  for (const r of rows) {
    const id = Number(r.worker_id);
    const list = out.get(id) ?? [];
    list.push(r);
    out.set(id, list);
  }
  return out;
}

function overviewRow(
  f: WorkerFacts,
  pack: Pack | null,
  progress: Progress | null,
  projection: CompletionProjection | null,
  oldestWaitingDays: number | null,
): OverviewRow {
  const base = {
    workerId: f.worker.id,
    name: f.worker.name,
    active: f.worker.active,
    weeksWaiting: f.waiting.weeks,
    oldestWaitingDays,
  };
  if (!pack || !progress)
    return {
      ...base,
      packId: f.worker.packId,
      packName: null,
      status: 'no_pack',
      percent: null,
      towardTotalMinutes: null,
      requiredTotalMinutes: null,
      requirementsMet: 0,
      requirementsTotal: 0,
      warningCount: 0,
      warnings: [],
      projectedDate: null,
      pace: null,
    };
  const mins = progress.requirements.filter((r) => r.kind === 'min');
  const required = progress.totalRule.requiredMinutes;
  const toward = progress.totals.towardTotalMinutes;
  const complete = mins.every((r) => r.met);
  // "On track" only when the recent pace meets the plan; no recent hours is not on track.
  const status: OverviewStatus = complete
    ? 'complete'
    : progress.warnings.length > 0
      ? 'warnings'
      : projection?.onPace
        ? 'on_track'
        : 'behind';
  return {
    ...base,
    packId: pack.id,
    packName: pack.name,
    status,
    percent: required > 0 ? Math.min(100, Math.floor((toward * 1000) / required) / 10) : 100,
    towardTotalMinutes: toward,
    requiredTotalMinutes: required,
    requirementsMet: progress.requirements.filter((r) => r.met).length,
    requirementsTotal: progress.requirements.length,
    warningCount: progress.warnings.length,
    warnings: progress.warnings.slice(0, 5).map((w) => ({ code: w.code, message: w.message })),
    projectedDate: projection?.projectedDate ?? null,
    pace: projection
      ? {
          minutesPerWeek: projection.paceMinutesPerWeek,
          activeWeeks: projection.activeWeeks,
          deadline: projection.deadline,
        }
      : null,
  };
}

/** Minutes per category per calendar month, from the first entry (at most 24 months back). */
export function monthlyMinutes(entries: readonly ProgressEntry[], today: IsoDate): MonthMinutes[] {
  const past = entries.filter((e) => e.date <= today);
  const first = past[0]?.date;
  if (first === undefined) return [];
  const thisMonth = monthStartOf(today);
  const earliestShown = addMonthsIso(thisMonth, 1 - CHART_MONTHS);
  let month = monthStartOf(first) > earliestShown ? monthStartOf(first) : earliestShown;
  const months: MonthMinutes[] = [];
  const index = new Map<string, MonthMinutes>();
  while (month <= thisMonth) {
    const row = { month: month.slice(0, 7) } as MonthMinutes;
    for (const c of HOUR_CATEGORIES) row[c] = 0;
    months.push(row);
    index.set(row.month, row);
    month = addMonthsIso(month, 1);
  }
  for (const e of past) {
    const row = index.get(e.date.slice(0, 7));
    if (row) row[e.category] += e.minutes;
  }
  return months;
}

export type ProgressService = ReturnType<typeof makeProgressService>;
