import type { Knex } from 'knex';
import type { FieldErrors } from '../../shared/errors.js';
import { weekStartOf, type IsoDate } from '../../shared/domain/dates.js';
import { formatMinutes } from '../../shared/domain/format.js';
import {
  MAX_MINUTES_PER_DAY,
  isSupervisorAssigned,
  outsideEmployment,
  type AssignmentSpan,
  type Employment,
} from '../../shared/domain/hour-rules.js';
import { missingReferences, referenceProblems } from './references.js';
import { frozenWeekProblem, weekStatusProblem } from './week-lock.js';

/** What the rules need of an hour entry (the fields of hours.add). */
export interface HourFacts {
  workerId: number;
  date: IsoDate;
  siteId: number;
  supervisorId: number;
  minutes: number;
}

export interface HourCheckOptions {
  /** The entry being replaced (an update): its own minutes do not count against the day. */
  replacingId?: number;
  /** Minutes on the same worker and day not yet in the database (earlier rows of an import). */
  pendingMinutes?: number;
}

/** Pairs per lookup query: two bound values each, far below SQLite's limit on bound values. */
const PAIRS_PER_QUERY = 400;
/** Ids per `IN (…)` list. */
const IDS_PER_QUERY = 500;

const chunked = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

/** Rows of `sql` (which reads the pairs from a CTE `k(a, b)`) for every pair, in chunks. */
async function selectForPairs<R>(
  q: Knex | Knex.Transaction,
  pairs: readonly (readonly [number, string])[],
  sql: string,
): Promise<R[]> {
  const out: R[] = [];
  for (const part of chunked(pairs, PAIRS_PER_QUERY)) {
    const values = part.map(() => '(?, ?)').join(', ');
    const rows = (await q.raw(`WITH k(a, b) AS (VALUES ${values}) ${sql}`, part.flat())) as R[];
    out.push(...rows);
  }
  return out;
}

/**
 * The rules every written hour entry must pass, in the order a person fixes them: the
 * references exist and the date is not in the future; the date falls within the worker's
 * employment; the week is not frozen; the supervisor
 * supervised the worker at that site on that date; the day stays within 24 hours. Returns the
 * first failing group as field errors (empty when the entry may be written).
 *
 * One checker caches what it reads (existing ids, assignment spans, week status, day totals),
 * so an import of thousands of rows reads each fact once. Use a fresh checker per transaction.
 */
export function makeHourChecker(q: Knex | Knex.Transaction, today: IsoDate) {
  const exists = new Map<string, Promise<FieldErrors>>();
  const employments = new Map<number, Promise<Employment | null>>();
  const spans = new Map<number, Promise<AssignmentSpan[]>>();
  const frozen = new Map<string, Promise<string | null>>();
  const dayTotals = new Map<string, Promise<number>>();

  const memo = <K, V>(map: Map<K, V>, key: K, load: () => V): V => {
    let hit = map.get(key);
    if (hit === undefined) {
      hit = load();
      map.set(key, hit);
    }
    return hit;
  };

  const references = (i: HourFacts) =>
    memo(exists, `${i.workerId}|${i.supervisorId}|${i.siteId}`, () =>
      missingReferences(q as Knex.Transaction, {
        workerId: i.workerId,
        supervisorId: i.supervisorId,
        siteId: i.siteId,
      }),
    );

  const spansOf = (workerId: number) =>
    memo(spans, workerId, async () =>
      (
        await q('supervision_assignments')
          .where({ worker_id: workerId })
          .select('supervisor_id', 'site_id', 'start_date', 'end_date')
      ).map((r: Record<string, unknown>) =>
        spanOf(r.supervisor_id, r.site_id, r.start_date, r.end_date),
      ),
    );

  const employmentOf = (workerId: number) =>
    memo(employments, workerId, async () => {
      const r = (await q('workers').where({ id: workerId }).first('start_date', 'end_date')) as
        Record<string, unknown> | undefined;
      return r ? employmentFrom(r.start_date, r.end_date) : null;
    });

  const frozenProblem = (workerId: number, date: IsoDate) =>
    memo(frozen, `${workerId}|${weekStartOf(date)}`, () => frozenWeekProblem(q, workerId, date));

  const logged = async (workerId: number, date: IsoDate, replacingId?: number) => {
    const load = async () => {
      const day = q('hour_entries').where({ worker_id: workerId, date }).sum({ total: 'minutes' });
      if (replacingId !== undefined) day.whereNot({ id: replacingId });
      return Number((await day.first())?.total ?? 0);
    };
    // An update's total excludes one entry, so it is never shared with other checks.
    if (replacingId !== undefined) {
      const seeded = replacedDay;
      replacedDay = null;
      if (seeded?.key === `${workerId}|${date}|${replacingId}`) return seeded.total;
      return load();
    }
    return memo(dayTotals, `${workerId}|${date}`, load);
  };

  /**
   * Reads every fact the rules will need for `facts` in a few set-wise queries and fills the
   * caches, so checking a 20,000-row import costs a handful of queries rather than one per
   * worker, week and day. The rules themselves run unchanged afterwards.
   */
  async function preload(facts: readonly HourFacts[]): Promise<void> {
    const distinct = <T>(pick: (f: HourFacts) => T) => [...new Set(facts.map(pick))];
    const workerIds = distinct((f) => f.workerId);
    const idsIn = async (table: string, ids: readonly number[]) => {
      const found = new Set<number>();
      for (const part of chunked(ids, IDS_PER_QUERY)) {
        for (const r of (await q(table).whereIn('id', part).select('id')) as { id: number }[])
          found.add(Number(r.id));
      }
      return found;
    };
    const workers = new Set<number>();
    for (const part of chunked(workerIds, IDS_PER_QUERY)) {
      const rows = (await q('workers')
        .whereIn('id', part)
        .select('id', 'start_date', 'end_date')) as Record<string, unknown>[];
      for (const r of rows) {
        workers.add(Number(r.id));
        const employment = employmentFrom(r.start_date, r.end_date);
        memo(employments, Number(r.id), () => Promise.resolve(employment));
      }
    }
    const supervisors = await idsIn(
      'supervisors',
      distinct((f) => f.supervisorId),
    );
    const sites = await idsIn(
      'sites',
      distinct((f) => f.siteId),
    );
    for (const f of facts) {
      memo(exists, `${f.workerId}|${f.supervisorId}|${f.siteId}`, () =>
        Promise.resolve(
          referenceProblems({
            workerId: workers.has(f.workerId),
            supervisorId: supervisors.has(f.supervisorId),
            siteId: sites.has(f.siteId),
          }),
        ),
      );
    }

    const spansBy = new Map<number, AssignmentSpan[]>(workerIds.map((id) => [id, []]));
    for (const part of chunked(workerIds, IDS_PER_QUERY)) {
      const rows = (await q('supervision_assignments')
        .whereIn('worker_id', part)
        .select('worker_id', 'supervisor_id', 'site_id', 'start_date', 'end_date')) as Record<
        string,
        unknown
      >[];
      for (const r of rows) {
        spansBy
          .get(Number(r.worker_id))
          ?.push(spanOf(r.supervisor_id, r.site_id, r.start_date, r.end_date));
      }
    }
    for (const [workerId, list] of spansBy) memo(spans, workerId, () => Promise.resolve(list));

    const weekKeys = distinct((f) => `${f.workerId}|${weekStartOf(f.date)}`);
    const statusOf = new Map<string, string>();
    const weekRows = await selectForPairs<{
      worker_id: number;
      week_start: string;
      status: string;
    }>(
      q,
      weekKeys.map((k) => pairOf(k)),
      'SELECT w.worker_id, w.week_start, w.status FROM k JOIN weekly_logs w ON w.worker_id = k.a AND w.week_start = k.b',
    );
    for (const r of weekRows) statusOf.set(`${Number(r.worker_id)}|${r.week_start}`, r.status);
    for (const key of weekKeys) {
      const week = pairOf(key)[1];
      memo(frozen, key, () => Promise.resolve(weekStatusProblem(week, statusOf.get(key))));
    }

    const dayKeys = distinct((f) => `${f.workerId}|${f.date}`).filter((k) => !dayTotals.has(k));
    const totals = new Map<string, number>();
    const dayRows = await selectForPairs<{ worker_id: number; date: string; total: number }>(
      q,
      dayKeys.map((k) => pairOf(k)),
      'SELECT e.worker_id, e.date, SUM(e.minutes) AS total FROM k JOIN hour_entries e ON e.worker_id = k.a AND e.date = k.b GROUP BY e.worker_id, e.date',
    );
    for (const r of dayRows) totals.set(`${Number(r.worker_id)}|${r.date}`, Number(r.total));
    for (const key of dayKeys) dayTotals.set(key, Promise.resolve(totals.get(key) ?? 0));
  }

  /**
   * A single save asks every question at once: one statement instead of four reads (a save's
   * cost is mostly its statements). Skipped when the caches already hold the answers (an
   * import's `preload`, or an earlier row of the same worker and week).
   */
  let replacedDay: { key: string; total: number } | null = null;
  async function prefetch(i: HourFacts, replacingId?: number) {
    const refsKey = `${i.workerId}|${i.supervisorId}|${i.siteId}`;
    const weekStart = weekStartOf(i.date);
    const weekKey = `${i.workerId}|${weekStart}`;
    if (exists.has(refsKey) || spans.has(i.workerId) || frozen.has(weekKey)) return;
    const row = (
      (await q.raw(
        `SELECT (SELECT COUNT(*) FROM workers WHERE id = ?) AS worker,
                (SELECT COUNT(*) FROM supervisors WHERE id = ?) AS supervisor,
                (SELECT COUNT(*) FROM sites WHERE id = ?) AS site,
                (SELECT json_array(start_date, end_date) FROM workers WHERE id = ?) AS employment,
                (SELECT status FROM weekly_logs WHERE worker_id = ? AND week_start = ?) AS status,
                (SELECT json_group_array(json_array(supervisor_id, site_id, start_date, end_date))
                   FROM supervision_assignments WHERE worker_id = ?) AS spans,
                (SELECT COALESCE(SUM(minutes), 0) FROM hour_entries
                  WHERE worker_id = ? AND date = ? AND id IS NOT ?) AS day`,
        [
          i.workerId,
          i.supervisorId,
          i.siteId,
          i.workerId,
          i.workerId,
          weekStart,
          i.workerId,
          i.workerId,
          i.date,
          replacingId ?? null,
        ],
      )) as Record<string, unknown>[]
    )[0];
    if (!row) return;
    exists.set(
      refsKey,
      Promise.resolve(
        referenceProblems({
          workerId: Boolean(Number(row.worker)),
          supervisorId: Boolean(Number(row.supervisor)),
          siteId: Boolean(Number(row.site)),
        }),
      ),
    );
    const employment =
      row.employment === null || row.employment === undefined
        ? null
        : (JSON.parse(String(row.employment)) as [string, string | null]);
    employments.set(i.workerId, Promise.resolve(employment ? employmentFrom(...employment) : null));
    const status = row.status === null || row.status === undefined ? undefined : String(row.status);
    frozen.set(weekKey, Promise.resolve(weekStatusProblem(weekStart, status)));
    const list = JSON.parse(String(row.spans)) as [number, number, string, string | null][];
    spans.set(i.workerId, Promise.resolve(list.map((span) => spanOf(...span))));
    const dayKey = `${i.workerId}|${i.date}`;
    if (replacingId === undefined) dayTotals.set(dayKey, Promise.resolve(Number(row.day)));
    else replacedDay = { key: `${dayKey}|${replacingId}`, total: Number(row.day) };
  }

  async function problems(i: HourFacts, options: HourCheckOptions = {}) {
    await prefetch(i, options.replacingId);
    const fields: FieldErrors = { ...(await references(i)) };
    if (i.date > today) fields.date = 'The date is in the future';
    if (Object.keys(fields).length) return fields;

    const employment = await employmentOf(i.workerId);
    const outside = employment && outsideEmployment(employment, i.date);
    if (outside) return { date: outside };

    const frozenWhy = await frozenProblem(i.workerId, i.date);
    if (frozenWhy) return { date: frozenWhy };

    if (!isSupervisorAssigned(await spansOf(i.workerId), i.supervisorId, i.siteId, i.date)) {
      return {
        supervisorId: 'This supervisor is not assigned to this worker at this site on that date',
      };
    }

    const already =
      (await logged(i.workerId, i.date, options.replacingId)) + (options.pendingMinutes ?? 0);
    if (already + i.minutes > MAX_MINUTES_PER_DAY) {
      return {
        minutes: `Only ${formatMinutes(Math.max(0, MAX_MINUTES_PER_DAY - already))} left on ${i.date}: ${formatMinutes(already)} already logged, and a day holds 24 h`,
      };
    }
    return {};
  }
  return Object.assign(problems, { preload });
}

/** An assignment span from a row's columns, however the row was read. */
function spanOf(
  supervisorId: unknown,
  siteId: unknown,
  startDate: unknown,
  endDate: unknown,
): AssignmentSpan {
  return {
    supervisorId: Number(supervisorId),
    siteId: Number(siteId),
    startDate: String(startDate),
    endDate: endDate === null ? null : String(endDate),
  };
}

/** A worker's employment from the row's columns. */
function employmentFrom(startDate: unknown, endDate: unknown): Employment {
  return {
    startDate: String(startDate),
    endDate: endDate === null || endDate === undefined ? null : String(endDate),
  };
}

/** "12|2026-11-16" → [12, '2026-11-16']: the keys of the caches above. */
function pairOf(key: string): [number, string] {
  const bar = key.indexOf('|');
  return [Number(key.slice(0, bar)), key.slice(bar + 1)];
}

export type HourChecker = ReturnType<typeof makeHourChecker>;
