import type { Knex } from 'knex';
import type { ApiParsed } from '../../../shared/api/contract.js';
import { AppError, validationError } from '../../../shared/errors.js';
import { findHourEntry } from '../../db/tables/hour-entries.js';
import { weekStatus } from '../../db/tables/weekly-logs.js';
import type {
  EntrySnapshot,
  RequestDetails,
  RequestOutcome,
} from '../../../shared/domain/privacy/requests.js';
import { makeHoursService } from '../hours.js';
import { asProposedValueClash } from '../identity.js';
import { makePeopleService } from '../people.js';
import type { CorePorts } from '../ports.js';
import type { SessionUser } from '../session.js';
import { makeWeeksService, type WeeksDeps } from '../weeks.js';
import { currentValue, loadPerson, profileWithChange } from './request-details.js';

/**
 * Carries out an accepted correction inside the decision's transaction, through the same
 * services an edit by hand uses (so each change is checked and audited like one). The
 * services are bound to the transaction: a failure anywhere rolls the whole decision back.
 */
export function makeCorrectionApplier(ports: CorePorts, weeksDeps: WeeksDeps) {
  const bound = (trx: Knex.Transaction): CorePorts => ({ ...ports, db: trx });

  async function applyProfile(
    trx: Knex.Transaction,
    personType: 'worker' | 'supervisor',
    personId: number,
    details: Extract<RequestDetails, { target: 'profile' }>,
  ): Promise<RequestOutcome> {
    const person = await loadPerson(trx, { personType, personId });
    if (!person) throw new AppError('not_found', 'The person of this request no longer exists.');
    const before = currentValue(person, details.field);
    const input = profileWithChange(person, details.field, details.proposedValue);
    const people = makePeopleService(bound(trx));
    try {
      if (person.personType === 'worker') {
        await people.workers.update(person.record.id, input as ApiParsed<'workers.update'>);
      } else {
        await people.supervisors.update(person.record.id, input as ApiParsed<'supervisors.update'>);
      }
    } catch (err) {
      // Someone else took the email or licence since the request was filed.
      throw asProposedValueClash(err);
    }
    const after = await loadPerson(trx, { personType, personId });
    return {
      type: 'profile',
      field: details.field,
      before,
      after: after ? currentValue(after, details.field) : null,
    };
  }

  /** The worker's own account: the review rules let a worker (or the owner) reopen and submit. */
  async function workerAccount(trx: Knex.Transaction, workerId: number): Promise<SessionUser> {
    const row = (await trx('users')
      .where({ worker_id: workerId, role: 'worker' })
      .orderBy('id')
      .first('id', 'username', 'display_name')) as
      { id: number; username: string; display_name: string } | undefined;
    if (!row) {
      throw new AppError(
        'conflict',
        'This worker has no account to resubmit the amended week under; ask the owner to accept this request.',
      );
    }
    return {
      id: Number(row.id),
      username: row.username,
      displayName: row.display_name,
      role: 'worker',
      workerId,
      supervisorId: null,
    };
  }

  async function latestSignedVersion(trx: Knex.Transaction, workerId: number, weekStart: string) {
    const row = (await trx('week_signatures as s')
      .join('weekly_logs as l', 'l.id', 's.weekly_log_id')
      .where({ 'l.worker_id': workerId, 'l.week_start': weekStart })
      .max({ v: 's.version' })
      .first()) as { v: number | null } | undefined;
    return row?.v ? Number(row.v) : 0;
  }

  async function supervisorOn(
    trx: Knex.Transaction,
    workerId: number,
    siteId: number,
    date: string,
  ) {
    const row = (await trx('supervision_assignments')
      .where({ worker_id: workerId, site_id: siteId })
      .where('start_date', '<=', date)
      .where((w) => w.whereNull('end_date').orWhere('end_date', '>=', date))
      .orderBy('start_date', 'desc')
      .first('supervisor_id')) as { supervisor_id: number } | undefined;
    if (!row) {
      throw validationError({
        'week.proposed.siteId': `No supervisor was assigned to this worker at that site on ${date}`,
      });
    }
    return Number(row.supervisor_id);
  }

  /**
   * A locked week is changed the way a person would: an approved week is reopened as an
   * amendment, a submitted one is returned; the entry is changed; the week is submitted again
   * so its supervisor signs the corrected version.
   */
  async function applyWeek(
    trx: Knex.Transaction,
    decider: SessionUser,
    requestId: number,
    workerId: number,
    details: Extract<RequestDetails, { target: 'week' }>,
  ): Promise<RequestOutcome> {
    const ports2 = bound(trx);
    const weeks = makeWeeksService(ports2, weeksDeps);
    const hours = makeHoursService(ports2);
    const status0 = (await weekStatus(trx, workerId, details.weekStart)) ?? 'draft';
    const reason =
      `Correction request #${requestId}: ${details.note ?? 'change asked by the worker'}`.slice(
        0,
        2000,
      );
    // Reopening and resubmitting are the worker's steps; a supervisor deciding takes them on
    // the worker's behalf (the audit trail still names the supervisor as the one who acted).
    const actor = decider.role === 'owner' ? decider : await workerAccount(trx, workerId);
    const signedVersionBefore = await latestSignedVersion(trx, workerId, details.weekStart);
    if (status0 === 'approved')
      await weeks.startAmendment(actor, workerId, details.weekStart, reason);
    else if (status0 === 'submitted')
      await weeks.returnWeek(decider, workerId, details.weekStart, reason);

    let action: 'changed' | 'removed' | 'added';
    let entryId = details.entryId;
    let before: EntrySnapshot | null = null;
    let after: EntrySnapshot | null = null;
    if (details.entryId !== null) {
      const entry = await findHourEntry(trx, details.entryId);
      if (!entry) throw validationError({ 'week.entryId': 'The entry no longer exists' });
      before = {
        date: entry.date,
        minutes: entry.minutes,
        category: entry.category,
        siteId: entry.siteId,
        note: entry.note,
      };
      if (details.removeEntry) {
        await hours.remove(entry.id);
        action = 'removed';
      } else {
        const p = details.proposed;
        const siteId = p.siteId ?? entry.siteId;
        const date = p.date ?? entry.date;
        const supervisorId =
          siteId === entry.siteId && date === entry.date
            ? entry.supervisorId
            : await supervisorOn(trx, workerId, siteId, date);
        const updated = await hours.update(entry.id, {
          workerId,
          date,
          siteId,
          supervisorId,
          category: p.category ?? entry.category,
          minutes: p.minutes ?? entry.minutes,
          note: p.note !== undefined ? p.note : entry.note,
        });
        after = {
          date: updated.date,
          minutes: updated.minutes,
          category: updated.category,
          siteId: updated.siteId,
          note: updated.note,
        };
        action = 'changed';
      }
    } else {
      const p = details.proposed;
      if (!p.date || !p.minutes || !p.category || !p.siteId) {
        throw validationError({
          'week.proposed': 'A missing entry needs a date, minutes, category and site',
        });
      }
      const added = await hours.add({
        workerId,
        date: p.date,
        siteId: p.siteId,
        supervisorId: await supervisorOn(trx, workerId, p.siteId, p.date),
        category: p.category,
        minutes: p.minutes,
        note: p.note ?? null,
      });
      entryId = added.id;
      after = {
        date: added.date,
        minutes: added.minutes,
        category: added.category,
        siteId: added.siteId,
        note: added.note,
      };
      action = 'added';
    }
    const status = (await weekStatus(trx, workerId, details.weekStart)) ?? 'draft';
    if (status === 'amending' || status === 'returned')
      await weeks.submit(actor, workerId, details.weekStart);
    return {
      type: 'week',
      workerId,
      weekStart: details.weekStart,
      signedVersionBefore,
      action,
      entryId,
      before,
      after,
    };
  }

  return { applyProfile, applyWeek };
}
