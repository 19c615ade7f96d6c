import type { UserRole } from '../../../shared/domain/records';

export const ROLE_LABELS: Record<UserRole, string> = {
  owner: 'Owner',
  supervisor: 'Supervisor',
  worker: 'Worker',
};

export const ROLE_COLORS: Record<UserRole, string> = {
  owner: 'brand',
  supervisor: 'violet',
  worker: 'gray',
};
