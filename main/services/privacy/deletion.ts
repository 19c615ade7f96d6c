import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { foldLog } from '../fold-log.js';
import { AppError, validationError } from '../../../shared/errors.js';
import { toIsoDate, type IsoDate } from '../../../shared/domain/dates.js';
import {
  describePlan,
  planDeletion,
  type DeletionOutcome,
  type DeletionPlan,
  type DeletionPreview,
  type DeletionResult,
  type RunDueResult,
  type ScheduledDeletionView,
} from '../../../shared/domain/privacy/deletion-plan.js';
import type { PersonKey, PersonType } from '../../../shared/domain/privacy/people.js';
import type { Accounts } from '../accounts.js';
import type { BackupService } from '../backup/backups.js';
import type { CorePorts } from '../ports.js';
import type { SessionUser } from '../session.js';
import type { Vault } from '../vault.js';
import { gatherPerson, type GatheredPerson } from './deletion-facts.js';
import { eraseRows } from './deletion-erase.js';
import {
  makeMentionScans,
  redactAudit,
  sealLinkedRedactions,
  startMentionScan,
  type MentionScan,
} from './deletion-redact.js';
import type { AuditRedaction } from '../../db/tables/audit-log.js';
import type { RetentionRulesService } from './retention-rules.js';

type Row = Record<string, unknown>;

export interface DeletionDeps {
  /** The owner re-enters their password, like a sign-off (wrong ones count toward lockout). */
  accounts: Pick<Accounts, 'withPasswordConfirmation'>;
  /** The backup expiry schedule, for the day the person is gone from every backup. */
  backups: Pick<BackupService, 'list'>;
  rules: RetentionRulesService;
  /**
   * The key slots: an erased account's slot (its username, password wrapping and signing key)
   * goes with it. On a server the slots are shared in the database (practice_keys), so a slot
   * left behind would leave the erased person's name there.
   */
  slots: Pick<Vault, 'removeUser'>;
}

const newRef = () => `P-${randomBytes(5).toString('hex').toUpperCase()}`;

const STATUS_OF = { complete: 'completed', partial: 'partial', refused: 'declined' } as const;

/**
 * Deletion of a person under the retention rules: what no rule keeps is deleted now (rows
 * removed, audit rows about them redacted, a tombstone written), what a rule keeps is scheduled
 * for the day the rule lapses, and the requests register is told the outcome.
 */
export function makeDeletionService({ db, clock, audit }: CorePorts, deps: DeletionDeps) {
  const today = () => toIsoDate(clock.now());
  const scans = makeMentionScans(db);

  /**
   * secure_delete has zeroed the deleted content in the database's pages; the write-ahead log
   * still holds the pages as they were before, so it is folded in and emptied at once.
   */
  async function leaveNoTrace(): Promise<void> {
    await foldLog(db);
  }

  /** The erased person's account id when this pass deleted the account itself, else null. */
  async function erasedAccount(trx: Knex.Transaction, g: GatheredPerson): Promise<number | null> {
    if (g.userId === null) return null;
    const still = await trx('users').where({ id: g.userId }).first('id');
    return still ? null : g.userId;
  }

  async function goneFromBackupsBy(): Promise<IsoDate> {
    const list = await deps.backups.list();
    return toIsoDate(new Date(list.goneFromBackupsBy));
  }

  async function planIn(
    trx: Knex.Transaction,
    person: PersonKey,
    on: IsoDate,
    options: { profileGone?: 'allowed' } = {},
  ): Promise<{ g: GatheredPerson; plan: DeletionPlan }> {
    const rules = await deps.rules.rulesIn(trx);
    const g = await gatherPerson(trx, person, on, options);
    return { g, plan: planDeletion(g.facts, rules, on) };
  }

  /** The plan and, unless nothing may go, the linked audit rows' redactions: reads only. */
  async function prepare(trx: Knex.Transaction, person: PersonKey, on: IsoDate) {
    const { g, plan } = await planIn(trx, person, on);
    const linked = plan.verdict === 'refused' ? [] : await sealLinkedRedactions(trx, audit, g);
    return { g, plan, linked };
  }

  async function checkRequest(trx: Knex.Transaction, requestId: number, person: PersonKey) {
    const row = await trx('privacy_requests').where({ id: requestId }).first();
    if (!row) throw validationError({ requestId: 'There is no such request' });
    if (row.kind !== 'deletion')
      throw validationError({ requestId: 'This is not a deletion request' });
    if (row.status !== 'open')
      throw validationError({ requestId: 'This request is already decided' });
    if (row.person_type !== person.personType || Number(row.person_id) !== person.personId)
      throw validationError({ requestId: 'This request is about someone else' });
  }

  /** The reference the person already has (from an earlier part of their deletion), or a new one. */
  async function refFor(trx: Knex.Transaction, person: PersonKey, requestId: number | null) {
    const scheduled = (await trx('scheduled_deletions')
      .where({ person_type: person.personType, person_id: person.personId })
      .whereNotNull('person_ref')
      .first('person_ref')) as Row | undefined;
    if (scheduled) return String(scheduled.person_ref);
    if (requestId !== null) {
      const req = (await trx('privacy_requests').where({ id: requestId }).first('person_ref')) as
        Row | undefined;
      if (req?.person_ref) return String(req.person_ref);
    }
    return newRef();
  }

  /** Clears who a kept register row is about, and what in it could name them. */
  async function anonymiseRequests(
    trx: Knex.Transaction,
    g: GatheredPerson,
    plan: DeletionPlan,
    ref: string,
    spare: readonly number[],
  ) {
    const keep = plan.decisions.filter((d) => d.disposition === 'anonymise');
    const planned = keep.flatMap((d) => g.rows.get(d.id)?.flatMap((s) => s.ids) ?? []);
    const ids = [...new Set([...planned, ...spare])];
    for (const id of ids) {
      const row = await trx('privacy_requests').where({ id }).first();
      if (!row) continue;
      await trx('privacy_requests')
        .where({ id })
        .update({
          person_type: null,
          person_id: null,
          requested_by_user_id: null,
          person_ref: ref,
          details_json: scrubDetails(String(row.details_json)),
          outcome_json:
            row.kind === 'deletion'
              ? row.outcome_json
              : row.outcome_json
                ? JSON.stringify({ type: 'other', redacted: true })
                : null,
          updated_at: clock.now().toISOString(),
        });
    }
  }

  /**
   * One deletion pass in the caller's transaction: erase, anonymise, redact, reschedule, tell
   * the register and leave a tombstone. Shared by the owner's deletion and the scheduled runs.
   */
  async function carryOut(
    trx: Knex.Transaction,
    g: GatheredPerson,
    plan: DeletionPlan,
    ctx: {
      ref: string;
      requestId: number | null;
      goneBy: IsoDate;
      decidedBy: number | null;
      /** startMentionScan's, begun before the transaction. */
      scan?: Promise<MentionScan | null>;
      /** The linked audit rows' redactions, sealed by `prepare`. */
      linked?: readonly AuditRedaction[];
    },
  ): Promise<DeletionResult> {
    const { personType, personId } = g.person;
    const scheduledRows = (await trx('scheduled_deletions')
      .where({ person_type: personType, person_id: personId })
      .select('request_id')) as Row[];
    const requestIds = new Set<number>(
      scheduledRows
        .map((r) => r.request_id)
        .filter((v) => v !== null && v !== undefined)
        .map(Number),
    );
    if (ctx.requestId !== null) requestIds.add(ctx.requestId);

    let redacted = 0;
    if (plan.verdict !== 'refused') {
      await anonymiseRequests(trx, g, plan, ctx.ref, [...requestIds]);
      await eraseRows(trx, g, plan, [...requestIds]);
      // Last, so the scan of the trail begun before the transaction has had the most time; the
      // audit rows are found by who the person was (g), not through the rows just deleted.
      redacted = await redactAudit(trx, audit, g, ctx.scan ?? null, ctx.linked);
    }

    await trx('scheduled_deletions')
      .where({ person_type: personType, person_id: personId })
      .delete();
    const now = clock.now().toISOString();
    for (const due of plan.scheduledFor) {
      const keys = [...new Set(plan.retained.filter((r) => r.lapsesOn === due).map((r) => r.rule))];
      await trx('scheduled_deletions').insert({
        person_type: personType,
        person_id: personId,
        due_on: due,
        rule_keys: JSON.stringify(keys),
        request_id: [...requestIds][0] ?? null,
        person_ref: ctx.ref,
        created_at: now,
      });
    }

    const decisionReason = describePlan(plan);
    for (const id of requestIds) {
      const row = await trx('privacy_requests').where({ id }).first();
      if (!row) continue;
      const earlier = row.outcome_json
        ? (JSON.parse(String(row.outcome_json)) as Partial<DeletionOutcome>)
        : {};
      const outcome: DeletionOutcome = {
        type: 'deletion',
        deletedNow: mergeLines(earlier.deletedNow ?? [], plan.deleteNow),
        retained: plan.retained.map((r) => ({
          rule: r.rule,
          label: r.label,
          ruleLabel: r.ruleLabel,
          count: r.count,
          lapsesOn: r.lapsesOn,
        })),
        scheduledFor: plan.scheduledFor,
        goneFromBackupsBy: ctx.goneBy,
        personRef: ctx.ref,
      };
      const verdict =
        plan.verdict === 'refused' && outcome.deletedNow.length > 0 ? 'partial' : plan.verdict;
      await trx('privacy_requests')
        .where({ id })
        .update({
          status: STATUS_OF[verdict],
          decided_at: row.decided_at ?? now,
          decided_by_user_id: row.decided_at ? row.decided_by_user_id : ctx.decidedBy,
          decision_reason: `${decisionReason} Gone from every backup by ${ctx.goneBy}.`,
          outcome_json: JSON.stringify(outcome),
          updated_at: now,
        });
    }

    await audit.append(trx, {
      action: 'erase',
      entity: 'person',
      detail: JSON.stringify({
        personRef: ctx.ref,
        personType,
        verdict: plan.verdict,
        deleted: Object.fromEntries(plan.deleteNow.map((l) => [l.category, l.count])),
        retained: plan.retained.map((r) => ({
          rule: r.rule,
          category: r.category,
          count: r.count,
          lapsesOn: r.lapsesOn,
        })),
        scheduledFor: plan.scheduledFor,
        redactedAuditRows: redacted,
      }),
    });

    return {
      personRef: ctx.ref,
      verdict: plan.verdict,
      deleteNow: plan.deleteNow,
      retained: plan.retained,
      anonymised: plan.anonymised,
      scheduledFor: plan.scheduledFor,
      goneFromBackupsBy: ctx.goneBy,
      requestId: ctx.requestId,
      redactedAuditRows: redacted,
      decisionReason,
    };
  }

  return {
    /** Read-only: what a deletion today would remove and keep. */
    async planDeletion(person: PersonKey): Promise<DeletionPreview> {
      const goneBy = await goneFromBackupsBy();
      const preview = await db.transaction(async (trx) => {
        const { g, plan } = await planIn(trx, person, today());
        const { decisions: _omit, ...view } = plan;
        void _omit;
        return {
          ...view,
          person: { ...person, name: `${g.firstName} ${g.lastName}` },
          goneFromBackupsBy: goneBy,
        };
      });
      // The owner reads the plan and types their password while the trail is searched.
      if (preview.verdict !== 'refused') scans.begin(person);
      return preview;
    },

    /** Resolves once no search of the trail begun for a plan reads any more. */
    settled: () => scans.settled(),

    async executeDeletion(
      user: SessionUser,
      person: PersonKey,
      input: { requestId?: number | null | undefined; password: string },
    ): Promise<DeletionResult> {
      if (user.role !== 'owner') throw new AppError('forbidden', 'Only the owner deletes people.');
      const goneBy = await goneFromBackupsBy();
      const requestId = input.requestId ?? null;
      let account: number | null = null;
      // The trail is searched on a reader of its own: begun when the plan was shown, or now
      // (then while the password is checked and rows deleted).
      const scan = scans.take(person);
      const result = await deps.accounts
        .withPasswordConfirmation(async (trx, confirm) => {
          // Nothing is written before the password is confirmed. What is read and sealed
          // meanwhile (the plan; the linked audit rows' redactions, 50,000 for a long-serving
          // worker) is used only once it is; a wrong password's failure still comes first.
          const [, { g, plan, linked }] = await bothSettled(
            confirm(input.password),
            prepare(trx, person, today()),
          );
          if (requestId !== null) await checkRequest(trx, requestId, person);
          const ref = await refFor(trx, person, requestId);
          const done = await carryOut(trx, g, plan, {
            ref,
            requestId,
            goneBy,
            decidedBy: user.id,
            scan,
            linked,
          });
          account = await erasedAccount(trx, g);
          return done;
        }, 'erase_failed')
        .catch((err: unknown) => {
          // Nothing was deleted: the next try (the password typed again) can use the search.
          scans.giveBack(person, scan);
          throw err;
        });
      if (account !== null) await deps.slots.removeUser(account);
      await leaveNoTrace();
      return result;
    },

    /** Carries out every scheduled deletion due on or before `on`, each person in one transaction. */
    async runDueDeletions(on: IsoDate = today()): Promise<RunDueResult> {
      const due = (await db('scheduled_deletions')
        .where('due_on', '<=', on)
        .distinct('person_type', 'person_id')) as Row[];
      if (due.length === 0) return { today: on, people: [] };
      const goneBy = await goneFromBackupsBy();
      const people: RunDueResult['people'] = [];
      for (const d of due) {
        const person = { personType: d.person_type as PersonType, personId: Number(d.person_id) };
        let account: number | null = null;
        const scan = startMentionScan(db, person);
        const result = await db.transaction(async (trx) => {
          const { g, plan } = await planIn(trx, person, on, { profileGone: 'allowed' });
          const ref = await refFor(trx, person, null);
          const done = await carryOut(trx, g, plan, {
            ref,
            requestId: null,
            goneBy,
            decidedBy: null,
            scan,
          });
          account = await erasedAccount(trx, g);
          return done;
        });
        if (account !== null) await deps.slots.removeUser(account);
        people.push({
          personRef: result.personRef,
          verdict: result.verdict,
          deleted: result.deleteNow.reduce((n, l) => n + l.count, 0),
          scheduledFor: result.scheduledFor,
        });
      }
      await leaveNoTrace();
      return { today: on, people };
    },

    async scheduled(): Promise<ScheduledDeletionView[]> {
      const rows = (await db('scheduled_deletions as s')
        .leftJoin('workers as w', function joinWorker() {
          this.on('w.id', '=', 's.person_id').andOnVal('s.person_type', '=', 'worker');
        })
        .leftJoin('supervisors as p', function joinSupervisor() {
          this.on('p.id', '=', 's.person_id').andOnVal('s.person_type', '=', 'supervisor');
        })
        .orderBy([{ column: 's.due_on' }, { column: 's.id' }])
        .select(
          's.*',
          'w.first_name as w_first',
          'w.last_name as w_last',
          'p.first_name as p_first',
          'p.last_name as p_last',
        )) as Row[];
      const rules = await deps.rules.list();
      const labelOf = (key: string) => rules.find((r) => r.key === key)?.label ?? key;
      return rows.map((r) => {
        const first = (r.w_first ?? r.p_first) as string | null;
        const last = (r.w_last ?? r.p_last) as string | null;
        return {
          id: Number(r.id),
          personType: r.person_type as PersonType,
          personId: Number(r.person_id),
          personName: first !== null && last !== null ? `${first} ${last}` : null,
          personRef: (r.person_ref as string | null) ?? null,
          dueOn: String(r.due_on),
          rules: (JSON.parse(String(r.rule_keys)) as (string | null)[])
            .filter((k): k is string => k !== null)
            .map((key) => ({ key, label: labelOf(key) })),
          requestId: r.request_id === null ? null : Number(r.request_id),
          createdAt: String(r.created_at),
        };
      });
    },
  };
}

/** Waits for both to settle; the first's failure is answered before the second's. */
async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === 'rejected') throw x.reason;
  if (y.status === 'rejected') throw y.reason;
  return [x.value, y.value];
}

function mergeLines<T extends { category: string; count: number }>(a: T[], b: T[]): T[] {
  const out = a.map((l) => ({ ...l }));
  for (const l of b) {
    const found = out.find((o) => o.category === l.category);
    if (found) found.count += l.count;
    else out.push({ ...l });
  }
  return out;
}

/** Keeps what kind of thing was asked and drops the values and notes that could name the person. */
function scrubDetails(json: string): string {
  let d: Record<string, unknown> = {};
  try {
    d = JSON.parse(json) as Record<string, unknown>;
  } catch {
    // An unreadable row keeps nothing.
  }
  if (d.target === 'profile')
    return JSON.stringify({
      target: 'profile',
      field: d.field,
      currentValue: null,
      proposedValue: null,
      note: null,
    });
  if (d.target === 'week')
    return JSON.stringify({
      target: 'week',
      weekStart: d.weekStart,
      entryId: null,
      removeEntry: Boolean(d.removeEntry),
      proposed: {},
      entryBefore: null,
      note: null,
    });
  return JSON.stringify({ target: 'none', note: null });
}

export type DeletionService = ReturnType<typeof makeDeletionService>;
