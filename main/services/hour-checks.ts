import type { Knex } from 'knex';
import type { FieldErrors } from '../api/envelope.js';
import { weekStartOf, type IsoDate } from '../domain/dates.js';
import { formatMinutes } from '../domain/format.js';
import {
  MAX_MINUTES_PER_DAY,
  isSupervisorAssigned,
  type AssignmentSpan,
} from '../domain/hour-rules.js';
import { missingReferences } from './references.js';
import { frozenWeekProblem } from './week-lock.js';

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

/**
 * The rules every written hour entry must pass, in the order a person fixes them: the
 * references exist and the date is not in the future; the week is not frozen; the supervisor
 * supervised the worker at that site on that date; the day stays within 24 hours. Returns the
 * first failing group as field errors (empty when the entry may be written).
 *
 * One checker caches what it reads (existing ids, assignment spans, week status, day totals),
 * so an import of thousands of rows reads each fact once. Use a fresh checker per transaction.
 */
export function makeHourChecker(q: Knex | Knex.Transaction, today: IsoDate) {
  const exists = new Map<string, Promise<FieldErrors>>();
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
      ).map((r: Record<string, unknown>) => ({
        supervisorId: Number(r.supervisor_id),
        siteId: Number(r.site_id),
        startDate: String(r.start_date),
        endDate: r.end_date === null ? null : String(r.end_date),
      })),
    );

  const frozenProblem = (workerId: number, date: IsoDate) =>
    memo(frozen, `${workerId}|${weekStartOf(date)}`, () => frozenWeekProblem(q, workerId, date));

  const logged = async (workerId: number, date: IsoDate, replacingId?: number) => {
    const load = async () => {
      const day = q('hour_entries').where({ worker_id: workerId, date }).sum({ total: 'minutes' });
      if (replacingId !== undefined) day.whereNot({ id: replacingId });
      return Number((await day.first())?.total ?? 0);
    };
    // An update's total excludes one entry, so it is never shared with other checks.
    if (replacingId !== undefined) return load();
    return memo(dayTotals, `${workerId}|${date}`, load);
  };

  return async function problems(i: HourFacts, options: HourCheckOptions = {}) {
    const fields: FieldErrors = { ...(await references(i)) };
    if (i.date > today) fields.date = 'The date is in the future';
    if (Object.keys(fields).length) return fields;

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
  };
}

export type HourChecker = ReturnType<typeof makeHourChecker>;
