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
  | 'import'
  // A person deleted under the retention rules: a tombstone with a random reference, the
  // categories and counts deleted and the rules applied, and a refused password confirmation.
  | 'erase'
  | 'erase_failed'
  // Privacy requests register: a request filed or registered, and its decision.
  | 'privacy_request'
  | 'privacy_decision'
  // A file holding people's data left the app (main/services/privacy/disclosures.ts).
  | 'disclose'
  // Privacy notice versions and who acknowledged them; consents given or withdrawn.
  | 'notice_published'
  | 'notice_acknowledged'
  | 'consent_granted'
  | 'consent_withdrawn'
  // Keys: the key file bound to a new keychain with the recovery code, the data key and
  // recovery code replaced, an installation from before encryption converted, and a wrong
  // current password when changing one's own (counts toward lockout).
  | 'keys_rebound'
  | 'keys_rotated'
  | 'converted'
  | 'password_change_failed'
  // The practice's database moved from this workstation's file to a PostgreSQL server.
  | 'moved_to_server'
  // Another workstation joined the practice on its server with the recovery code.
  | 'workstation_joined';
