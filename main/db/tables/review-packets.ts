import type { Knex } from 'knex';
import type { Q } from '../query.js';
import type { WeekDocument } from '../../../shared/domain/week-document.js';
import { insertedId } from '../dialect/index.js';

/**
 * `review_packets`: every review packet exported (issue 20): for whom, until when, the weeks it
 * held with their documents as exported (so an import can name what changed since), and the
 * decision file that closed it (a second one is a replay).
 */
export type ReviewPacketRow = {
  id: number;
  packet_id: string;
  supervisor_id: number;
  reviewer_id: string;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  weeks_json: string;
  imported_at: string | null;
  decision_id: string | null;
};

/** One week of a packet, as the practice keeps it. */
export interface PacketWeekRecord {
  workerId: number;
  weekStart: string;
  version: number;
  /** SHA-256 (hex) of the canonical document with signedAt empty. */
  contentHash: string;
  document: WeekDocument;
}

export const packetWeeks = (row: ReviewPacketRow): PacketWeekRecord[] =>
  JSON.parse(row.weeks_json) as PacketWeekRecord[];

export const findPacket = async (q: Q, packetId: string): Promise<ReviewPacketRow | undefined> =>
  (await q('review_packets').where({ packet_id: packetId }).first()) as ReviewPacketRow | undefined;

export const packetWithDecision = async (
  q: Q,
  decisionId: string,
): Promise<ReviewPacketRow | undefined> =>
  (await q('review_packets').where({ decision_id: decisionId }).first()) as
    ReviewPacketRow | undefined;

export async function insertPacket(
  trx: Knex.Transaction,
  row: Omit<ReviewPacketRow, 'id' | 'imported_at' | 'decision_id' | 'weeks_json'> & {
    weeks: PacketWeekRecord[];
  },
): Promise<number> {
  const { weeks, ...rest } = row;
  const id = insertedId(
    await trx('review_packets')
      .insert({
        ...rest,
        weeks_json: JSON.stringify(weeks),
        imported_at: null,
        decision_id: null,
      })
      .returning('id'),
  );
  return Number(id);
}

/** Closes a packet with its decision file; false when another import closed it first. */
export async function markImported(
  trx: Knex.Transaction,
  packetId: string,
  decisionId: string,
  at: string,
): Promise<boolean> {
  const n = await trx('review_packets')
    .where({ packet_id: packetId })
    .whereNull('imported_at')
    .update({ imported_at: at, decision_id: decisionId });
  return Number(n) === 1;
}

/**
 * An erased worker's weeks leave every packet record (the documents name them and their hours):
 * the packet keeps its other weeks, and a decision on the erased worker's week is then refused
 * as not in the packet.
 */
export async function forgetWorkerInPackets(
  trx: Knex.Transaction,
  workerId: number,
): Promise<number> {
  const rows = (await trx('review_packets').select('id', 'weeks_json')) as Pick<
    ReviewPacketRow,
    'id' | 'weeks_json'
  >[];
  let changed = 0;
  for (const row of rows) {
    const weeks = JSON.parse(row.weeks_json) as PacketWeekRecord[];
    const kept = weeks.filter((w) => w.workerId !== workerId);
    if (kept.length === weeks.length) continue;
    await trx('review_packets')
      .where({ id: row.id })
      .update({ weeks_json: JSON.stringify(kept) });
    changed += 1;
  }
  return changed;
}
