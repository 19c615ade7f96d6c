import type { Knex } from 'knex';
import type { ApiParsed } from '../../shared/api/contract.js';
import { AppError, notFound, validationError, type FieldErrors } from '../../shared/errors.js';
import { toIsoDate } from '../../shared/domain/dates.js';
import { formatMinutes } from '../../shared/domain/format.js';
import {
  MAX_MINUTES_PER_DAY,
  isSupervisorAssigned,
  outsideEmployment,
} from '../../shared/domain/hour-rules.js';
import {
  SESSION_ATTENDEES,
  SESSION_CATEGORY,
  type SessionKind,
  type SupervisionSession,
} from '../../shared/domain/progress-view.js';
import type { CorePorts } from './ports.js';
import { missingReferences } from './references.js';
import type { SessionUser } from './session.js';
import { assertWeeksEditable } from './week-lock.js';

type SessionInput = ApiParsed<'sessions.create'>;
type Row = Record<string, unknown>;

const KIND_WORDS: Record<SessionKind, string> = {
  individual: 'An individual session has exactly 1 supervisee',
  triadic: 'A triadic session has exactly 2 supervisees',
  group: 'A group session has 3 to 8 supervisees',
};

/**
 * Supervision sessions. Each attendee gets one hour entry linked to the session, in the
 * supervision category of its kind, so the pack rules count it like any other supervision. The
 * session is the only place those entries change: create, update and delete rewrite them in the
 * same transaction, after the same checks hours.add makes for each attendee.
 */
export function makeSessionsService({ db, clock, audit }: CorePorts) {
  async function load(q: Knex | Knex.Transaction, id: number): Promise<SupervisionSession> {
    const row = (await q('supervision_sessions').where({ id }).first()) as Row | undefined;
    if (!row) throw notFound('Supervision session');
    const attendees = (await q('supervision_session_attendees')
      .where({ session_id: id })
      .orderBy('worker_id')
      .select('worker_id')) as { worker_id: number }[];
    return fromRow(
      row,
      attendees.map((a) => Number(a.worker_id)),
    );
  }

  async function workerName(trx: Knex.Transaction, id: number): Promise<string> {
    const w = (await trx('workers').where({ id }).first('first_name', 'last_name')) as
      { first_name: string; last_name: string } | undefined;
    return w ? `${w.first_name} ${w.last_name}` : `Worker ${id}`;
  }

  async function check(trx: Knex.Transaction, i: SessionInput, replacing?: SupervisionSession) {
    const fields: FieldErrors = await missingReferences(trx, {
      supervisorId: i.supervisorId,
      siteId: i.siteId,
    });
    if (i.date > toIsoDate(clock.now())) fields.date = 'The date is in the future';
    const { min, max } = SESSION_ATTENDEES[i.kind];
    const unique = new Set(i.workerIds);
    if (unique.size !== i.workerIds.length) fields.workerIds = 'An attendee is listed twice';
    else if (i.workerIds.length < min || i.workerIds.length > max)
      fields.workerIds = `${KIND_WORDS[i.kind]}; ${i.workerIds.length} chosen`;
    for (const workerId of i.workerIds) {
      const w = (await trx('workers')
        .where({ id: workerId })
        .first('first_name', 'last_name', 'start_date', 'end_date')) as
        Record<string, string | null> | undefined;
      if (!w) {
        fields.workerIds ??= `No such worker (${workerId})`;
        continue;
      }
      // Each attendee's entry is an hour entry: it must fall within their employment too.
      const outside = outsideEmployment(
        { startDate: String(w.start_date), endDate: w.end_date ?? null },
        i.date,
      );
      if (outside) {
        const why = outside.charAt(0).toLowerCase() + outside.slice(1);
        fields.workerIds ??= `${w.first_name} ${w.last_name}: ${why}`;
      }
    }
    if (Object.keys(fields).length) throw validationError(fields);

    // Entries the update removes sit in the old week; entries it writes in the new one.
    if (replacing)
      for (const w of replacing.workerIds) await assertWeeksEditable(trx, w, [replacing.date]);
    for (const w of i.workerIds) await assertWeeksEditable(trx, w, [i.date]);

    for (const workerId of i.workerIds) {
      const spans = (
        await trx('supervision_assignments')
          .where({ worker_id: workerId })
          .select('supervisor_id', 'site_id', 'start_date', 'end_date')
      ).map((r: Row) => ({
        supervisorId: Number(r.supervisor_id),
        siteId: Number(r.site_id),
        startDate: String(r.start_date),
        endDate: r.end_date === null ? null : String(r.end_date),
      }));
      if (!isSupervisorAssigned(spans, i.supervisorId, i.siteId, i.date))
        throw validationError({
          workerIds: `${await workerName(trx, workerId)} is not assigned to this supervisor at this site on ${i.date}`,
        });

      const day = trx('hour_entries')
        .where({ worker_id: workerId, date: i.date })
        .sum({ total: 'minutes' });
      if (replacing)
        day.where((w) => w.whereNull('session_id').orWhereNot({ session_id: replacing.id }));
      const logged = Number((await day.first())?.total ?? 0);
      if (logged + i.minutes > MAX_MINUTES_PER_DAY)
        throw validationError({
          minutes: `${await workerName(trx, workerId)} has only ${formatMinutes(MAX_MINUTES_PER_DAY - logged)} left on ${i.date}: ${formatMinutes(logged)} already logged, and a day holds 24 h`,
        });
    }
  }

  async function writeAttendees(trx: Knex.Transaction, id: number, i: SessionInput, now: string) {
    for (const workerId of i.workerIds) {
      await trx('supervision_session_attendees').insert({ session_id: id, worker_id: workerId });
      await trx('hour_entries').insert({
        worker_id: workerId,
        date: i.date,
        site_id: i.siteId,
        supervisor_id: i.supervisorId,
        category: SESSION_CATEGORY[i.kind],
        minutes: i.minutes,
        note: i.note,
        session_id: id,
        created_at: now,
        updated_at: now,
      });
    }
  }

  async function clearAttendees(trx: Knex.Transaction, id: number) {
    await trx('hour_entries').where({ session_id: id }).delete();
    await trx('supervision_session_attendees').where({ session_id: id }).delete();
  }

  /** One audit row per attendee touched, so each worker's record shows the session. */
  async function auditAttendees(
    trx: Knex.Transaction,
    before: SupervisionSession | null,
    after: SupervisionSession | null,
  ) {
    const ids = [...new Set([...(before?.workerIds ?? []), ...(after?.workerIds ?? [])])].sort(
      (a, b) => a - b,
    );
    for (const workerId of ids) {
      const was = before?.workerIds.includes(workerId) ? before : null;
      const is = after?.workerIds.includes(workerId) ? after : null;
      await audit.append(trx, {
        action: was && is ? 'update' : is ? 'create' : 'delete',
        entity: 'supervision_sessions',
        entityId: (after ?? before)?.id,
        subjectType: 'worker',
        subjectId: workerId,
        ...(was ? { before: was } : {}),
        ...(is ? { after: is } : {}),
      });
    }
  }

  return {
    load: (id: number) => load(db, id),

    async list(filter: {
      from?: string;
      to?: string;
      supervisorId?: number;
    }): Promise<SupervisionSession[]> {
      const q = db('supervision_sessions').select('*');
      if (filter.from) q.where('date', '>=', filter.from);
      if (filter.to) q.where('date', '<=', filter.to);
      if (filter.supervisorId !== undefined) q.where({ supervisor_id: filter.supervisorId });
      const rows = (await q.orderBy([
        { column: 'date', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])) as Row[];
      const ids = rows.map((r) => Number(r.id));
      const attendees = (await db('supervision_session_attendees')
        .whereIn('session_id', ids)
        .orderBy('worker_id')) as { session_id: number; worker_id: number }[];
      const bySession = new Map<number, number[]>();
      for (const a of attendees)
        bySession.set(Number(a.session_id), [
          ...(bySession.get(Number(a.session_id)) ?? []),
          Number(a.worker_id),
        ]);
      return rows.map((r) => fromRow(r, bySession.get(Number(r.id)) ?? []));
    },

    async create(i: SessionInput): Promise<SupervisionSession> {
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        await check(trx, i);
        const [id] = await trx('supervision_sessions').insert({
          supervisor_id: i.supervisorId,
          site_id: i.siteId,
          date: i.date,
          kind: i.kind,
          minutes: i.minutes,
          note: i.note,
          created_at: now,
          updated_at: now,
        });
        await writeAttendees(trx, Number(id), i, now);
        const after = await load(trx, Number(id));
        await auditAttendees(trx, null, after);
        return after;
      });
    },

    async update(id: number, i: SessionInput): Promise<SupervisionSession> {
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        const before = await load(trx, id);
        await check(trx, i, before);
        await clearAttendees(trx, id);
        await trx('supervision_sessions').where({ id }).update({
          supervisor_id: i.supervisorId,
          site_id: i.siteId,
          date: i.date,
          kind: i.kind,
          minutes: i.minutes,
          note: i.note,
          updated_at: now,
        });
        await writeAttendees(trx, id, i, now);
        const after = await load(trx, id);
        await auditAttendees(trx, before, after);
        return after;
      });
    },

    async remove(id: number): Promise<{ id: number }> {
      return db.transaction(async (trx) => {
        const before = await load(trx, id);
        for (const w of before.workerIds) await assertWeeksEditable(trx, w, [before.date]);
        await clearAttendees(trx, id);
        await trx('supervision_sessions').where({ id }).delete();
        await auditAttendees(trx, before, null);
        return { id };
      });
    },

    /**
     * A supervisor runs only their own sessions; the owner any. Refusals are audited like
     * dispatch's own, since they are someone reaching past their scope.
     */
    async assertMayRun(user: SessionUser | null, supervisorId: number, what: string) {
      if (!user || user.role === 'owner') return;
      if (user.role === 'supervisor' && user.supervisorId === supervisorId) return;
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'forbidden',
          detail: `${what}: supervisor ${supervisorId} is not the caller`,
        }),
      );
      throw new AppError('forbidden', 'You can only record sessions you ran yourself.');
    },
  };
}

function fromRow(r: Row, workerIds: number[]): SupervisionSession {
  return {
    id: Number(r.id),
    supervisorId: Number(r.supervisor_id),
    siteId: Number(r.site_id),
    date: String(r.date),
    kind: String(r.kind) as SessionKind,
    minutes: Number(r.minutes),
    note: r.note === null || r.note === undefined ? null : String(r.note),
    workerIds,
  };
}

export type SessionsService = ReturnType<typeof makeSessionsService>;
