import type { Q } from '../../db/query.js';
import { notFound } from '../../../shared/errors.js';
import { addDaysIso, type IsoDate } from '../../../shared/domain/dates.js';
import {
  laterOf,
  lastSupervisionOn,
  type FactGroup,
  type PersonFacts,
  type SupervisionHistory,
} from '../../../shared/domain/privacy/deletion-plan.js';
import type { PersonKey } from '../../../shared/domain/privacy/people.js';
import { personKey, rowsAbout } from '../../db/tables/person-tables.js';

type Row = Record<string, unknown>;

const num = (v: unknown) => Number(v);
const ids = (rows: Row[], col = 'id') => rows.map((r) => num(r[col]));
const day = (iso: unknown) => String(iso).slice(0, 10);

/** The rows behind each fact group, by group id, so the executor deletes exactly what was planned. */
export type RowSets = Map<string, { table: string; ids: number[] }[]>;

/** What names a person in free text, and their account: what an erasure looks for. */
export interface PersonIdentity {
  person: PersonKey;
  /** Blank once the profile is deleted. */
  firstName: string;
  lastName: string;
  email: string;
  userId: number | null;
  username: string | null;
  displayName: string | null;
}

export interface GatheredPerson extends PersonIdentity {
  facts: PersonFacts;
  rows: RowSets;
}

/** The person's profile row (undefined once deleted) and account row. */
async function profileAndAccount(q: Q, { personType, personId }: PersonKey) {
  const table = personType === 'worker' ? 'workers' : 'supervisors';
  const profile = (await q(table).where({ id: personId }).first()) as Row | undefined;
  const user = (await q('users')
    .where(personType === 'worker' ? { worker_id: personId } : { supervisor_id: personId })
    .first('id', 'username', 'display_name')) as Row | undefined;
  return { profile, user };
}

const identityFrom = (person: PersonKey, profile?: Row, user?: Row): PersonIdentity => ({
  person,
  firstName: profile ? String(profile.first_name) : '',
  lastName: profile ? String(profile.last_name) : '',
  email: profile ? String(profile.email) : '',
  userId: user ? num(user.id) : null,
  username: user ? String(user.username) : null,
  displayName: user ? String(user.display_name) : null,
});

/** The person's identity alone, read without the rest of gatherPerson. */
export async function identityOf(q: Q, person: PersonKey): Promise<PersonIdentity> {
  const { profile, user } = await profileAndAccount(q, person);
  return identityFrom(person, profile, user);
}

export async function workerHistory(q: Q, workerId: number): Promise<SupervisionHistory> {
  const assignments = (await q('supervision_assignments')
    .where({ worker_id: workerId })
    .select('start_date', 'end_date')) as Row[];
  const sessions = (await q('supervision_session_attendees as a')
    .join('supervision_sessions as s', 's.id', 'a.session_id')
    .where('a.worker_id', workerId)
    .select('s.date')) as Row[];
  const approved = (await signedEntries(q, workerId)).map((r) => String(r.date));
  return {
    assignments: assignments.map((a) => ({
      start: String(a.start_date),
      end: (a.end_date as string | null) ?? null,
    })),
    sessionDates: sessions.map((s) => String(s.date)),
    approvedDates: approved,
  };
}

async function supervisorHistory(q: Q, supervisorId: number): Promise<SupervisionHistory> {
  const assignments = (await q('supervision_assignments')
    .where({ supervisor_id: supervisorId })
    .select('start_date', 'end_date')) as Row[];
  const sessions = (await q('supervision_sessions')
    .where({ supervisor_id: supervisorId })
    .select('date')) as Row[];
  const signatures = (await q('week_signatures')
    .where({ supervisor_id: supervisorId })
    .select('signed_at')) as Row[];
  return {
    assignments: assignments.map((a) => ({
      start: String(a.start_date),
      end: (a.end_date as string | null) ?? null,
    })),
    sessionDates: sessions.map((s) => String(s.date)),
    approvedDates: signatures.map((s) => day(s.signed_at)),
  };
}

/** Weeks that were ever signed, with their hour entries (the approved hours). */
async function signedLogs(q: Q, workerId: number): Promise<Row[]> {
  return (await q('weekly_logs')
    .where({ worker_id: workerId })
    .whereExists((s) =>
      s.from('week_signatures').where('week_signatures.weekly_log_id', q.ref('weekly_logs.id')),
    )
    .select('id', 'week_start', 'submitted_by', 'returned_by')) as Row[];
}

async function signedEntries(q: Q, workerId: number): Promise<Row[]> {
  const logs = await signedLogs(q, workerId);
  if (logs.length === 0) return [];
  return (await q('hour_entries')
    .where({ worker_id: workerId })
    .where((w) => {
      for (const l of logs) {
        const start = String(l.week_start);
        w.orWhereBetween('date', [start, addDaysIso(start, 6)]);
      }
    })
    .select('id', 'date')) as Row[];
}

/** Groups rows by a date column, one fact group per date, so each lapses on its own day. */
function byDate(
  rows: Row[],
  dateOf: (r: Row) => IsoDate,
  make: (date: IsoDate, ids: number[]) => FactGroup,
  table: string,
  sets: RowSets,
): FactGroup[] {
  const groups = new Map<IsoDate, number[]>();
  for (const r of rows) groups.set(dateOf(r), [...(groups.get(dateOf(r)) ?? []), num(r.id)]);
  return [...groups].map(([date, list]) => {
    const g = make(date, list);
    sets.set(g.id, [{ table, ids: list }]);
    return g;
  });
}

/**
 * Reads everything held about a person into fact groups for the planner, remembering the row
 * ids behind each group. Rows of other people that name this person (a supervisor's
 * signatures, sessions, supervisees' hours) count from the later of both people's last
 * supervision, because the other person still needs them.
 */
export async function gatherPerson(
  q: Q,
  person: PersonKey,
  today: IsoDate,
  options: { profileGone?: 'allowed' } = {},
): Promise<GatheredPerson> {
  const { personType, personId } = person;
  const table = personType === 'worker' ? 'workers' : 'supervisors';
  const { profile, user } = await profileAndAccount(q, person);
  // A scheduled remainder may outlive the profile (kept CE records or disclosures need no profile).
  if (!profile && options.profileGone !== 'allowed')
    throw notFound(personType === 'worker' ? 'Worker' : 'Supervisor');
  const userId = user ? num(user.id) : null;

  const sets: RowSets = new Map();
  const groups: FactGroup[] = [];
  const add = (g: FactGroup, rows: { table: string; ids: number[] }[]) => {
    groups.push(g);
    sets.set(g.id, rows);
  };

  add({ id: 'profile', category: 'profile', count: profile ? 1 : 0, rule: null, from: null }, [
    { table, ids: [personId] },
  ]);
  if (userId !== null) {
    add({ id: 'account', category: 'account', count: 1, rule: null, from: null }, [
      { table: 'users', ids: [userId] },
    ]);
    const acks = ids(
      (await q('notice_acknowledgements').where({ user_id: userId }).select('id')) as Row[],
    );
    add({ id: 'acks', category: 'acknowledgements', count: acks.length, rule: null, from: null }, [
      { table: 'notice_acknowledgements', ids: acks },
    ]);
    const surveys = ids(
      (await q('survey_participants').where({ user_id: userId }).select('survey_id')) as Row[],
      'survey_id',
    );
    add(
      {
        id: 'surveys',
        category: 'survey_participation',
        count: surveys.length,
        rule: null,
        from: null,
      },
      [{ table: 'survey_participants', ids: surveys }],
    );
  }

  const otherLast = new Map<number, IsoDate | null>();
  const lastOfWorker = async (workerId: number) => {
    if (!otherLast.has(workerId))
      otherLast.set(workerId, lastSupervisionOn(await workerHistory(q, workerId), today));
    return otherLast.get(workerId) ?? null;
  };

  let history: SupervisionHistory;
  if (personType === 'worker') {
    history = await workerHistory(q, personId);
    const logs = await signedLogs(q, personId);
    const signedIds = ids(logs);
    const approvedIds = ids(await signedEntries(q, personId));
    const allEntries = ids(
      (await q('hour_entries').where({ worker_id: personId }).select('id')) as Row[],
    );
    const draftIds = allEntries.filter((id) => !approvedIds.includes(id));
    const unsignedLogs = ids(
      (await q('weekly_logs')
        .where({ worker_id: personId })
        .whereNotIn('id', signedIds)
        .select('id')) as Row[],
    );
    const signatureIds = ids(
      (await q('week_signatures').whereIn('weekly_log_id', signedIds).select('id')) as Row[],
    );
    add({ id: 'hours', category: 'hours', count: draftIds.length, rule: null, from: null }, [
      { table: 'hour_entries', ids: draftIds },
    ]);
    add(
      { id: 'logs', category: 'weekly_logs', count: unsignedLogs.length, rule: null, from: null },
      [{ table: 'weekly_logs', ids: unsignedLogs }],
    );
    const submittedByThem = logs.some((l) => userId !== null && num(l.submitted_by) === userId);
    add(
      {
        id: 'approved',
        category: 'approved_weeks',
        count: signedIds.length,
        rule: 'approved-hours',
        from: 'last-supervision',
        needs: submittedByThem ? ['profile', 'account'] : ['profile'],
      },
      [
        { table: 'week_signatures', ids: signatureIds },
        { table: 'weekly_logs', ids: signedIds },
        { table: 'hour_entries', ids: approvedIds },
      ],
    );
    const assignmentIds = ids(
      (await q('supervision_assignments').where({ worker_id: personId }).select('id')) as Row[],
    );
    add(
      {
        id: 'assignments',
        category: 'assignments',
        count: assignmentIds.length,
        rule: 'supervision-records',
        from: 'last-supervision',
        needs: ['profile'],
      },
      [{ table: 'supervision_assignments', ids: assignmentIds }],
    );
    const attended = ids(
      (await q('supervision_session_attendees')
        .where({ worker_id: personId })
        .select('session_id')) as Row[],
      'session_id',
    );
    add(
      {
        id: 'attendance',
        category: 'session_attendance',
        count: attended.length,
        rule: 'supervision-records',
        from: 'last-supervision',
        needs: ['profile'],
      },
      [{ table: 'supervision_session_attendees', ids: attended }],
    );
  } else {
    history = await supervisorHistory(q, personId);
    const own = lastSupervisionOn(history, today);
    const perWorker = async <T extends Row>(rows: T[], workerOf: (r: T) => number) => {
      const m = new Map<number, T[]>();
      for (const r of rows) m.set(workerOf(r), [...(m.get(workerOf(r)) ?? []), r]);
      return m;
    };
    const assignments = (await q('supervision_assignments')
      .where({ supervisor_id: personId })
      .select('id', 'worker_id')) as Row[];
    for (const [workerId, list] of await perWorker(assignments, (r) => num(r.worker_id))) {
      add(
        {
          id: `assignments:${workerId}`,
          category: 'assignments',
          count: list.length,
          rule: 'supervision-records',
          from: laterOf(own, await lastOfWorker(workerId)),
          needs: ['profile'],
        },
        [{ table: 'supervision_assignments', ids: ids(list) }],
      );
    }
    const sessions = (await q('supervision_sessions')
      .where({ supervisor_id: personId })
      .select('id')) as Row[];
    const attendees = (await q('supervision_session_attendees')
      .whereIn('session_id', ids(sessions))
      .distinct('worker_id')) as Row[];
    let sessionsFrom = own;
    for (const a of attendees)
      sessionsFrom = laterOf(sessionsFrom, await lastOfWorker(num(a.worker_id)));
    add(
      {
        id: 'sessions',
        category: 'sessions_led',
        count: sessions.length,
        rule: 'supervision-records',
        from: sessionsFrom,
        needs: ['profile'],
      },
      [{ table: 'supervision_sessions', ids: ids(sessions) }],
    );
    const signatures = (await q('week_signatures as s')
      .join('weekly_logs as l', 'l.id', 's.weekly_log_id')
      .where((w) => {
        w.where('s.supervisor_id', personId);
        if (userId !== null) w.orWhere('s.signer_user_id', userId);
      })
      .select('s.id', 'l.worker_id')) as Row[];
    for (const [workerId, list] of await perWorker(signatures, (r) => num(r.worker_id))) {
      add(
        {
          id: `signatures:${workerId}`,
          category: 'signatures',
          count: list.length,
          rule: 'approved-hours',
          from: laterOf(own, await lastOfWorker(workerId)),
          needs: ['profile', 'account'],
        },
        [{ table: 'week_signatures', ids: ids(list) }],
      );
    }
    const othersHours = (await q('hour_entries')
      .where({ supervisor_id: personId })
      .select('id', 'worker_id')) as Row[];
    for (const [workerId, list] of await perWorker(othersHours, (r) => num(r.worker_id))) {
      add(
        {
          id: `others-hours:${workerId}`,
          category: 'others_hours',
          count: list.length,
          rule: 'approved-hours',
          from: await lastOfWorker(workerId),
          heldByOthers:
            "Another person's hour entries name them as supervisor; kept while that person's hours are kept",
          needs: ['profile'],
        },
        [{ table: 'hour_entries', ids: ids(list) }],
      );
    }
  }

  const mine = personKey(person);
  groups.push(
    ...byDate(
      (await rowsAbout(q, 'ce_records', person).select('id', 'date')) as Row[],
      (r) => String(r.date),
      (date, list) => ({
        id: `ce:${date}`,
        category: 'ce_records',
        count: list.length,
        rule: 'ce-records',
        from: date,
      }),
      'ce_records',
      sets,
    ),
    ...byDate(
      (await rowsAbout(q, 'ce_cycles', person).select('id', 'end_date')) as Row[],
      (r) => String(r.end_date),
      (date, list) => ({
        id: `cycles:${date}`,
        category: 'ce_cycles',
        count: list.length,
        rule: 'ce-records',
        from: date,
      }),
      'ce_cycles',
      sets,
    ),
    ...byDate(
      (await rowsAbout(q, 'disclosures', person).select('id', 'made_at')) as Row[],
      (r) => day(r.made_at),
      (date, list) => ({
        id: `disclosures:${date}`,
        category: 'disclosures',
        count: list.length,
        rule: 'disclosure-log',
        from: date,
      }),
      'disclosures',
      sets,
    ),
    ...byDate(
      (await q('privacy_requests')
        .where((w) => {
          w.where(mine);
          if (userId !== null) w.orWhere({ requested_by_user_id: userId });
        })
        .select('id', 'received_on')) as Row[],
      (r) => String(r.received_on),
      (date, list) => ({
        id: `requests:${date}`,
        category: 'requests',
        count: list.length,
        rule: 'requests-register',
        from: date,
        anonymisedWhenKept: true,
      }),
      'privacy_requests',
      sets,
    ),
  );
  const consents = ids((await rowsAbout(q, 'consents', person).select('id')) as Row[]);
  add({ id: 'consents', category: 'consents', count: consents.length, rule: null, from: null }, [
    { table: 'consents', ids: consents },
  ]);

  return {
    ...identityFrom(person, profile, user),
    facts: { personType, supervision: history, groups },
    rows: sets,
  };
}
