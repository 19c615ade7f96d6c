import type { Role } from '../../../shared/api/contract-kit.js';
import type { SqlBool } from './columns.js';

/**
 * `users`: local accounts. Passwords live in the key slots (main/services/vault.ts); the
 * password_hash column is kept for databases from before them.
 */
export type UserRow = {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  worker_id: number | null;
  supervisor_id: number | null;
  password_hash: string;
  disabled: SqlBool;
  failed_attempts: number;
  next_attempt_at: string | null;
  locked_until: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
};

/** `login_unlinks`: sign-ins unlinked from a record by the one-login-per-record migration. */
export type LoginUnlinkRow = {
  id: number;
  user_id: number;
  record_type: 'worker' | 'supervisor';
  record_id: number;
  kept_user_id: number;
  was_enabled: SqlBool;
  at: string;
  audited_at: string | null;
};
