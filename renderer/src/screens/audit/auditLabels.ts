import type { AuditAction } from '../../../../shared/domain/audit-actions';

/** Every action main records, in words, with a colour by kind; the type keeps the list whole. */
export const ACTION_LABELS: Record<AuditAction, { label: string; color: string }> = {
  create: { label: 'Create', color: 'teal' },
  update: { label: 'Update', color: 'blue' },
  delete: { label: 'Delete', color: 'red' },
  view: { label: 'View', color: 'gray' },
  export: { label: 'Export', color: 'grape' },
  sign_in: { label: 'Sign in', color: 'green' },
  sign_in_failed: { label: 'Sign-in failed', color: 'red' },
  sign_out: { label: 'Sign out', color: 'gray' },
  lock: { label: 'Lock', color: 'dark' },
  unlock: { label: 'Unlock', color: 'cyan' },
  unlock_failed: { label: 'Unlock failed', color: 'red' },
  forbidden: { label: 'Refused', color: 'orange' },
  setup: { label: 'Set-up', color: 'brand' },
  password_changed: { label: 'Password changed', color: 'violet' },
  password_reset: { label: 'Password reset', color: 'violet' },
  backup: { label: 'Backup made', color: 'indigo' },
  backup_removed: { label: 'Backups rotated out', color: 'gray' },
  restore: { label: 'Restored from backup', color: 'indigo' },
  restore_failed: { label: 'Restore refused', color: 'red' },
  submit: { label: 'Week submitted', color: 'blue' },
  return: { label: 'Week returned', color: 'orange' },
  approve: { label: 'Week approved', color: 'green' },
  amend: { label: 'Amendment started', color: 'yellow' },
  approve_failed: { label: 'Sign-off refused', color: 'red' },
  import: { label: 'Imported', color: 'teal' },
  erase: { label: 'Person deleted', color: 'red' },
  erase_failed: { label: 'Deletion refused', color: 'red' },
  disclose: { label: 'Disclosed', color: 'pink' },
  privacy_request: { label: 'Privacy request filed', color: 'pink' },
  privacy_decision: { label: 'Privacy request decided', color: 'pink' },
  notice_published: { label: 'Privacy notice published', color: 'pink' },
  notice_acknowledged: { label: 'Privacy notice acknowledged', color: 'pink' },
  consent_granted: { label: 'Consent granted', color: 'pink' },
  consent_withdrawn: { label: 'Consent withdrawn', color: 'pink' },
  keys_rebound: { label: 'Key file bound to this computer', color: 'indigo' },
  keys_rotated: { label: 'Data key and recovery code changed', color: 'indigo' },
  moved_to_server: { label: 'Moved to the database server', color: 'indigo' },
  workstation_joined: { label: 'Workstation joined with the recovery code', color: 'indigo' },
  converted: { label: 'Database encrypted', color: 'indigo' },
  password_change_failed: { label: 'Password change refused', color: 'red' },
};

export const actionLabel = (action: string) =>
  (ACTION_LABELS as Record<string, { label: string; color: string }>)[action] ?? {
    label: action,
    color: 'gray',
  };

export const ACTION_OPTIONS = Object.entries(ACTION_LABELS).map(([value, { label }]) => ({
  value,
  label,
}));

/** Table names as people say them. */
export const ENTITY_LABELS: Record<string, string> = {
  workers: 'Worker',
  supervisors: 'Supervisor',
  sites: 'Site',
  supervision_assignments: 'Assignment',
  hour_entries: 'Hour entry',
  supervision_sessions: 'Supervision session',
  custom_packs: 'Requirement pack',
  security_policy: 'Lockout policy',
  progress: 'Progress',
  ce_records: 'CE record',
  ce_cycles: 'CE cycle',
  weekly_logs: 'Week',
  users: 'User',
  practice: 'Practice',
  privacy_notices: 'Privacy notice',
  notice_acknowledgements: 'Notice acknowledgement',
  consents: 'Consent',
  settings: 'Settings',
  disclosures: 'Disclosure',
  person_record: 'Person record',
  privacy_requests: 'Privacy request',
  statistics: 'Practice statistics',
  survey: 'Survey',
};
