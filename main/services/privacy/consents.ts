import type { Q } from '../../db/query.js';
import { AppError, notFound } from '../../../shared/errors.js';
import type {
  ConsentEvent,
  MyConsents,
  PersonConsents,
} from '../../../shared/domain/privacy/notice.js';
import {
  CONSENT_PURPOSES,
  type ConsentPurpose,
  type PersonKey,
  type PersonType,
} from '../../../shared/domain/privacy/people.js';
import type { CorePorts } from '../ports.js';
import type { SessionUser } from '../session.js';
import { insertedId } from '../../db/dialect/index.js';

const PURPOSES = Object.keys(CONSENT_PURPOSES) as ConsentPurpose[];
const TABLES: Record<PersonType, string> = { worker: 'workers', supervisor: 'supervisors' };

interface EventRow {
  id: number;
  person_type: PersonType;
  person_id: number;
  purpose: ConsentPurpose;
  granted: number | boolean;
  at: string;
  recorded_by_user_id: number | null;
  recorded_by: string | null;
  recorder_worker_id: number | null;
  recorder_supervisor_id: number | null;
}

/** The person a signed-in user is, if any (the owner's account has none). */
export function ownPerson(user: SessionUser): PersonKey | null {
  if (user.workerId !== null) return { personType: 'worker', personId: user.workerId };
  if (user.supervisorId !== null) return { personType: 'supervisor', personId: user.supervisorId };
  return null;
}

const events = (q: Q) =>
  q('consents as c')
    .leftJoin('users as u', 'u.id', 'c.recorded_by_user_id')
    .select(
      'c.id',
      'c.person_type',
      'c.person_id',
      'c.purpose',
      'c.granted',
      'c.at',
      'c.recorded_by_user_id',
      'u.display_name as recorded_by',
      'u.worker_id as recorder_worker_id',
      'u.supervisor_id as recorder_supervisor_id',
    );

const toEvent = (r: EventRow): ConsentEvent => {
  const own =
    (r.person_type === 'worker' && Number(r.recorder_worker_id) === Number(r.person_id)) ||
    (r.person_type === 'supervisor' && Number(r.recorder_supervisor_id) === Number(r.person_id));
  return {
    id: Number(r.id),
    purpose: r.purpose,
    granted: Boolean(r.granted),
    at: r.at,
    recordedBy: r.recorded_by ?? null,
    onBehalf: !own,
  };
};

/** The latest event per purpose wins; no event means not granted. */
function statesOf(history: ConsentEvent[]): PersonConsents['purposes'] {
  return PURPOSES.map((purpose) => {
    const latest = history.find((e) => e.purpose === purpose);
    return {
      purpose,
      label: CONSENT_PURPOSES[purpose],
      granted: latest?.granted ?? false,
      at: latest?.at ?? null,
    };
  });
}

/**
 * Consents per purpose as an event log (main/services/privacy/consent-state.ts reads the same
 * rows for statistics and surveys on every query, so a withdrawal counts from the next read).
 * A person grants or withdraws their own; the owner records one on someone's behalf, for
 * example from a signed paper form.
 */
export function makeConsentsService({ db, clock, audit }: CorePorts) {
  async function personName(q: Q, person: PersonKey): Promise<string> {
    const row = (await q(TABLES[person.personType])
      .where({ id: person.personId })
      .first('first_name', 'last_name')) as { first_name: string; last_name: string } | undefined;
    if (!row) throw notFound(person.personType === 'worker' ? 'Worker' : 'Supervisor');
    return `${row.first_name} ${row.last_name}`;
  }

  async function history(q: Q, person: PersonKey): Promise<ConsentEvent[]> {
    const rows = (await events(q)
      .where({ 'c.person_type': person.personType, 'c.person_id': person.personId })
      .orderBy('c.id', 'desc')) as EventRow[];
    return rows.map(toEvent);
  }

  async function of(person: PersonKey): Promise<MyConsents> {
    const name = await personName(db, person);
    const h = await history(db, person);
    return { ...person, name, purposes: statesOf(h), history: h };
  }

  /** Only the person themselves, or the owner for anyone. A supervisor does not consent for a supervisee. */
  function assertMayAct(user: SessionUser, person: PersonKey) {
    if (user.role === 'owner') return;
    const own = ownPerson(user);
    if (own?.personType === person.personType && own.personId === person.personId) return;
    throw new AppError(
      'forbidden',
      'Only the person themselves or the owner can change a consent.',
    );
  }

  return {
    ownPerson,

    async mine(user: SessionUser): Promise<MyConsents> {
      const person = ownPerson(user);
      if (!person)
        throw new AppError('not_found', 'Your account is not linked to a worker or supervisor.');
      return of(person);
    },

    async person(user: SessionUser, person: PersonKey): Promise<MyConsents> {
      assertMayAct(user, person);
      return of(person);
    },

    /** Everyone's current state, workers then supervisors, by name. */
    async list(): Promise<PersonConsents[]> {
      const rows = (await events(db).orderBy('c.id', 'desc')) as EventRow[];
      const byPerson = new Map<string, ConsentEvent[]>();
      for (const r of rows) {
        const key = `${r.person_type}:${Number(r.person_id)}`;
        byPerson.set(key, [...(byPerson.get(key) ?? []), toEvent(r)]);
      }
      const out: PersonConsents[] = [];
      for (const personType of ['worker', 'supervisor'] as const) {
        const people = (await db(TABLES[personType])
          .orderBy([{ column: 'last_name' }, { column: 'first_name' }, { column: 'id' }])
          .select('id', 'first_name', 'last_name')) as {
          id: number;
          first_name: string;
          last_name: string;
        }[];
        for (const p of people) {
          out.push({
            personType,
            personId: Number(p.id),
            name: `${p.first_name} ${p.last_name}`,
            purposes: statesOf(byPerson.get(`${personType}:${Number(p.id)}`) ?? []),
          });
        }
      }
      return out;
    },

    /**
     * Records a grant or a withdrawal as a new event. Setting the state it already has records
     * nothing (the history stays a list of changes); a first "no" is recorded, as a refusal.
     */
    async set(
      user: SessionUser,
      person: PersonKey,
      purpose: ConsentPurpose,
      granted: boolean,
    ): Promise<MyConsents> {
      assertMayAct(user, person);
      await db.transaction(async (trx) => {
        const name = await personName(trx, person);
        const latest = (await trx('consents')
          .where({ person_type: person.personType, person_id: person.personId, purpose })
          .orderBy('id', 'desc')
          .first('granted')) as { granted: number | boolean } | undefined;
        if (Boolean(latest?.granted) === granted && latest) return;
        const at = clock.now().toISOString();
        const id = insertedId(
          await trx('consents')
            .insert({
              person_type: person.personType,
              person_id: person.personId,
              purpose,
              granted,
              at,
              recorded_by_user_id: user.id,
            })
            .returning('id'),
        );
        const own = ownPerson(user);
        const onBehalf = own?.personType !== person.personType || own.personId !== person.personId;
        await audit.append(trx, {
          action: granted ? 'consent_granted' : 'consent_withdrawn',
          entity: 'consents',
          entityId: Number(id),
          subjectType: person.personType,
          subjectId: person.personId,
          after: { purpose, granted, at },
          detail: `${CONSENT_PURPOSES[purpose]}${onBehalf ? ` — recorded for ${name} by ${user.displayName}` : ''}`,
        });
      });
      return of(person);
    },
  };
}

export type ConsentsService = ReturnType<typeof makeConsentsService>;
