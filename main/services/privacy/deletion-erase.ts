import type { Knex } from 'knex';
import type { DeletionPlan } from '../../../shared/domain/privacy/deletion-plan.js';
import type { GatheredPerson } from './deletion-facts.js';
import { detachHourEntriesFromSessions } from '../../db/tables/hour-entries.js';
import { PERSON_TABLES } from '../../db/tables/person-tables.js';
import { forgetWorkerInPackets } from '../../db/tables/review-packets.js';

/** The label that replaces a deleted person wherever another record names who acted. */
export const DELETED_PERSON = 'Deleted person';

const CHUNK = 500;

async function inChunks(ids: readonly number[], run: (part: number[]) => Promise<unknown>) {
  for (let i = 0; i < ids.length; i += CHUNK) await run(ids.slice(i, i + CHUNK));
}

/** Removes foreign-key dependants before what they point at: the order of PERSON_TABLES. */
const TABLE_ORDER = PERSON_TABLES.map((t) => t.table);

/** Which planned rows go now, by table (a table may be listed by several groups). */
function rowsToDelete(g: GatheredPerson, plan: DeletionPlan): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const d of plan.decisions) {
    if (d.disposition !== 'delete') continue;
    for (const set of g.rows.get(d.id) ?? []) {
      out.set(set.table, [...(out.get(set.table) ?? []), ...set.ids]);
    }
  }
  return out;
}

/**
 * Deletes what the plan lets go, really (DELETE, not a flag), and unlinks the person's account
 * from other people's records when the account goes. Runs inside the caller's transaction.
 */
export async function eraseRows(
  trx: Knex.Transaction,
  g: GatheredPerson,
  plan: DeletionPlan,
  /** Register rows that record this very deletion: kept (anonymised) whatever the rules say. */
  spareRequests: readonly number[] = [],
): Promise<void> {
  const doomed = rowsToDelete(g, plan);
  doomed.set(
    'privacy_requests',
    (doomed.get('privacy_requests') ?? []).filter((id) => !spareRequests.includes(id)),
  );
  const { personId } = g.person;

  for (const table of TABLE_ORDER) {
    const ids = doomed.get(table) ?? [];
    if (ids.length === 0) continue;
    if (table === 'users') {
      await unlinkAccount(trx, ids);
    }
    await inChunks(ids, async (part) => {
      switch (table) {
        case 'supervision_session_attendees':
          // A worker's attendance rows are named by session id.
          return trx(table).where({ worker_id: personId }).whereIn('session_id', part).delete();
        case 'survey_participants':
          // Participants are named by account; a person without one has none.
          if (g.userId === null) return;
          return trx(table).where({ user_id: g.userId }).whereIn('survey_id', part).delete();
        case 'supervision_sessions':
          // The attendees' hour entries are theirs: they stay, no longer tied to the session.
          await detachHourEntriesFromSessions(trx, part);
          await trx('supervision_session_attendees').whereIn('session_id', part).delete();
          return trx(table).whereIn('id', part).delete();
        default:
          return trx(table).whereIn('id', part).delete();
      }
    });
  }

  // Review packets (issue 20) keep the documents of the weeks they held: an erased worker's go.
  if (g.person.personType === 'worker' && (doomed.get('weekly_logs') ?? []).length > 0)
    await forgetWorkerInPackets(trx, personId);

  const account = plan.decisions.find((d) => d.category === 'account');
  if (account?.disposition === 'keep' && g.userId !== null) {
    // Kept only because kept records point at it: nobody signs in with it any more.
    await trx('users').where({ id: g.userId }).update({ disabled: true });
  }
}

/** Other people's records that name the account as who acted lose that link, not their rows. */
async function unlinkAccount(trx: Knex.Transaction, userIds: number[]): Promise<void> {
  await trx('weekly_logs').whereIn('submitted_by', userIds).update({ submitted_by: null });
  await trx('weekly_logs').whereIn('returned_by', userIds).update({ returned_by: null });
  for (const col of ['requested_by_user_id', 'identity_verified_by_user_id', 'decided_by_user_id'])
    await trx('privacy_requests')
      .whereIn(col, userIds)
      .update({ [col]: null });
  await trx('consents')
    .whereIn('recorded_by_user_id', userIds)
    .update({ recorded_by_user_id: null });
  await trx('disclosures')
    .whereIn('made_by_user_id', userIds)
    .update({ made_by_user_id: null, made_by: DELETED_PERSON });
  await trx('notice_acknowledgements').whereIn('user_id', userIds).delete();
  await trx('survey_participants').whereIn('user_id', userIds).delete();
}
