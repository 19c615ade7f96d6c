import type { Knex } from 'knex';
import type { Q } from '../db/query.js';
import type { ApiParsed } from '../../shared/api/contract.js';
import { notFound, validationError } from '../../shared/errors.js';
import {
  deleteHourEntry,
  findHourEntry,
  hourEntriesBetween,
  insertHourEntry,
  updateHourEntry,
} from '../db/tables/hour-entries.js';
import { HOUR_CATEGORIES, type HourCategory } from '../../shared/domain/categories.js';
import { addDaysIso, toIsoDate, weekDays, weekStartOf } from '../../shared/domain/dates.js';
import type { HourEntry, WeekView } from '../../shared/domain/records.js';
import type { CorePorts } from './ports.js';
import { readerOf } from '../db/connection.js';
import { makeHourChecker } from './hour-checks.js';
import { assertWeeksEditable } from './week-lock.js';
import { assertOwnName } from './own-name.js';
import type { SessionUser } from './session.js';

type HourInput = ApiParsed<'hours.add'>;

/** Hour entries: every write re-checks the rules inside the transaction that writes it. */
export function makeHoursService(
  { db, clock, audit }: CorePorts,
  log?: (message: string, err?: unknown) => void,
) {
  /** The shared hour rules (main/services/hour-checks.ts), thrown as field errors. */
  async function check(trx: Knex.Transaction, i: HourInput, replacingId?: number) {
    const problems = makeHourChecker(trx, toIsoDate(clock.now()));
    const fields = await problems(i, replacingId === undefined ? {} : { replacingId });
    if (Object.keys(fields).length) throw validationError(fields);
  }

  /** An entry made by a supervision session, or sitting in a frozen week, is not edited here. */
  const assertEditable = async (trx: Knex.Transaction, entry: HourEntry) => {
    if (entry.sessionId !== null) {
      throw validationError({
        id: 'This entry comes from a supervision session; change the session instead',
      });
    }
    await assertWeeksEditable(trx, entry.workerId, [entry.date]);
  };

  const load = async (q: Q, id: number): Promise<HourEntry> => {
    const entry = await findHourEntry(q, id);
    if (!entry) throw notFound('Hour entry');
    return entry;
  };

  return {
    /**
     * A supervisor adds, changes and deletes only entries in their own name: the entry's
     * supervisor before the change (`entryId`) and after it (`supervisorId`) must be theirs.
     * A missing entry passes here; the write then answers not_found.
     */
    async assertOwnName(
      user: SessionUser | null,
      what: string,
      { entryId, supervisorId }: { entryId?: number; supervisorId?: number },
    ): Promise<void> {
      if (user?.role !== 'supervisor') return;
      const ids: number[] = [];
      if (entryId !== undefined) {
        const entry = await findHourEntry(db, entryId);
        if (entry) ids.push(entry.supervisorId);
      }
      if (supervisorId !== undefined) ids.push(supervisorId);
      await assertOwnName(db, audit, user, ids, what);
    },

    async week(workerId: number, anyDay: string): Promise<WeekView> {
      // The screen people use most reads through the read-only twin, so a long write (a CSV
      // import, a backup's snapshot) does not hold it (connection.ts readerOf).
      const read = readerOf(db);
      const worker = await read('workers').where({ id: workerId }).first('id');
      if (!worker) throw notFound('Worker');
      const weekStart = weekStartOf(anyDay);
      const days = weekDays(weekStart);
      const entries = await hourEntriesBetween(read, workerId, weekStart, addDaysIso(weekStart, 6));
      const totals = Object.fromEntries(HOUR_CATEGORIES.map((c) => [c, 0])) as Record<
        HourCategory,
        number
      >;
      const dayTotals = Object.fromEntries(days.map((d) => [d, 0]));
      for (const e of entries) {
        totals[e.category] += e.minutes;
        dayTotals[e.date] = (dayTotals[e.date] ?? 0) + e.minutes;
      }
      const totalMinutes = entries.reduce((s, e) => s + e.minutes, 0);
      // Looking at a person's hours is a view of their record, and the trail says who looked.
      // The row is queued on the writer rather than waited for: it is written as soon as the
      // write in progress ends, and every later call's statements queue behind it (one
      // connection, first come first served), so the trail keeps its order.
      audit
        .appendQueued(db, {
          action: 'view',
          entity: 'hour_entries',
          subjectType: 'worker',
          subjectId: workerId,
          detail: `week of ${weekStart}`,
        })
        .catch((err: unknown) =>
          log?.(`The view of worker ${workerId}'s week was not recorded`, err),
        );
      return { workerId, weekStart, days, entries, totals, dayTotals, totalMinutes };
    },

    async add(i: HourInput): Promise<HourEntry> {
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        await check(trx, i);
        const after = await insertHourEntry(trx, i, now);
        await audit.append(trx, {
          action: 'create',
          entity: 'hour_entries',
          entityId: after.id,
          subjectType: 'worker',
          subjectId: after.workerId,
          after,
        });
        return after;
      });
    },

    async update(id: number, i: HourInput): Promise<HourEntry> {
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        const before = await load(trx, id);
        await assertEditable(trx, before);
        await check(trx, i, id);
        const after = await updateHourEntry(trx, id, i, now);
        if (!after) throw notFound('Hour entry');
        await audit.append(trx, {
          action: 'update',
          entity: 'hour_entries',
          entityId: id,
          subjectType: 'worker',
          subjectId: after.workerId,
          before,
          after,
        });
        return after;
      });
    },

    async remove(id: number): Promise<{ id: number }> {
      return db.transaction(async (trx) => {
        const before = await load(trx, id);
        await assertEditable(trx, before);
        await deleteHourEntry(trx, id);
        await audit.append(trx, {
          action: 'delete',
          entity: 'hour_entries',
          entityId: id,
          subjectType: 'worker',
          subjectId: before.workerId,
          before,
        });
        return { id };
      });
    },
  };
}

export type HoursService = ReturnType<typeof makeHoursService>;
