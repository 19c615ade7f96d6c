import type { Knex } from 'knex';
import type { Q } from '../query.js';
import { insertedId } from '../dialect/index.js';

/**
 * `reviewer_enrolments`: a supervisor's own computer, enrolled by the owner from its enrolment
 * request (issue 20). The signing key is also recorded in signing_keys, where every existing
 * signature check finds it; the box key is what packets are sealed to. One active enrolment per
 * supervisor: enrolling another computer revokes the earlier one.
 */
export type ReviewerEnrolmentRow = {
  id: number;
  supervisor_id: number;
  reviewer_id: string;
  name: string;
  email: string | null;
  signing_public_key: string;
  box_public_key: string;
  fingerprint: string;
  enrolled_at: string;
  enrolled_by: number | null;
  revoked_at: string | null;
};

export const activeEnrolmentOf = async (
  q: Q,
  supervisorId: number,
): Promise<ReviewerEnrolmentRow | undefined> =>
  (await q('reviewer_enrolments')
    .where({ supervisor_id: supervisorId })
    .whereNull('revoked_at')
    .orderBy('id', 'desc')
    .first()) as ReviewerEnrolmentRow | undefined;

/** Every enrolment of a reviewer profile, newest first (revoked ones too). */
export const enrolmentsOfReviewer = async (
  q: Q,
  reviewerId: string,
): Promise<ReviewerEnrolmentRow[]> =>
  (await q('reviewer_enrolments')
    .where({ reviewer_id: reviewerId })
    .orderBy('id', 'desc')) as ReviewerEnrolmentRow[];

export const allEnrolments = async (q: Q): Promise<ReviewerEnrolmentRow[]> =>
  (await q('reviewer_enrolments').orderBy('id')) as ReviewerEnrolmentRow[];

/** Revokes the supervisor's active enrolments; answers the ids revoked. */
export async function revokeEnrolments(
  trx: Knex.Transaction,
  supervisorId: number,
  at: string,
): Promise<number[]> {
  const ids = (
    (await trx('reviewer_enrolments')
      .where({ supervisor_id: supervisorId })
      .whereNull('revoked_at')
      .select('id')) as { id: number }[]
  ).map((r) => Number(r.id));
  if (ids.length) await trx('reviewer_enrolments').whereIn('id', ids).update({ revoked_at: at });
  return ids;
}

export async function insertEnrolment(
  trx: Knex.Transaction,
  row: Omit<ReviewerEnrolmentRow, 'id' | 'revoked_at'>,
): Promise<number> {
  const id = insertedId(
    await trx('reviewer_enrolments')
      .insert({ ...row, revoked_at: null })
      .returning('id'),
  );
  return Number(id);
}
