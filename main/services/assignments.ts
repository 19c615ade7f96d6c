import type { Knex } from 'knex';
import type { ApiParsed } from '../../shared/api/contract.js';
import { notFound, validationError, type FieldErrors } from '../../shared/errors.js';
import {
  assignmentFromRow,
  uncoveredEntryCount,
  type AssignmentRow,
} from '../db/tables/assignments.js';
import { outsideEmployment } from '../../shared/domain/hour-rules.js';
import type { Assignment } from '../../shared/domain/records.js';
import type { CorePorts } from './ports.js';
import { missingReferences } from './references.js';
import { insertedId } from '../db/dialect/index.js';

type AssignmentInput = ApiParsed<'assignments.create'>;

/** Who supervises whom, where, and when: hour entries are checked against these spans. */
export function makeAssignmentsService({ db, clock, audit }: CorePorts) {
  const toRow = (i: AssignmentInput) => ({
    worker_id: i.workerId,
    supervisor_id: i.supervisorId,
    site_id: i.siteId,
    start_date: i.startDate,
    end_date: i.endDate,
    agreement_signed_on: i.agreementSignedOn,
  });

  async function check(trx: Knex.Transaction, i: AssignmentInput): Promise<void> {
    const fields = await missingReferences(trx, {
      workerId: i.workerId,
      supervisorId: i.supervisorId,
      siteId: i.siteId,
    });
    if (i.endDate !== null && i.endDate < i.startDate) {
      fields.endDate = 'The end date is before the start date';
    }
    if (!fields.workerId) {
      for (const [k, v] of Object.entries(await outsideEmploymentOf(trx, i))) fields[k] ??= v;
    }
    if (Object.keys(fields).length) throw validationError(fields);
  }

  /**
   * Supervision happens while the worker works here: the span starts within their employment
   * and, once they have left, ends by their end date (an open span ends with the employment).
   */
  async function outsideEmploymentOf(trx: Knex.Transaction, i: AssignmentInput) {
    const w = await trx('workers').where({ id: i.workerId }).first('start_date', 'end_date');
    if (!w) return {};
    const employment = { startDate: w.start_date, endDate: w.end_date ?? null };
    const fields: FieldErrors = {};
    const start = outsideEmployment(employment, i.startDate);
    if (start) fields.startDate = start;
    const end = i.endDate === null ? null : outsideEmployment(employment, i.endDate);
    if (end && !start) fields.endDate = end;
    return fields;
  }

  /** Entries must stay covered by a span, or the hour rules would no longer hold for them. */
  async function assertEntriesStillCovered(trx: Knex.Transaction, i: AssignmentInput) {
    const n = await uncoveredEntryCount(trx, i.workerId);
    if (n > 0) {
      throw validationError({
        startDate: `${n} logged ${n === 1 ? 'entry falls' : 'entries fall'} outside the new dates`,
      });
    }
  }

  /** A row just written or about to be rewritten in this transaction. */
  async function byId(trx: Knex.Transaction, id: number): Promise<AssignmentRow> {
    const row = await trx('supervision_assignments').where({ id }).first();
    if (!row) throw notFound('Assignment');
    return row;
  }

  return {
    async list(workerId?: number): Promise<Assignment[]> {
      const q = db('supervision_assignments')
        .select('*')
        .orderBy([
          { column: 'start_date', order: 'desc' },
          { column: 'id', order: 'desc' },
        ]);
      if (workerId === undefined) return (await q).map(assignmentFromRow);
      q.where({ worker_id: workerId });
      const rows = (await q).map(assignmentFromRow);
      // One worker's supervision history is part of their record: the trail says who looked.
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'view',
          entity: 'supervision_assignments',
          subjectType: 'worker',
          subjectId: workerId,
        }),
      );
      return rows;
    },

    async create(i: AssignmentInput): Promise<Assignment> {
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        await check(trx, i);
        const id = insertedId(
          await trx('supervision_assignments')
            .insert({
              ...toRow(i),
              created_at: now,
              updated_at: now,
            })
            .returning('id'),
        );
        const after = assignmentFromRow(await byId(trx, Number(id)));
        await audit.append(trx, {
          action: 'create',
          entity: 'supervision_assignments',
          entityId: after.id,
          subjectType: 'worker',
          subjectId: after.workerId,
          after,
        });
        return after;
      });
    },

    async update(id: number, i: AssignmentInput): Promise<Assignment> {
      const now = clock.now().toISOString();
      return db.transaction(async (trx) => {
        const before = await trx('supervision_assignments').where({ id }).first();
        if (!before) throw notFound('Assignment');
        await check(trx, i);
        await trx('supervision_assignments')
          .where({ id })
          .update({ ...toRow(i), updated_at: now });
        await assertEntriesStillCovered(trx, i);
        if (Number(before.worker_id) !== i.workerId) {
          await assertEntriesStillCovered(trx, { ...i, workerId: Number(before.worker_id) });
        }
        const after = assignmentFromRow(await byId(trx, Number(id)));
        await audit.append(trx, {
          action: 'update',
          entity: 'supervision_assignments',
          entityId: id,
          subjectType: 'worker',
          subjectId: after.workerId,
          before: assignmentFromRow(before),
          after,
        });
        return after;
      });
    },
  };
}

export type AssignmentsService = ReturnType<typeof makeAssignmentsService>;
