import type { Knex } from 'knex';
import type { ApiParsed } from '../../shared/api/contract.js';
import { notFound, validationError } from '../../shared/errors.js';
import { hourEntryFromRow } from '../db/rows.js';
import { HOUR_CATEGORIES, type HourCategory } from '../../shared/domain/categories.js';
import { addDaysIso, toIsoDate, weekDays, weekStartOf } from '../../shared/domain/dates.js';
import type { HourEntry, WeekView } from '../../shared/domain/records.js';
import type { CorePorts } from './ports.js';
import { makeHourChecker } from './hour-checks.js';
import { assertWeeksEditable } from './week-lock.js';
import { assertOwnName } from './own-name.js';
import type { SessionUser } from './session.js';

type HourInput = ApiParsed<'hours.add'>;

/** Hour entries: every write re-checks the rules inside the transaction that writes it. */
export function makeHoursService({ db, clock, audit }: CorePorts) {
  /** The shared hour rules (main/services/hour-checks.ts), thrown as field errors. */
  async function check(trx: Knex.Transaction, i: HourInput, replacingId?: number) {
    const problems = makeHourChecker(trx, toIsoDate(clock.now()));
    const fields = await problems(i, replacingId === undefined ? {} : { replacingId });
    if (Object.keys(fields).length) throw validationError(fields);
  }

  const toRow = (i: HourInput) => ({
    worker_id: i.workerId,
    date: i.date,
    site_id: i.siteId,
    supervisor_id: i.supervisorId,
    category: i.category,
    minutes: i.minutes,
    note: i.note,
  });

  /** An entry made by a supervision session, or sitting in a frozen week, is not edited here. */
  const assertEditable = async (trx: Knex.Transaction, entry: HourEntry) => {
    if (entry.sessionId !== null) {
      throw validationError({
        id: 'This entry comes from a supervision session; change the session instead',
      });
    }
    await assertWeeksEditable(trx, entry.workerId, [entry.date]);
  };

  const load = async (q: Knex | Knex.Transaction, id: number): Promise<HourEntry> => {
    const row = await q('hour_entries').where({ id }).first();
    if (!row) throw notFound('Hour entry');
    return hourEntryFromRow(row);
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
        const row = (await db('hour_entries').where({ id: entryId }).first('supervisor_id')) as
          { supervisor_id: number } | undefined;
        if (row) ids.push(Number(row.supervisor_id));
      }
      if (supervisorId !== undefined) ids.push(supervisorId);
      await assertOwnName(db, audit, user, ids, what);
    },

    async week(workerId: number, anyDay: string): Promise<WeekView> {
      const worker = await db('workers').where({ id: workerId }).first('id');
      if (!worker) throw notFound('Worker');
      const weekStart = weekStartOf(anyDay);
      const days = weekDays(weekStart);
      const rows = await db('hour_entries')
        .where({ worker_id: workerId })
        .whereBetween('date', [weekStart, addDaysIso(weekStart, 6)])
        .orderBy([{ column: 'date' }, { column: 'id' }]);
      const entries = rows.map(hourEntryFromRow);
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
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'view',
          entity: 'hour_entries',
          subjectType: 'worker',
          subjectId: workerId,
          detail: `week of ${weekStart}`,
        }),
      );
      return { workerId, weekStart, days, entries, totals, dayTotals, totalMinutes };
    },

    async add(i: HourInput): Promise<HourEntry> {
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        await check(trx, i);
        // RETURNING gives the row as stored (defaults included) without reading it again.
        const [row] = (await trx('hour_entries')
          .insert({ ...toRow(i), created_at: now, updated_at: now })
          .returning('*')) as Record<string, unknown>[];
        if (!row) throw new Error('The hour entry was not written');
        const after = hourEntryFromRow(row);
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
        const [row] = (await trx('hour_entries')
          .where({ id })
          .update({ ...toRow(i), updated_at: now })
          .returning('*')) as Record<string, unknown>[];
        if (!row) throw notFound('Hour entry');
        const after = hourEntryFromRow(row);
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
        await trx('hour_entries').where({ id }).delete();
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
