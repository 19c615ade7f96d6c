import type { Knex } from 'knex';
import {
  findPracticeReviewKeys,
  insertPracticeReviewKeys,
  type PracticeReviewKeysRow,
} from '../../db/tables/practice-review-keys.js';
import { keyPairFingerprint, newBoxKeyPair } from '../../platform/review-crypto.js';
import { newSigningKeyPair } from '../../platform/signing.js';
import { wipe } from '../../platform/crypto.js';
import type { CorePorts } from '../ports.js';

/** The practice's review keys, opened for one use: overwrite the private halves when done. */
export interface PracticeReviewKeys {
  signingPublicKey: string;
  signingPrivateKey: Buffer;
  boxPublicKey: string;
  boxPrivateKey: Buffer;
  fingerprint: string;
}

const open = (row: PracticeReviewKeysRow): PracticeReviewKeys => ({
  signingPublicKey: row.signing_public_key,
  signingPrivateKey: Buffer.from(row.signing_private_key, 'base64'),
  boxPublicKey: row.box_public_key,
  boxPrivateKey: Buffer.from(row.box_private_key, 'base64'),
  fingerprint: keyPairFingerprint(row.signing_public_key, row.box_public_key),
});

export const wipeKeys = (keys: PracticeReviewKeys | null | undefined): void =>
  wipe(keys?.signingPrivateKey, keys?.boxPrivateKey);

/** The practice's key pairs, made (and audited) the first time a packet is exported. */
export async function practiceKeysFor(
  trx: Knex.Transaction,
  { clock, audit }: Pick<CorePorts, 'clock' | 'audit'>,
): Promise<PracticeReviewKeys> {
  const found = await findPracticeReviewKeys(trx);
  if (found) return open(found);
  const signing = newSigningKeyPair();
  const box = newBoxKeyPair();
  const row = await insertPracticeReviewKeys(trx, {
    signing_public_key: signing.publicKey,
    signing_private_key: signing.privateKey.toString('base64'),
    box_public_key: box.publicKey,
    box_private_key: box.privateKey.toString('base64'),
    created_at: clock.now().toISOString(),
  });
  wipe(signing.privateKey, box.privateKey);
  const keys = open(row);
  await audit.append(trx, {
    action: 'create',
    entity: 'practice_review_keys',
    entityId: row.id,
    after: { fingerprint: keys.fingerprint },
    detail: 'the practice’s keys for review packets',
  });
  return keys;
}

/** The keys if they exist (an import needs them; none means no packet was ever exported). */
export async function existingPracticeKeys(q: Knex | Knex.Transaction) {
  const found = await findPracticeReviewKeys(q);
  return found ? open(found) : null;
}
