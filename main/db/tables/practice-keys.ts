import { keyShareSchema, type KeyShare } from '../../platform/key-slots.js';
import type { Q } from '../query.js';

/** The one row of practice_keys: the practice's key slots as its server shares them. */
const ROW_ID = 1;

export async function readKeyShare(q: Q): Promise<KeyShare | null> {
  const row = (await q('practice_keys').where({ id: ROW_ID }).first('share_json')) as
    { share_json: string } | undefined;
  if (!row) return null;
  const parsed = keyShareSchema.safeParse(JSON.parse(row.share_json));
  return parsed.success ? parsed.data : null;
}

/**
 * Writes `share`: a workstation publishes its key slots right after changing them, having read
 * the server's at its last sign-in, so the latest write is the practice's state.
 */
export async function writeKeyShare(q: Q, share: KeyShare): Promise<void> {
  await q('practice_keys')
    .insert({
      id: ROW_ID,
      practice_id: share.practiceId,
      updated_at: share.updatedAt,
      share_json: JSON.stringify(share),
    })
    .onConflict('id')
    .merge();
}
