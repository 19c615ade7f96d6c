import type { AuditAction } from '../../../../main/domain/audit-actions';

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
  users: 'User',
  practice: 'Practice',
  settings: 'Settings',
};
