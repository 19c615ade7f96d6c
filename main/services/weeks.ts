import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Q } from '../db/query.js';
import { AppError, notFound, validationError } from '../../shared/errors.js';
import { hourEntriesBetween } from '../db/tables/hour-entries.js';
import { findWeeklyLog, type WeeklyLogRow } from '../db/tables/weekly-logs.js';
import { addDaysIso, toIsoDate, weekStartOf, type IsoDate } from '../../shared/domain/dates.js';
import type { HourEntry } from '../../shared/domain/records.js';
import {
  canonicalEntries,
  nextWeekStatus,
  roleMayDo,
  weekChangesSince,
  weekStatusProblem,
  type ReviewQueueItem,
  type SeenWeek,
  type SignedEntry,
  type WeekAction,
  type WeekListItem,
  type WeekSignature,
  type WeekStatus,
  type WeeklyLog,
} from '../../shared/domain/weekly-logs.js';
import type { Accounts } from './accounts.js';
import type { CorePorts } from './ports.js';
import type { makeScope } from './scope.js';
import type { SessionUser } from './session.js';
import type { SignatureRow, WeekSignatures } from './week-signatures.js';
import type { WeekDocument } from '../../shared/domain/week-document.js';
import { verificationCode } from '../platform/signing.js';
import { insertedId } from '../db/dialect/index.js';

type LogRow = WeeklyLogRow;

/** A week ready to be signed by one supervisor: its log row, the version, who must sign. */
export interface SignOffPlan {
  row: WeeklyLogRow;
  workerId: number;
  weekStart: IsoDate;
  supervisorId: number;
  version: number;
  /** Every supervisor with entries in the week: the week is approved once all have signed. */
  signers: number[];
  previous: WeekDocument['previous'];
}

export interface WeeksDeps {
  /** Signing re-checks the password through the accounts' lockout machinery. */
  accounts: Pick<Accounts, 'withPasswordConfirmation'>;
  /** The signed documents and their checks (main/services/week-signatures.ts). */
  signatures: WeekSignatures;
  scope: ReturnType<typeof makeScope>;
}

export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash a signature stores for these entries. */
export const entriesHash = (entries: readonly HourEntry[]): string =>
  sha256Hex(canonicalEntries(entries));

const DAY_MS = 86_400_000;

/**
 * Weekly review and sign-off. Status changes run in one transaction with their audit row; a
 * week's entries are frozen by main/services/week-lock.ts while it is submitted or approved.
 */
export function makeWeeksService({ db, clock, audit }: CorePorts, deps: WeeksDeps) {
  const nowIso = () => clock.now().toISOString();

  const loadLog = findWeeklyLog;

  const entriesOf = (q: Q, workerId: number, weekStart: IsoDate): Promise<HourEntry[]> =>
    hourEntriesBetween(q, workerId, weekStart, addDaysIso(weekStart, 6));

  /** Every sign-off of a week, each checked against its key and (if current) the data. */
  const signaturesOfLog = async (q: Q, logId: number): Promise<WeekSignature[]> => {
    const rows = (await q('week_signatures')
      .where({ weekly_log_id: logId })
      .orderBy([{ column: 'version' }, { column: 'id' }])) as SignatureRow[];
    const out: WeekSignature[] = [];
    for (const r of rows) {
      const check = await deps.signatures.check(r, q);
      out.push({
        id: Number(r.id),
        version: Number(r.version),
        signerUserId: Number(r.signer_user_id),
        supervisorId: Number(r.supervisor_id),
        signerName: r.signer_name,
        signedAt: r.signed_at,
        entriesHash: r.entries_hash,
        entries: JSON.parse(r.entries_json) as SignedEntry[],
        scheme: check.scheme,
        signature: r.signature,
        keyFingerprint: r.key_fingerprint,
        verificationCode: r.signature ? verificationCode(r.signature) : null,
        document: r.document_json,
        valid: check.valid,
        problems: check.problems,
      });
    }
    return out;
  };

  const userName = async (q: Q, id: number | null): Promise<string | null> => {
    if (id === null) return null;
    const row = (await q('users').where({ id }).first('display_name')) as
      { display_name: string } | undefined;
    return row?.display_name ?? null;
  };

  async function mustFindWorker(q: Q, workerId: number) {
    const row = (await q('workers')
      .where({ id: workerId })
      .first('id', 'first_name', 'last_name')) as
      { id: number; first_name: string; last_name: string } | undefined;
    if (!row) throw notFound('Worker');
    return row;
  }

  async function view(q: Q, workerId: number, weekStart: IsoDate): Promise<WeeklyLog> {
    const row = await loadLog(q, workerId, weekStart);
    const entries = await entriesOf(q, workerId, weekStart);
    const signatures = row ? await signaturesOfLog(q, row.id) : [];
    return {
      workerId,
      weekStart,
      weekEnd: addDaysIso(weekStart, 6),
      status: row?.status ?? 'draft',
      version: row ? Number(row.version) : 1,
      signedBefore: signatures.length > 0,
      submittedAt: row?.submitted_at ?? null,
      submittedByName: await userName(q, row?.submitted_by ?? null),
      returnedAt: row?.returned_at ?? null,
      returnedByName: await userName(q, row?.returned_by ?? null),
      returnComment: row?.return_comment ?? null,
      amendmentReason: row?.amendment_reason ?? null,
      signatures,
      currentHash: entriesHash(entries),
      entryCount: entries.length,
      totalMinutes: entries.reduce((s, e) => s + e.minutes, 0),
    };
  }

  /** Role and status rules from the pure transition table; wrong status is a conflict. */
  function assertAllowed(user: SessionUser, action: WeekAction, status: WeekStatus) {
    if (!roleMayDo(action, user.role)) {
      throw new AppError('forbidden', 'Your role does not allow this action.');
    }
    const problem = weekStatusProblem(action, status);
    if (problem) throw new AppError('conflict', `${problem}.`);
  }

  /** The version the next round of sign-offs makes: one past the last signed. */
  const nextVersion = async (q: Q, logId: number): Promise<number> => {
    const last = (await q('week_signatures')
      .where({ weekly_log_id: logId })
      .max({ v: 'version' })
      .first()) as { v: number | null } | undefined;
    return last?.v ? Number(last.v) + 1 : 1;
  };

  const hasSignatures = async (q: Q, logId: number | undefined) =>
    logId !== undefined &&
    (await q('week_signatures').where({ weekly_log_id: logId }).first('id')) !== undefined;

  const logged = (status: string, version: number, extra: object = {}) => ({
    status,
    version,
    ...extra,
  });

  async function appendAudit(
    trx: Knex.Transaction,
    action: 'submit' | 'return' | 'approve' | 'amend',
    logId: number,
    workerId: number,
    weekStart: IsoDate,
    before: unknown,
    after: unknown,
    detail?: string,
  ) {
    await audit.append(trx, {
      action,
      entity: 'weekly_logs',
      entityId: logId,
      subjectType: 'worker',
      subjectId: workerId,
      before,
      after,
      detail: `week of ${weekStart}${detail ? `: ${detail}` : ''}`,
    });
  }

  /**
   * Whether a supervisor may decide on (approve, return) a worker's week: it holds entries in
   * their name, or, when it holds none (an amendment that removed everything), they were
   * assigned to the worker during it. Null when they may; else why not.
   */
  async function notTheirWeek(
    q: Q,
    supervisorId: number | null,
    workerId: number,
    weekStart: IsoDate,
  ): Promise<string | null> {
    if (supervisorId === null) return 'Your account is not linked to a supervisor record.';
    const signers = new Set((await entriesOf(q, workerId, weekStart)).map((e) => e.supervisorId));
    if (signers.has(supervisorId)) return null;
    const assigned = await q('supervision_assignments')
      .where({ worker_id: workerId, supervisor_id: supervisorId })
      .where('start_date', '<=', addDaysIso(weekStart, 6))
      .where((w) => w.whereNull('end_date').orWhere('end_date', '>=', weekStart))
      .first('id');
    if (signers.size === 0 && assigned) return null;
    return signers.size === 0 || !assigned
      ? 'You were not assigned to supervise this worker during this week, so you cannot sign or return it.'
      : 'None of the hours in this week are under your supervision, so you cannot sign or return it.';
  }

  /** Refuses (audited, like dispatch's refusals) a supervisor's decision on another's week. */
  async function assertTheirWeek(
    user: SessionUser,
    workerId: number,
    weekStart: IsoDate,
    what: 'weeks.approve' | 'weeks.return',
  ): Promise<void> {
    if (user.role !== 'supervisor') return;
    const why = await notTheirWeek(db, user.supervisorId, workerId, weekStart);
    if (!why) return;
    await db.transaction((trx) =>
      audit.append(trx, {
        action: 'forbidden',
        subjectType: 'worker',
        subjectId: workerId,
        detail: `${what}: week of ${weekStart} holds no hours of supervisor ${user.supervisorId ?? 'none'}`,
      }),
    );
    throw new AppError('forbidden', why);
  }

  /** What signing a week needs, checked: why not, as the AppError a caller passes on. */
  async function signOffPlan(
    trx: Q,
    workerId: number,
    weekStart: IsoDate,
    supervisorId: number,
  ): Promise<SignOffPlan> {
    const weekEnd = addDaysIso(weekStart, 6);
    const row = await loadLog(trx, workerId, weekStart);
    if (!row) throw new AppError('conflict', 'This week is a draft.');
    const problem = weekStatusProblem('approve', row.status);
    if (problem) throw new AppError('conflict', `${problem}.`);
    const entries = await entriesOf(trx, workerId, weekStart);
    const signers = [...new Set(entries.map((e) => e.supervisorId))];
    // An empty week (an amendment that removed everything) is signed by a supervisor
    // assigned to the worker that week; otherwise by each supervisor of its entries.
    const assigned = await trx('supervision_assignments')
      .where({ worker_id: workerId, supervisor_id: supervisorId })
      .where('start_date', '<=', weekEnd)
      .where((w) => w.whereNull('end_date').orWhere('end_date', '>=', weekStart))
      .first('id');
    if (signers.length === 0 ? !assigned : !signers.includes(supervisorId)) {
      throw new AppError(
        'forbidden',
        signers.length === 0 || !assigned
          ? 'You were not assigned to supervise this worker during this week, so you cannot sign it.'
          : 'None of the hours in this week are under your supervision, so you cannot sign it.',
      );
    }
    const version = Number(row.signing_version ?? 0) || (await nextVersion(trx, row.id));
    const already = await trx('week_signatures')
      .where({ weekly_log_id: row.id, version, supervisor_id: supervisorId })
      .first('id');
    if (already)
      throw new AppError('conflict', 'You have already signed this version of the week.');
    const previousRow = (await trx('week_signatures')
      .where({ weekly_log_id: row.id, supervisor_id: supervisorId })
      .where('version', '<', version)
      .whereNotNull('signature')
      .orderBy('version', 'desc')
      .first('version', 'signature')) as { version: number; signature: string } | undefined;
    return {
      row,
      workerId,
      weekStart,
      supervisorId,
      version,
      signers,
      previous: previousRow
        ? { version: Number(previousRow.version), signature: previousRow.signature }
        : null,
    };
  }

  /**
   * Stores one supervisor's signature of a week (made at the workstation, or on their own
   * computer and brought in by a decision file) and approves the week once every supervisor of
   * its entries has signed; with its audit row, in the caller's transaction.
   */
  async function recordSignOff(
    trx: Knex.Transaction,
    plan: SignOffPlan,
    by: {
      signerUserId: number;
      document: WeekDocument;
      signed: { json: string; signature: string; fingerprint: string };
      /** Where the signature was made, when not at the workstation. */
      note?: string;
    },
  ): Promise<void> {
    const { row, workerId, weekStart, supervisorId, version, signers } = plan;
    const { document, signed } = by;
    const now = nowIso();
    const mine = (await entriesOf(trx, workerId, weekStart)).filter(
      (e) => e.supervisorId === supervisorId,
    );
    const canonical = canonicalEntries(mine);
    await trx('week_signatures').insert({
      weekly_log_id: row.id,
      version,
      signer_user_id: by.signerUserId,
      supervisor_id: supervisorId,
      signer_name: document.supervisor.name,
      signed_at: document.signedAt,
      entries_hash: sha256Hex(canonical),
      entries_json: canonical,
      document_json: signed.json,
      signature: signed.signature,
      key_fingerprint: signed.fingerprint,
    });
    const signedBy = new Set(
      (
        (await trx('week_signatures')
          .where({ weekly_log_id: row.id, version })
          .select('supervisor_id')) as { supervisor_id: number }[]
      ).map((r) => Number(r.supervisor_id)),
    );
    const waitingFor = signers.filter((id) => !signedBy.has(id));
    if (waitingFor.length === 0) {
      // Every supervisor has signed: the week is approved, with no return outstanding.
      await trx('weekly_logs').where({ id: row.id }).update({
        status: 'approved',
        version,
        signing_version: null,
        returned_at: null,
        returned_by: null,
        return_comment: null,
        updated_at: now,
      });
    } else {
      await trx('weekly_logs')
        .where({ id: row.id })
        .update({ signing_version: version, updated_at: now });
    }
    await appendAudit(
      trx,
      'approve',
      row.id,
      workerId,
      weekStart,
      logged(row.status, Number(row.version)),
      logged(waitingFor.length === 0 ? 'approved' : 'submitted', version, {
        hash: sha256Hex(canonical),
        entries: JSON.parse(canonical) as unknown,
        signature: signed.signature,
        fingerprint: signed.fingerprint,
        waitingFor,
      }),
      `${version > 1 ? `amendment version ${version}` : 'version 1'} signed by ${document.supervisor.name}${by.note ? ` ${by.note}` : ''}${waitingFor.length ? `; waiting for ${waitingFor.length} more supervisor(s)` : ''}`,
    );
  }

  /** Sends a submitted week back with a comment (a returned amendment stays an amendment). */
  async function recordReturn(
    trx: Knex.Transaction,
    row: LogRow,
    userId: number,
    comment: string,
    note?: string,
  ): Promise<void> {
    const status = nextWeekStatus('return', await hasSignatures(trx, row.id));
    const now = nowIso();
    await trx('weekly_logs').where({ id: row.id }).update({
      status,
      returned_at: now,
      returned_by: userId,
      return_comment: comment,
      updated_at: now,
    });
    await appendAudit(
      trx,
      'return',
      row.id,
      Number(row.worker_id),
      row.week_start,
      logged(row.status, Number(row.version)),
      logged(status, Number(row.version), { comment }),
      note,
    );
  }

  return {
    signOffPlan,
    recordSignOff,
    recordReturn,
    /** The week as the review screens show it, read in the caller's transaction. */
    view,

    /** A worker's week with its status and every signature; a look at their record, so audited. */
    async get(workerId: number, anyDay: IsoDate): Promise<WeeklyLog> {
      const weekStart = weekStartOf(anyDay);
      await mustFindWorker(db, workerId);
      const result = await view(db, workerId, weekStart);
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'view',
          entity: 'weekly_logs',
          subjectType: 'worker',
          subjectId: workerId,
          detail: `week of ${weekStart}`,
        }),
      );
      return result;
    },

    /** The weeks of a worker that left draft, newest first (optionally between two dates). */
    async list(workerId: number, from?: IsoDate, to?: IsoDate): Promise<WeekListItem[]> {
      await mustFindWorker(db, workerId);
      const q = db('weekly_logs').where({ worker_id: workerId }).orderBy('week_start', 'desc');
      if (from) q.where('week_start', '>=', weekStartOf(from));
      if (to) q.where('week_start', '<=', to);
      return ((await q) as LogRow[]).map((r) => ({
        weekStart: r.week_start,
        status: r.status,
        version: Number(r.version),
        submittedAt: r.submitted_at,
      }));
    },

    /** Submitted weeks the caller may decide on, the longest waiting first. */
    async queue(user: SessionUser): Promise<ReviewQueueItem[]> {
      const visible = await deps.scope.visibleWorkerIds(user);
      const q = db('weekly_logs as l')
        .join('workers as w', 'w.id', 'l.worker_id')
        .leftJoin('users as u', 'u.id', 'l.submitted_by')
        .where('l.status', 'submitted')
        .orderBy([{ column: 'l.submitted_at' }, { column: 'l.id' }])
        .select(
          'l.*',
          'w.first_name',
          'w.last_name',
          db.ref('u.display_name').as('submitted_by_name'),
        );
      if (visible !== 'all') q.whereIn('l.worker_id', visible);
      const rows = (await q) as (LogRow & {
        first_name: string;
        last_name: string;
        submitted_by_name: string | null;
      })[];
      const now = clock.now().getTime();
      return Promise.all(
        rows.map(async (r) => {
          const entries = await entriesOf(db, Number(r.worker_id), r.week_start);
          const submittedAt = r.submitted_at ?? nowIso();
          return {
            workerId: Number(r.worker_id),
            workerName: `${r.first_name} ${r.last_name}`,
            weekStart: r.week_start,
            submittedAt,
            submittedByName: r.submitted_by_name,
            totalMinutes: entries.reduce((s, e) => s + e.minutes, 0),
            entryCount: entries.length,
            daysWaiting: Math.max(0, Math.floor((now - new Date(submittedAt).getTime()) / DAY_MS)),
            isAmendment: await hasSignatures(db, Number(r.id)),
            amendmentReason: r.amendment_reason,
            returnComment: r.return_comment,
          };
        }),
      );
    },

    /**
     * Sends a week for review (draft or returned), or an amendment for re-approval. The week
     * must have begun; a first submission needs at least one entry, while an amendment may
     * empty a week (hours logged in the wrong week).
     */
    async submit(user: SessionUser, workerId: number, anyDay: IsoDate): Promise<WeeklyLog> {
      const weekStart = weekStartOf(anyDay);
      return db.transaction(async (trx) => {
        await mustFindWorker(trx, workerId);
        const row = await loadLog(trx, workerId, weekStart);
        assertAllowed(user, 'submit', row?.status ?? 'draft');
        if (weekStart > toIsoDate(clock.now())) {
          throw validationError({
            weekStart: 'This week has not started yet; submit it once it has begun',
          });
        }
        const signedBefore = await hasSignatures(trx, row?.id);
        const entries = await entriesOf(trx, workerId, weekStart);
        if (!signedBefore && entries.length === 0) {
          throw validationError({
            weekStart: 'Nothing is logged in this week; log hours before submitting it',
          });
        }
        const now = nowIso();
        const fields = {
          status: 'submitted' as const,
          submitted_at: now,
          submitted_by: user.id,
          // The version this round of sign-offs makes; a round cut short by a return is skipped.
          signing_version: row ? await nextVersion(trx, row.id) : 1,
          updated_at: now,
        };
        let logId: number;
        if (row) {
          await trx('weekly_logs').where({ id: row.id }).update(fields);
          logId = row.id;
        } else {
          const id = insertedId(
            await trx('weekly_logs')
              .insert({
                worker_id: workerId,
                week_start: weekStart,
                version: 1,
                created_at: now,
                ...fields,
              })
              .returning('id'),
          );
          logId = Number(id);
        }
        const version = row ? Number(row.version) : 1;
        await appendAudit(
          trx,
          'submit',
          logId,
          workerId,
          weekStart,
          logged(row?.status ?? 'draft', version),
          logged('submitted', version, { hash: entriesHash(entries), entries: entries.length }),
          signedBefore ? 'amendment submitted for approval' : undefined,
        );
        return view(trx, workerId, weekStart);
      });
    },

    /** Sends a submitted week back with a comment; a returned amendment stays an amendment. */
    async returnWeek(
      user: SessionUser,
      workerId: number,
      anyDay: IsoDate,
      comment: string,
    ): Promise<WeeklyLog> {
      const weekStart = weekStartOf(anyDay);
      await assertTheirWeek(user, workerId, weekStart, 'weeks.return');
      return db.transaction(async (trx) => {
        await mustFindWorker(trx, workerId);
        const row = await loadLog(trx, workerId, weekStart);
        assertAllowed(user, 'return', row?.status ?? 'draft');
        // Checked again in the writing transaction: the entries may have changed since.
        const why =
          user.role === 'supervisor'
            ? await notTheirWeek(trx, user.supervisorId, workerId, weekStart)
            : null;
        if (why) throw new AppError('forbidden', why);
        if (!row) throw new AppError('conflict', 'This week is a draft.');
        await recordReturn(trx, row, user.id, comment);
        return view(trx, workerId, weekStart);
      });
    },

    /**
     * Signs a submitted week: the supervisor re-enters their password (a wrong one counts toward
     * lockout), which also opens their signing key; the canonical document of their entries in
     * the week is signed with it and stored with the signature. A week with hours under several
     * supervisors is approved (frozen) once each of them has signed their own entries.
     */
    async approve(
      user: SessionUser,
      workerId: number,
      anyDay: IsoDate,
      password: string,
      seen?: SeenWeek,
    ): Promise<WeeklyLog> {
      const weekStart = weekStartOf(anyDay);
      await assertTheirWeek(user, workerId, weekStart, 'weeks.approve');
      return deps.accounts.withPasswordConfirmation(async (trx, confirm) => {
        const supervisorId = user.supervisorId;
        if (user.role !== 'supervisor' || supervisorId === null) {
          throw new AppError('forbidden', 'Only a supervisor can sign a week.');
        }
        await mustFindWorker(trx, workerId);
        const row = await loadLog(trx, workerId, weekStart);
        assertAllowed(user, 'approve', row?.status ?? 'draft');
        if (seen) {
          // Another workstation (or the worker) may have changed the week while it was read.
          const changes = weekChangesSince(seen, {
            submittedAt: row?.submitted_at ?? null,
            entries: await entriesOf(trx, workerId, weekStart),
          });
          if (changes.length)
            throw new AppError(
              'conflict',
              `This week changed since you opened it: ${changes.join('; ')}. Read it again before signing.`,
            );
        }
        const plan = await signOffPlan(trx, workerId, weekStart, supervisorId);
        const signing = await confirm(password);
        if (!signing) throw new AppError('conflict', 'Your account has no signing key.');
        const document = await deps.signatures.documentOf(trx, {
          workerId,
          weekStart,
          supervisorId,
          version: plan.version,
          signedAt: nowIso(),
          previous: plan.previous,
        });
        await recordSignOff(trx, plan, {
          signerUserId: user.id,
          document,
          signed: deps.signatures.sign(document, signing),
        });
        return view(trx, workerId, weekStart);
      });
    },

    /** Reopens an approved week for changes; its signatures stay, the next approval adds one. */
    async startAmendment(
      user: SessionUser,
      workerId: number,
      anyDay: IsoDate,
      reason: string,
    ): Promise<WeeklyLog> {
      const weekStart = weekStartOf(anyDay);
      return db.transaction(async (trx) => {
        await mustFindWorker(trx, workerId);
        const row = await loadLog(trx, workerId, weekStart);
        assertAllowed(user, 'startAmendment', row?.status ?? 'draft');
        if (!row) throw new AppError('conflict', 'This week is a draft.');
        await trx('weekly_logs').where({ id: row.id }).update({
          status: 'amending',
          amendment_reason: reason,
          returned_at: null,
          returned_by: null,
          return_comment: null,
          updated_at: nowIso(),
        });
        await appendAudit(
          trx,
          'amend',
          row.id,
          workerId,
          weekStart,
          logged('approved', Number(row.version)),
          logged('amending', Number(row.version), { reason }),
          reason,
        );
        return view(trx, workerId, weekStart);
      });
    },

    /** Every sign-off of a worker's week, oldest first (for reports and their signature stamps). */
    async signaturesOf(workerId: number, anyDay: IsoDate): Promise<WeekSignature[]> {
      const row = await loadLog(db, workerId, weekStartOf(anyDay));
      return row ? signaturesOfLog(db, row.id) : [];
    },
  };
}

export type WeeksService = ReturnType<typeof makeWeeksService>;
