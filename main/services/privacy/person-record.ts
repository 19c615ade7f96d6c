import type { Q } from '../../db/query.js';
import { notFound } from '../../../shared/errors.js';
import { verificationCode } from '../../platform/signing.js';
import type { DataCategory, PersonKey } from '../../../shared/domain/privacy/people.js';
import {
  PERSON_RECORD_SCHEMA_ID,
  type PersonProfile,
  type PersonRecord,
} from '../../../shared/domain/privacy/person-record.js';
import { personKey, rowsAbout } from '../../db/tables/person-tables.js';
import { supervisorFromRow, type SupervisorRow } from '../../db/tables/supervisors.js';
import { workerFromRow, type WorkerRow } from '../../db/tables/workers.js';

type Row = Record<string, unknown>;

const num = (v: unknown): number => Number(v);
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string => String(v);
const optStr = (v: unknown): string | null =>
  v === null || v === undefined ? null : String(v as string);
const bool = (v: unknown): boolean => Boolean(Number(v));
const parseJson = (v: unknown): unknown => {
  if (v === null || v === undefined) return null;
  try {
    return JSON.parse(String(v as string)) as unknown;
  } catch {
    // A malformed column is still held data: hand it over as the text it is.
    return String(v as string);
  }
};
const nameOf = (r: Row, prefix = '') =>
  `${str(r[`${prefix}first_name`])} ${str(r[`${prefix}last_name`])}`;

/** Every data category a full record holds; what an export of it discloses. */
export const RECORD_CATEGORIES: DataCategory[] = [
  'profile',
  'account',
  'hours',
  'weekly_logs',
  'supervision',
  'ce',
  'consents',
  'disclosures',
  'requests',
  'audit',
];

async function profile(db: Q, person: PersonKey): Promise<PersonProfile> {
  const table = person.personType === 'worker' ? 'workers' : 'supervisors';
  const r = (await db(table).where({ id: person.personId }).first()) as Row | undefined;
  if (!r) throw notFound(person.personType === 'worker' ? 'Worker' : 'Supervisor');
  // The profile is the record the app shows (the table module's mapping) plus its timestamps.
  const stamps = { createdAt: str(r.created_at), updatedAt: str(r.updated_at) };
  if (person.personType === 'worker') {
    const worker = r as WorkerRow;
    return { type: 'worker', ...workerFromRow(worker), ...stamps, packId: optStr(worker.pack_id) };
  }
  return { type: 'supervisor', ...supervisorFromRow(r as SupervisorRow), ...stamps };
}

/**
 * Everything held about one person, read from every table that can hold a row about them (see
 * migrations/*.ts). Another person appears only as an id and a name where a row about this
 * person names them; another worker's notes, signed entries and profile never do.
 */
export async function collectPersonRecord(
  db: Q,
  person: PersonKey,
  meta: { generatedAt: string },
): Promise<PersonRecord> {
  const isWorker = person.personType === 'worker';
  const me = await profile(db, person);
  const practice = (await db('practice').first('name')) as { name: string } | undefined;

  const userRows = (await db('users')
    .where(isWorker ? 'worker_id' : 'supervisor_id', person.personId)
    .orderBy('id')) as Row[];
  const userIds = userRows.map((u) => num(u.id));

  /** Rows of `table` about the person, each with its worker's, supervisor's and site's names. */
  const withPlaceNames = (table: string, alias: string) =>
    db(`${table} as ${alias}`)
      .join('workers as w', 'w.id', `${alias}.worker_id`)
      .join('supervisors as s', 's.id', `${alias}.supervisor_id`)
      .join('sites as t', 't.id', `${alias}.site_id`)
      .where(isWorker ? `${alias}.worker_id` : `${alias}.supervisor_id`, person.personId)
      .select(
        `${alias}.*`,
        'w.first_name as w_first_name',
        'w.last_name as w_last_name',
        's.first_name as s_first_name',
        's.last_name as s_last_name',
        't.name as site_name',
      );

  const assignments = (await withPlaceNames('supervision_assignments', 'a').orderBy(
    'a.id',
  )) as Row[];

  const entries = (await withPlaceNames('hour_entries', 'e').orderBy([
    { column: 'e.date' },
    { column: 'e.id' },
  ])) as Row[];

  const weeks = isWorker
    ? ((await db('weekly_logs')
        .where({ worker_id: person.personId })
        .orderBy('week_start')) as Row[])
    : [];

  const signatures = (await db('week_signatures as g')
    .join('weekly_logs as l', 'l.id', 'g.weekly_log_id')
    .join('workers as w', 'w.id', 'l.worker_id')
    .join('supervisors as s', 's.id', 'g.supervisor_id')
    .leftJoin('signing_keys as k', function () {
      this.on('k.fingerprint', 'g.key_fingerprint').andOn('k.supervisor_id', 'g.supervisor_id');
    })
    .where(isWorker ? 'l.worker_id' : 'g.supervisor_id', person.personId)
    .orderBy('g.id')
    .select(
      'g.*',
      'k.public_key',
      'l.week_start',
      'l.worker_id',
      'w.first_name as w_first_name',
      'w.last_name as w_last_name',
      's.first_name as s_first_name',
      's.last_name as s_last_name',
    )) as Row[];

  const sessionQuery = db('supervision_sessions as x')
    .join('supervisors as s', 's.id', 'x.supervisor_id')
    .join('sites as t', 't.id', 'x.site_id')
    .orderBy([{ column: 'x.date' }, { column: 'x.id' }])
    .select(
      'x.*',
      's.first_name as s_first_name',
      's.last_name as s_last_name',
      't.name as site_name',
    );
  if (isWorker)
    sessionQuery.whereIn(
      'x.id',
      db('supervision_session_attendees')
        .where({ worker_id: person.personId })
        .select('session_id'),
    );
  else sessionQuery.where('x.supervisor_id', person.personId);
  const sessions = (await sessionQuery) as Row[];
  const attendeeRows = sessions.length
    ? ((await db('supervision_session_attendees as a')
        .join('workers as w', 'w.id', 'a.worker_id')
        .whereIn(
          'a.session_id',
          sessions.map((s) => num(s.id)),
        )
        .orderBy(['a.session_id', 'a.worker_id'])
        .select('a.session_id', 'a.worker_id', 'w.first_name', 'w.last_name')) as Row[])
    : [];

  const byPerson = personKey(person);
  const ce = (await rowsAbout(db, 'ce_records', person).orderBy(['date', 'id'])) as Row[];
  const cycles = (await rowsAbout(db, 'ce_cycles', person).orderBy(['start_date', 'id'])) as Row[];
  const consents = (await rowsAbout(db, 'consents', person).orderBy('id')) as Row[];
  const disclosures = (await rowsAbout(db, 'disclosures', person).orderBy('id')) as Row[];
  const requests = (await db('privacy_requests')
    .where((w) => {
      w.where(byPerson);
      if (userIds.length) w.orWhereIn('requested_by_user_id', userIds);
    })
    .orderBy('id')) as Row[];
  const scheduled = (await db('scheduled_deletions').where(byPerson).orderBy('id')) as Row[];
  const acks = userIds.length
    ? ((await db('notice_acknowledgements as k')
        .join('privacy_notices as n', 'n.id', 'k.notice_id')
        .whereIn('k.user_id', userIds)
        .orderBy('k.id')
        .select('k.*', 'n.version', 'n.published_on')) as Row[])
    : [];
  const surveys = userIds.length
    ? ((await db('survey_participants as p')
        .join('surveys as s', 's.id', 'p.survey_id')
        .whereIn('p.user_id', userIds)
        .orderBy(['p.survey_id', 'p.user_id'])
        .select('p.survey_id', 'p.user_id', 's.title')) as Row[])
    : [];

  const audit = (await db('audit_log')
    .where((w) => {
      w.where({ subject_type: person.personType, subject_id: person.personId });
      if (userIds.length) {
        w.orWhere((u) => u.where({ subject_type: 'user' }).whereIn('subject_id', userIds));
        w.orWhereIn('actor_user_id', userIds);
      }
    })
    .orderBy('id')) as Row[];
  const aboutMe = (r: Row) =>
    (r.subject_type === person.personType && num(r.subject_id) === person.personId) ||
    (r.subject_type === 'user' && userIds.includes(num(r.subject_id)));

  // A performance helper's table of per-week totals; read only where the schema has it.
  const rollups =
    isWorker && (await db.schema.hasTable('hour_rollups'))
      ? ((await db('hour_rollups').where({ worker_id: person.personId })) as Row[])
      : [];

  const supRef = (r: Row) => ({ id: num(r.supervisor_id), name: nameOf(r, 's_') });
  const workerRef = (r: Row) => ({ id: num(r.worker_id), name: nameOf(r, 'w_') });
  const siteRef = (r: Row) => ({ id: num(r.site_id), name: str(r.site_name) });

  return {
    schema: PERSON_RECORD_SCHEMA_ID,
    generatedAt: meta.generatedAt,
    practiceName: practice?.name ?? '',
    personType: person.personType,
    person: me,
    accounts: userRows.map((u) => ({
      id: num(u.id),
      username: str(u.username),
      displayName: str(u.display_name),
      role: str(u.role),
      disabled: bool(u.disabled),
      passwordChangedAt: str(u.password_changed_at),
      createdAt: str(u.created_at),
      updatedAt: str(u.updated_at),
    })),
    assignments: assignments.map((a) => ({
      id: num(a.id),
      worker: workerRef(a),
      supervisor: supRef(a),
      site: siteRef(a),
      startDate: str(a.start_date),
      endDate: optStr(a.end_date),
      agreementSignedOn: optStr(a.agreement_signed_on),
      createdAt: str(a.created_at),
      updatedAt: str(a.updated_at),
    })),
    hourEntries: entries.map((e) => ({
      id: num(e.id),
      date: str(e.date),
      worker: workerRef(e),
      supervisor: supRef(e),
      site: siteRef(e),
      category: str(e.category),
      minutes: num(e.minutes),
      note: isWorker ? optStr(e.note) : null,
      status: str(e.status),
      sessionId: optNum(e.session_id),
      createdAt: str(e.created_at),
      updatedAt: str(e.updated_at),
    })),
    weeklyLogs: weeks.map((l) => ({
      id: num(l.id),
      weekStart: str(l.week_start),
      status: str(l.status),
      version: num(l.version),
      submittedAt: optStr(l.submitted_at),
      submittedByUserId: optNum(l.submitted_by),
      returnedAt: optStr(l.returned_at),
      returnedByUserId: optNum(l.returned_by),
      returnComment: optStr(l.return_comment),
      amendmentReason: optStr(l.amendment_reason),
      createdAt: str(l.created_at),
      updatedAt: str(l.updated_at),
    })),
    weekSignatures: signatures.map((g) => ({
      id: num(g.id),
      weeklyLogId: num(g.weekly_log_id),
      weekStart: str(g.week_start),
      worker: workerRef(g),
      version: num(g.version),
      signerUserId: num(g.signer_user_id),
      supervisor: supRef(g),
      signerName: str(g.signer_name),
      signedAt: str(g.signed_at),
      entriesHash: str(g.entries_hash),
      entriesJson: isWorker ? str(g.entries_json) : null,
      signedDocument: isWorker ? optStr(g.document_json) : null,
      signature: optStr(g.signature),
      publicKey: optStr(g.public_key),
      keyFingerprint: optStr(g.key_fingerprint),
      verificationCode: g.signature ? verificationCode(str(g.signature)) : null,
    })),
    supervisionSessions: sessions.map((x) => {
      const all = attendeeRows.filter((a) => num(a.session_id) === num(x.id));
      const shown = isWorker ? all.filter((a) => num(a.worker_id) === person.personId) : all;
      return {
        id: num(x.id),
        date: str(x.date),
        supervisor: supRef(x),
        site: siteRef(x),
        kind: str(x.kind),
        minutes: num(x.minutes),
        note: optStr(x.note),
        attendees: shown.map((a) => ({ id: num(a.worker_id), name: nameOf(a) })),
        attendeeCount: all.length,
        createdAt: str(x.created_at),
        updatedAt: str(x.updated_at),
      };
    }),
    ceRecords: ce.map((c) => ({
      id: num(c.id),
      title: str(c.title),
      provider: str(c.provider),
      date: str(c.date),
      minutes: num(c.minutes),
      category: str(c.category),
      certificateName: optStr(c.certificate_name),
      certificateType: optStr(c.certificate_type),
      certificateBase64:
        c.certificate === null || c.certificate === undefined
          ? null
          : Buffer.from(c.certificate as Uint8Array).toString('base64'),
      createdAt: str(c.created_at),
      updatedAt: str(c.updated_at),
    })),
    ceCycles: cycles.map((c) => ({
      id: num(c.id),
      preset: str(c.preset),
      startDate: str(c.start_date),
      endDate: str(c.end_date),
      requiredMinutes: num(c.required_minutes),
      lawEthicsMinutes: num(c.law_ethics_minutes),
      createdAt: str(c.created_at),
      updatedAt: str(c.updated_at),
    })),
    consents: consents.map((c) => ({
      id: num(c.id),
      purpose: str(c.purpose),
      granted: bool(c.granted),
      at: str(c.at),
      recordedByUserId: optNum(c.recorded_by_user_id),
    })),
    disclosures: disclosures.map(disclosureView),
    privacyRequests: requests.map((r) => ({
      id: num(r.id),
      kind: str(r.kind),
      receivedOn: str(r.received_on),
      requestedByUserId: optNum(r.requested_by_user_id),
      identityMethod: optStr(r.identity_method),
      identityVerifiedByUserId: optNum(r.identity_verified_by_user_id),
      identityVerifiedAt: optStr(r.identity_verified_at),
      details: parseJson(r.details_json),
      status: str(r.status),
      decidedAt: optStr(r.decided_at),
      decidedByUserId: optNum(r.decided_by_user_id),
      decisionReason: optStr(r.decision_reason),
      outcome: parseJson(r.outcome_json),
      createdAt: str(r.created_at),
      updatedAt: str(r.updated_at),
    })),
    scheduledDeletions: scheduled.map((s) => ({
      id: num(s.id),
      dueOn: str(s.due_on),
      ruleKeys: ((parseJson(s.rule_keys) as unknown[] | null) ?? []).map(String),
      requestId: optNum(s.request_id),
      createdAt: str(s.created_at),
    })),
    noticeAcknowledgements: acks.map((k) => ({
      id: num(k.id),
      userId: num(k.user_id),
      noticeVersion: str(k.version),
      noticePublishedOn: str(k.published_on),
      acknowledgedAt: str(k.acknowledged_at),
    })),
    surveyParticipation: surveys.map((s) => ({
      surveyId: num(s.survey_id),
      title: str(s.title),
      userId: num(s.user_id),
    })),
    auditEntries: audit.map((r) => {
      const mine = aboutMe(r);
      return {
        id: num(r.id),
        at: str(r.at),
        actorUserId: optNum(r.actor_user_id),
        actor: str(r.actor),
        action: str(r.action),
        entity: optStr(r.entity),
        entityId: optNum(r.entity_id),
        subjectType: optStr(r.subject_type),
        subjectId: optNum(r.subject_id),
        // What this person did to someone else's record is that other person's data.
        before: mine ? optStr(r.before_json) : null,
        after: mine ? optStr(r.after_json) : null,
        detail: optStr(r.detail),
        redactedAt: optStr(r.redacted_at),
        aboutThisPerson: mine,
      };
    }),
    derived: {
      hourRollups: rollups.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            typeof v === 'number' || typeof v === 'string' || v === null ? v : String(v),
          ]),
        ),
      ),
    },
  };
}

export function disclosureView(r: Row) {
  return {
    id: num(r.id),
    recipient: str(r.recipient),
    purpose: str(r.purpose),
    categories: (parseJson(r.categories) as DataCategory[] | null) ?? [],
    format: str(r.format) as 'pdf' | 'csv' | 'json',
    document: str(r.document),
    madeAt: str(r.made_at),
    madeByUserId: optNum(r.made_by_user_id),
    madeBy: str(r.made_by),
  };
}
