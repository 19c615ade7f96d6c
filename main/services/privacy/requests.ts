import type { PrivacyRequestRow } from '../../db/tables/privacy-requests.js';
import type { Q } from '../../db/query.js';
import type { ApiParsed } from '../../../shared/api/contract.js';
import { AppError, notFound, validationError } from '../../../shared/errors.js';
import { toIsoDate, type IsoDate } from '../../../shared/domain/dates.js';
import {
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type PersonKey,
  type PersonType,
  type RequestKind,
  type RequestStatus,
} from '../../../shared/domain/privacy/people.js';
import {
  daysToDecision,
  effectiveStatus,
  outcomeSentence,
  summarize,
  weekProgress,
  yearlySummary,
  type PrivacyRequestView,
  type RequestDetails,
  type RequestOutcome,
  type WeekProgress,
  type YearlyRequestReport,
} from '../../../shared/domain/privacy/requests.js';
import type { CorePorts } from '../ports.js';
import type { makeScope } from '../scope.js';
import type { SessionUser } from '../session.js';
import type { WeeksDeps } from '../weeks.js';
import { makeCorrectionApplier } from './request-apply.js';
import { buildDetails, loadPerson, type RequestInput } from './request-details.js';
import type { ReportFile } from '../../../shared/domain/reports.js';
import { yearlyCsv, yearlyPdf } from './requests-report.js';
import { insertedId } from '../../db/dialect/index.js';

/** A request row as this service reads it: the person's type is one the register knows. */
type RequestRow = Omit<PrivacyRequestRow, 'person_type'> & { person_type: PersonType | null };

/** A request filed through the person's own account: the sign-in is the identity check. */
export const SIGNED_IN_METHOD = 'Signed in to own account';

export interface RequestsDeps extends WeeksDeps {
  scope: ReturnType<typeof makeScope>;
}

/**
 * The privacy requests register: people file access, correction and deletion requests about
 * themselves; the owner registers requests received another way and decides them (a
 * supervisor decides corrections of their supervisees' hours). Every change is audited in its
 * own transaction. Deletion requests are decided by the deletion service, which updates the
 * same rows.
 */
export function makePrivacyRequestsService(ports: CorePorts, deps: RequestsDeps) {
  const { db, clock, audit } = ports;
  const nowIso = () => clock.now().toISOString();
  const applier = makeCorrectionApplier(ports, deps);

  const nameCache = async (q: Q) => {
    const users = new Map<number, string>();
    const people = new Map<string, string>();
    return {
      async user(id: number | null) {
        if (id === null) return null;
        if (!users.has(id)) {
          const r = (await q('users').where({ id }).first('display_name')) as
            { display_name: string } | undefined;
          users.set(id, r?.display_name ?? `user #${id}`);
        }
        return users.get(id) ?? null;
      },
      async person(type: PersonType | null, id: number | null) {
        if (type === null || id === null) return null;
        const key = `${type}:${id}`;
        if (!people.has(key)) {
          const r = (await q(type === 'worker' ? 'workers' : 'supervisors')
            .where({ id })
            .first('first_name', 'last_name')) as
            { first_name: string; last_name: string } | undefined;
          people.set(key, r ? `${r.first_name} ${r.last_name}` : `${type} #${id}`);
        }
        return people.get(key) ?? null;
      },
    };
  };

  async function progressOf(q: Q, outcome: RequestOutcome | null): Promise<WeekProgress | null> {
    if (outcome?.type !== 'week') return null;
    const log = (await q('weekly_logs')
      .where({ worker_id: outcome.workerId, week_start: outcome.weekStart })
      .first('id', 'status')) as { id: number; status: string } | undefined;
    if (!log) return weekProgress(outcome, null);
    const sig = (await q('week_signatures')
      .where({ weekly_log_id: log.id })
      .max({ v: 'version' })
      .first()) as { v: number | null } | undefined;
    return weekProgress(outcome, { status: log.status, latestSignedVersion: Number(sig?.v ?? 0) });
  }

  async function toViews(q: Q, rows: RequestRow[]): Promise<PrivacyRequestView[]> {
    const names = await nameCache(q);
    return Promise.all(
      rows.map(async (r) => {
        const details = JSON.parse(r.details_json) as RequestDetails;
        const outcome = r.outcome_json ? (JSON.parse(r.outcome_json) as RequestOutcome) : null;
        const progress = r.status === 'accepted' ? await progressOf(q, outcome) : null;
        const status = effectiveStatus(r.status, progress);
        const view = {
          kind: r.kind,
          status,
          weekProgress: progress,
          decisionReason: r.decision_reason,
          outcome,
        };
        return {
          id: Number(r.id),
          kind: r.kind,
          personType: r.person_type,
          personId: r.person_id === null ? null : Number(r.person_id),
          personRef: r.person_ref,
          personName: await names.person(
            r.person_type,
            r.person_id === null ? null : Number(r.person_id),
          ),
          receivedOn: r.received_on,
          requestedByName: await names.user(r.requested_by_user_id),
          identityMethod: r.identity_method,
          identityVerifiedByName:
            r.identity_verified_by_user_id === null
              ? r.identity_method === SIGNED_IN_METHOD
                ? 'Hourkeep (sign-in)'
                : null
              : await names.user(Number(r.identity_verified_by_user_id)),
          identityVerifiedAt: r.identity_verified_at,
          details,
          status,
          weekProgress: progress,
          decidedAt: r.decided_at,
          decidedByName: await names.user(r.decided_by_user_id),
          decisionReason: r.decision_reason,
          outcome,
          summary: summarize(r.kind, details, r.person_type),
          outcomeText: outcomeSentence(view),
          createdAt: r.created_at,
        };
      }),
    );
  }

  const loadRow = async (q: Q, id: number) => {
    const row = (await q('privacy_requests').where({ id }).first()) as RequestRow | undefined;
    if (!row) throw notFound('Request');
    return row;
  };

  const viewOf = async (q: Q, id: number) =>
    (await toViews(q, [await loadRow(q, id)]))[0] as PrivacyRequestView;

  async function insert(
    person: PersonKey,
    input: RequestInput,
    who: {
      requestedBy: number;
      receivedOn: IsoDate;
      identityMethod: string;
      verifiedBy: number | null;
    },
  ): Promise<PrivacyRequestView> {
    return db.transaction(async (trx) => {
      const record = await loadPerson(trx, person);
      if (!record) throw notFound(person.personType === 'worker' ? 'Worker' : 'Supervisor');
      const details = await buildDetails(trx, record, input);
      const now = nowIso();
      const row = {
        kind: input.kind,
        person_type: person.personType,
        person_id: person.personId,
        requested_by_user_id: who.requestedBy,
        received_on: who.receivedOn,
        identity_method: who.identityMethod,
        identity_verified_by_user_id: who.verifiedBy,
        identity_verified_at: now,
        details_json: JSON.stringify(details),
        status: 'open' as const,
        created_at: now,
        updated_at: now,
      };
      const id = insertedId(await trx('privacy_requests').insert(row).returning('id'));
      await audit.append(trx, {
        action: 'privacy_request',
        entity: 'privacy_requests',
        entityId: Number(id),
        subjectType: person.personType,
        subjectId: person.personId,
        after: {
          kind: input.kind,
          receivedOn: who.receivedOn,
          identityMethod: who.identityMethod,
          details,
        },
        detail: `${input.kind} request #${id} registered`,
      });
      return viewOf(trx, Number(id));
    });
  }

  const selfOf = (user: SessionUser): PersonKey => {
    if (user.role === 'worker' && user.workerId !== null)
      return { personType: 'worker', personId: user.workerId };
    if (user.role === 'supervisor' && user.supervisorId !== null)
      return { personType: 'supervisor', personId: user.supervisorId };
    throw new AppError('forbidden', 'Your account is not linked to a worker or supervisor record.');
  };

  /** Who may decide: the owner anything but deletion; a supervisor their supervisees' hours. */
  async function assertMayDecide(user: SessionUser, row: RequestRow, details: RequestDetails) {
    if (row.kind === 'deletion') {
      throw new AppError(
        'conflict',
        'Deletion requests are decided on the Deletion and retention tab of the Privacy screen.',
      );
    }
    if (user.role === 'owner') return;
    const weekOfWorker =
      row.kind === 'correction' && details.target === 'week' && row.person_type === 'worker';
    if (
      user.role !== 'supervisor' ||
      !weekOfWorker ||
      row.person_id === null ||
      !(await deps.scope.canActOnWorker(user, Number(row.person_id)))
    ) {
      throw new AppError(
        'forbidden',
        'Only the owner, or the worker’s current supervisor for hours, decides this request.',
      );
    }
  }

  async function decide(
    user: SessionUser,
    input: ApiParsed<'privacy.requests.decide'>,
  ): Promise<PrivacyRequestView> {
    // The scope check reads through the shared connection, so it runs before the transaction
    // takes it; the kind and person of a request never change, only its status.
    const first = await loadRow(db, input.id);
    await assertMayDecide(user, first, JSON.parse(first.details_json) as RequestDetails);
    return db.transaction(async (trx) => {
      const row = await loadRow(trx, input.id);
      const details = JSON.parse(row.details_json) as RequestDetails;
      if (row.status !== 'open') {
        throw new AppError('conflict', `Request #${row.id} was already decided.`);
      }
      const reason = input.reason ?? null;
      let status: RequestStatus;
      let outcome: RequestOutcome | null = null;
      if (input.decision === 'decline') {
        if (!reason) throw validationError({ reason: 'Give the reason for declining' });
        status = 'declined';
      } else if (row.person_id === null || row.person_type === null) {
        throw new AppError('conflict', 'The person of this request has been deleted.');
      } else if (row.kind === 'access') {
        status = 'completed';
        outcome = {
          type: 'access',
          note: 'the record was produced from Privacy → Records and disclosures',
        };
      } else if (details.target === 'profile') {
        outcome = await applier.applyProfile(trx, row.person_type, Number(row.person_id), details);
        status = 'completed';
      } else if (details.target === 'week') {
        outcome = await applier.applyWeek(trx, user, row.id, Number(row.person_id), details);
        status = 'accepted';
      } else {
        throw new AppError('conflict', 'This correction names nothing to change.');
      }
      const now = nowIso();
      const change = {
        status,
        decided_at: now,
        decided_by_user_id: user.id,
        decision_reason: reason,
        outcome_json: outcome ? JSON.stringify(outcome) : null,
        updated_at: now,
      };
      await trx('privacy_requests').where({ id: row.id }).update(change);
      await audit.append(trx, {
        action: 'privacy_decision',
        entity: 'privacy_requests',
        entityId: row.id,
        ...(row.person_type && row.person_id !== null
          ? { subjectType: row.person_type, subjectId: Number(row.person_id) }
          : {}),
        before: { status: row.status },
        after: { status, reason, outcome },
        detail: `${row.kind} request #${row.id} ${input.decision === 'accept' ? 'accepted' : 'declined'}`,
      });
      return viewOf(trx, row.id);
    });
  }

  async function listRows(filter: { kind?: RequestKind | undefined; year?: number | undefined }) {
    const q = db('privacy_requests').orderBy([
      { column: 'received_on', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    if (filter.kind) q.where({ kind: filter.kind });
    if (filter.year)
      q.whereBetween('received_on', [`${filter.year}-01-01`, `${filter.year}-12-31`]);
    return (await q) as RequestRow[];
  }

  async function yearly(year: number): Promise<YearlyRequestReport> {
    const views = (await toViews(db, await listRows({ year }))).reverse();
    return yearlySummary(
      year,
      views.map((v) => ({
        id: v.id,
        kind: v.kind,
        personType: v.personType,
        receivedOn: v.receivedOn,
        identityMethod: v.identityMethod,
        status: v.status,
        decidedOn: v.decidedAt ? v.decidedAt.slice(0, 10) : null,
        daysToDecision: daysToDecision(v.receivedOn, v.decidedAt),
        decisionReason: v.decisionReason,
      })),
      REQUEST_KINDS,
      REQUEST_STATUSES,
    );
  }

  return {
    /** A worker or supervisor asks about their own record; signing in verified who they are. */
    file(user: SessionUser, input: ApiParsed<'privacy.requests.file'>) {
      return insert(selfOf(user), input, {
        requestedBy: user.id,
        receivedOn: toIsoDate(clock.now()),
        identityMethod: SIGNED_IN_METHOD,
        verifiedBy: null,
      });
    },

    /** The owner records a request received by email, in person or by post, and how they
     * checked who sent it. */
    register(user: SessionUser, input: ApiParsed<'privacy.requests.register'>) {
      if (input.receivedOn > toIsoDate(clock.now())) {
        throw validationError({ receivedOn: 'The date received cannot be in the future' });
      }
      return insert({ personType: input.personType, personId: input.personId }, input, {
        requestedBy: user.id,
        receivedOn: input.receivedOn,
        identityMethod: input.identityMethod,
        verifiedBy: user.id,
      });
    },

    async mine(user: SessionUser): Promise<PrivacyRequestView[]> {
      const self = selfOf(user);
      const rows = (await db('privacy_requests')
        .where({ person_type: self.personType, person_id: self.personId })
        .orderBy('id', 'desc')) as RequestRow[];
      return toViews(db, rows);
    },

    /** The owner sees every request; a supervisor the week corrections of their supervisees. */
    async list(
      user: SessionUser,
      filter: ApiParsed<'privacy.requests.list'>,
    ): Promise<PrivacyRequestView[]> {
      let rows = await listRows(filter);
      if (user.role !== 'owner') {
        const visible = await deps.scope.visibleWorkerIds(user);
        rows = rows.filter(
          (r) =>
            r.kind === 'correction' &&
            r.person_type === 'worker' &&
            (visible === 'all' || visible.includes(Number(r.person_id))) &&
            (JSON.parse(r.details_json) as RequestDetails).target === 'week',
        );
      }
      const views = await toViews(db, rows);
      return filter.status ? views.filter((v) => v.status === filter.status) : views;
    },

    decide,

    yearly,

    /** The yearly report as a file; producing it is recorded (it names no person). */
    async yearlyFile(year: number, format: 'csv' | 'pdf'): Promise<ReportFile> {
      const report = await yearly(year);
      const practice = (await db('practice').first('name')) as { name: string } | undefined;
      const file =
        format === 'csv'
          ? yearlyCsv(report)
          : await yearlyPdf(report, practice?.name ?? 'Hourkeep', nowIso());
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'export',
          entity: 'privacy_requests',
          detail: `yearly requests report ${year} (${format}, ${report.total} requests)`,
        }),
      );
      return file;
    },
  };
}

export type PrivacyRequestsService = ReturnType<typeof makePrivacyRequestsService>;
