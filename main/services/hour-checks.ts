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
import { lockWorkerHours } from '../db/dialect/index.js';
import { chunked, type Q } from '../db/query.js';
import { dayMinutes, dayMinutesForPairs, hourEntryContext } from '../db/tables/hour-entries.js';
import { weekStatusesForPairs } from '../db/tables/weekly-logs.js';
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
  /** The session being rewritten: its entries' minutes do not count against the day. */
  replacingSessionId?: number;
  /** Minutes on the same worker and day not yet in the database (earlier rows of an import). */
  pendingMinutes?: number;
}

/** Ids per `IN (…)` list. */
const IDS_PER_QUERY = 500;

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
export function makeHourChecker(q: Q, today: IsoDate) {
  const exists = new Map<string, Promise<FieldErrors>>();
  const employments = new Map<number, Promise<Employment | null>>();
  const spans = new Map<number, Promise<AssignmentSpan[]>>();
  const frozen = new Map<string, Promise<string | null>>();
  const dayTotals = new Map<string, Promise<number>>();
  /** Workers whose hours this transaction holds (lockWorkerHours), before reading any fact. */
  const held = new Set<number>();
  const hold = async (workerIds: readonly number[]) => {
    const fresh = workerIds.filter((id) => !held.has(id));
    for (const id of fresh) held.add(id);
    await lockWorkerHours(q, fresh);
  };

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
      missingReferences(q, {
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
    memo(frozen, `${workerId}|${weekStartOf(date)}`, async () => {
      await hold([workerId]);
      return frozenWeekProblem(q, workerId, date);
    });

  const logged = async (workerId: number, date: IsoDate, options: HourCheckOptions = {}) => {
    const { replacingId, replacingSessionId } = options;
    const load = async () => {
      await hold([workerId]);
      return dayMinutes(q, workerId, date, { id: replacingId, sessionId: replacingSessionId });
    };
    // A total that excludes an entry or a session is never shared with other checks.
    if (replacingSessionId !== undefined) return load();
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
    await hold(workerIds);
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
    const weekRows = await weekStatusesForPairs(
      q,
      weekKeys.map((k) => pairOf(k)),
    );
    for (const r of weekRows) statusOf.set(`${Number(r.worker_id)}|${r.week_start}`, r.status);
    for (const key of weekKeys) {
      const week = pairOf(key)[1];
      memo(frozen, key, () => Promise.resolve(weekStatusProblem(week, statusOf.get(key))));
    }

    const dayKeys = distinct((f) => `${f.workerId}|${f.date}`).filter((k) => !dayTotals.has(k));
    const totals = new Map<string, number>();
    const dayRows = await dayMinutesForPairs(
      q,
      dayKeys.map((k) => pairOf(k)),
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
    await hold([i.workerId]);
    const row = await hourEntryContext(q, i, weekStart, replacingId);
    if (!row) return;
    exists.set(
      refsKey,
      Promise.resolve(
        referenceProblems({ workerId: row.worker, supervisorId: row.supervisor, siteId: row.site }),
      ),
    );
    const employment = row.employment;
    employments.set(i.workerId, Promise.resolve(employment ? employmentFrom(...employment) : null));
    frozen.set(weekKey, Promise.resolve(weekStatusProblem(weekStart, row.status)));
    spans.set(i.workerId, Promise.resolve(row.spans.map((span) => spanOf(...span))));
    const dayKey = `${i.workerId}|${i.date}`;
    if (replacingId === undefined) dayTotals.set(dayKey, Promise.resolve(Number(row.day)));
    else replacedDay = { key: `${dayKey}|${replacingId}`, total: Number(row.day) };
  }

  /**
   * The rules one at a time, for a writer that names the people in its messages and orders
   * the checks across several workers (supervision sessions).
   */
  const rules = {
    /** Why the date falls outside the worker's employment, or null (also with no worker). */
    async outsideEmployment(workerId: number, date: IsoDate): Promise<string | null> {
      const employment = await employmentOf(workerId);
      return (employment && outsideEmployment(employment, date)) || null;
    },
    /** Why the worker's week of `date` is frozen, or null. */
    frozen: frozenProblem,
    async assigned(i: Omit<HourFacts, 'minutes'>): Promise<boolean> {
      return isSupervisorAssigned(await spansOf(i.workerId), i.supervisorId, i.siteId, i.date);
    },
    /** Minutes the worker already has on the day, without what `options` replaces. */
    logged,
  };

  async function problems(i: HourFacts, options: HourCheckOptions = {}) {
    if (options.replacingSessionId === undefined) await prefetch(i, options.replacingId);
    const fields: FieldErrors = { ...(await references(i)) };
    if (i.date > today) fields.date = 'The date is in the future';
    if (Object.keys(fields).length) return fields;

    const outside = await rules.outsideEmployment(i.workerId, i.date);
    if (outside) return { date: outside };

    const frozenWhy = await frozenProblem(i.workerId, i.date);
    if (frozenWhy) return { date: frozenWhy };

    if (!(await rules.assigned(i))) {
      return {
        supervisorId: 'This supervisor is not assigned to this worker at this site on that date',
      };
    }

    const already = (await logged(i.workerId, i.date, options)) + (options.pendingMinutes ?? 0);
    if (already + i.minutes > MAX_MINUTES_PER_DAY) {
      return {
        minutes: `Only ${formatMinutes(Math.max(0, MAX_MINUTES_PER_DAY - already))} left on ${i.date}: ${formatMinutes(already)} already logged, and a day holds 24 h`,
      };
    }
    return {};
  }
  // `hold`: a writer checking several workers by the rules one at a time (a session's
  // attendees) takes them all first, in order, rather than as the rules reach each one.
  return Object.assign(problems, { preload, rules, hold });
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
