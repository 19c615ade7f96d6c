import type { Knex } from 'knex';
import type { ApiParsed } from '../../shared/api/contract.js';
import { AppError, notFound, validationError, type FieldErrors } from '../../shared/errors.js';
import { toIsoDate } from '../../shared/domain/dates.js';
import { formatMinutes } from '../../shared/domain/format.js';
import { MAX_MINUTES_PER_DAY } from '../../shared/domain/hour-rules.js';
import {
  SESSION_ATTENDEES,
  SESSION_CATEGORY,
  type SessionKind,
  type SupervisionSession,
} from '../../shared/domain/progress-view.js';
import type { Q } from '../db/query.js';
import { deleteSessionHourEntries, insertHourEntries } from '../db/tables/hour-entries.js';
import { makeHourChecker } from './hour-checks.js';
import type { CorePorts } from './ports.js';
import { missingReferences } from './references.js';
import type { SessionUser } from './session.js';
import { assertWeeksEditable } from './week-lock.js';
import { insertedId } from '../db/dialect/index.js';

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
  async function load(q: Q, id: number): Promise<SupervisionSession> {
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

  async function workerName(trx: Knex.Transaction, id: number): Promise<string | null> {
    const w = (await trx('workers').where({ id }).first('first_name', 'last_name')) as
      { first_name: string; last_name: string } | undefined;
    return w ? `${w.first_name} ${w.last_name}` : null;
  }

  /**
   * The rules of hours.add (main/services/hour-checks.ts) for each attendee's entry, worded
   * with the attendee's name and checked in this order: references, the date, the number of
   * attendees and each one's employment (all reported at once); then frozen weeks; then, per
   * attendee, the assignment and the 24-hour day.
   */
  async function check(trx: Knex.Transaction, i: SessionInput, replacing?: SupervisionSession) {
    const checker = makeHourChecker(trx, toIsoDate(clock.now()));
    await checker.hold(i.workerIds);
    const { rules } = checker;
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
    const names = new Map<number, string>();
    for (const workerId of i.workerIds) {
      const name = await workerName(trx, workerId);
      if (name === null) {
        fields.workerIds ??= `No such worker (${workerId})`;
        continue;
      }
      names.set(workerId, name);
      // Each attendee's entry is an hour entry: it must fall within their employment too.
      const outside = await rules.outsideEmployment(workerId, i.date);
      if (outside) {
        const why = outside.charAt(0).toLowerCase() + outside.slice(1);
        fields.workerIds ??= `${name}: ${why}`;
      }
    }
    if (Object.keys(fields).length) throw validationError(fields);

    // Entries the update removes sit in the old week; entries it writes in the new one.
    if (replacing)
      for (const w of replacing.workerIds) await assertWeeksEditable(trx, w, [replacing.date]);
    for (const w of i.workerIds) {
      const frozen = await rules.frozen(w, i.date);
      if (frozen) throw validationError({ date: frozen });
    }

    for (const workerId of i.workerIds) {
      const name = names.get(workerId) ?? `Worker ${workerId}`;
      const at = { workerId, supervisorId: i.supervisorId, siteId: i.siteId, date: i.date };
      if (!(await rules.assigned(at)))
        throw validationError({
          workerIds: `${name} is not assigned to this supervisor at this site on ${i.date}`,
        });
      const logged = await rules.logged(
        workerId,
        i.date,
        replacing ? { replacingSessionId: replacing.id } : {},
      );
      if (logged + i.minutes > MAX_MINUTES_PER_DAY)
        throw validationError({
          minutes: `${name} has only ${formatMinutes(MAX_MINUTES_PER_DAY - logged)} left on ${i.date}: ${formatMinutes(logged)} already logged, and a day holds 24 h`,
        });
    }
  }

  async function writeAttendees(trx: Knex.Transaction, id: number, i: SessionInput, now: string) {
    for (const workerId of i.workerIds)
      await trx('supervision_session_attendees').insert({ session_id: id, worker_id: workerId });
    await insertHourEntries(
      trx,
      i.workerIds.map((workerId) => ({
        workerId,
        date: i.date,
        siteId: i.siteId,
        supervisorId: i.supervisorId,
        category: SESSION_CATEGORY[i.kind],
        minutes: i.minutes,
        note: i.note,
        sessionId: id,
      })),
      now,
    );
  }

  async function clearAttendees(trx: Knex.Transaction, id: number) {
    await deleteSessionHourEntries(trx, id);
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
        const id = insertedId(
          await trx('supervision_sessions')
            .insert({
              ...toRow(i, now),
              created_at: now,
            })
            .returning('id'),
        );
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
        await trx('supervision_sessions').where({ id }).update(toRow(i, now));
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

/** A session's own columns as written at `now` (its attendees are rows of their own). */
function toRow(i: SessionInput, now: string) {
  return {
    supervisor_id: i.supervisorId,
    site_id: i.siteId,
    date: i.date,
    kind: i.kind,
    minutes: i.minutes,
    note: i.note,
    updated_at: now,
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
