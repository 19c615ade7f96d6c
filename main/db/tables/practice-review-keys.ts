import type { Knex } from 'knex';
import type { Q } from '../query.js';
import { insertedId } from '../dialect/index.js';

/**
 * `practice_review_keys`: the practice's own Ed25519 (signs review packets) and X25519 (receives
 * decision files) key pairs, made once at the first export. The private halves are kept only
 * here, inside the encrypted database, as PKCS#8 DER in base64.
 */
export type PracticeReviewKeysRow = {
  id: number;
  signing_public_key: string;
  signing_private_key: string;
  box_public_key: string;
  box_private_key: string;
  created_at: string;
};

export const findPracticeReviewKeys = async (q: Q): Promise<PracticeReviewKeysRow | undefined> =>
  (await q('practice_review_keys').orderBy('id').first()) as PracticeReviewKeysRow | undefined;

export async function insertPracticeReviewKeys(
  trx: Knex.Transaction,
  row: Omit<PracticeReviewKeysRow, 'id'>,
): Promise<PracticeReviewKeysRow> {
  const id = insertedId(await trx('practice_review_keys').insert(row).returning('id'));
  return { id: Number(id), ...row };
}
