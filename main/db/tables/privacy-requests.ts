import type { RequestKind, RequestStatus } from '../../../shared/domain/privacy/people.js';

/** `privacy_requests`: access, correction and deletion requests and what was decided. */
export type PrivacyRequestRow = {
  id: number;
  kind: RequestKind;
  person_type: string | null;
  person_id: number | null;
  /** What is left to name the person once they are erased. */
  person_ref: string | null;
  requested_by_user_id: number | null;
  received_on: string;
  identity_method: string | null;
  identity_verified_by_user_id: number | null;
  identity_verified_at: string | null;
  details_json: string;
  status: RequestStatus;
  decided_at: string | null;
  decided_by_user_id: number | null;
  decision_reason: string | null;
  outcome_json: string | null;
  created_at: string;
  updated_at: string;
};

/** `scheduled_deletions`: erasures due once the retention rules allow them. */
export type ScheduledDeletionRow = {
  id: number;
  person_type: string;
  person_id: number;
  due_on: string;
  rule_keys: string;
  request_id: number | null;
  person_ref: string | null;
  created_at: string;
};
