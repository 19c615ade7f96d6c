/** What the audit trail records; the renderer labels each one. */
export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'view'
  | 'export'
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'lock'
  | 'unlock'
  | 'unlock_failed'
  | 'forbidden'
  | 'setup'
  | 'password_changed'
  | 'password_reset';
