/** `security_policy`: the one row of sign-in lockout settings. */
export type SecurityPolicyRow = {
  id: number;
  max_failed_sign_ins: number;
  lockout_minutes: number;
  updated_at: string;
};

/** `custom_packs`: requirement packs the practice made or adapted (JSON as edited). */
export type CustomPackRow = {
  id: string;
  pack_json: string;
  based_on: string | null;
  created_at: string;
  updated_at: string;
};
