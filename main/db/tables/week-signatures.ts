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
