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
  | 'password_reset'
  | 'backup'
  | 'backup_removed'
  | 'restore'
  | 'restore_failed'
  // Weekly review: a week submitted, returned with a comment, approved (signed), reopened for
  // an amendment, and a sign-off refused for a wrong password (counts toward lockout).
  | 'submit'
  | 'return'
  | 'approve'
  | 'amend'
  | 'approve_failed'
  // Hours written from a CSV file: one row per worker per import, with the counts.
  | 'import';
