import type { Knex } from 'knex';

/** `week_signatures`: a supervisor's sign-off of one version of a week: document, signature, key. */
export type WeekSignatureRow = {
  id: number;
  weekly_log_id: number;
  version: number;
  signer_user_id: number;
  supervisor_id: number;
  signer_name: string;
  signed_at: string;
  entries_hash: string;
  entries_json: string;
  document_json: string | null;
  signature: string | null;
  key_fingerprint: string | null;
};

/** `signing_keys`: supervisors' public signing keys, kept after retirement to check old weeks. */
export type SigningKeyRow = {
  id: number;
  supervisor_id: number;
  user_id: number;
  public_key: string;
  fingerprint: string;
  created_at: string;
  retired_at: string | null;
  retired_reason: string | null;
};

/**
 * Erasure: the person's signing keys that no remaining sign-off was made with. A key verifies
 * what it signed, so it stays exactly as long as a signature of its supervisor under its
 * fingerprint does; once none is left it goes, and the account and profile it names can go.
 */
export async function forgetUnusedSigningKeys(
  trx: Knex.Transaction,
  who: { supervisorId: number | null; userId: number | null },
): Promise<void> {
  if (who.supervisorId === null && who.userId === null) return;
  await trx('signing_keys')
    .where((w) => {
      if (who.supervisorId !== null) w.orWhere('supervisor_id', who.supervisorId);
      if (who.userId !== null) w.orWhere('user_id', who.userId);
    })
    .whereNotExists(
      trx('week_signatures as s')
        .whereRaw('s.key_fingerprint = signing_keys.fingerprint')
        .whereRaw('s.supervisor_id = signing_keys.supervisor_id')
        .select(trx.raw('1')),
    )
    .delete();
}
