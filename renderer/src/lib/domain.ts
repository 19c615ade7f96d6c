/**
 * The pure main/domain code the renderer uses at run time: constant data and small functions
 * with no Node imports and no I/O, shared so labels, durations and week maths read the same
 * on both sides. Everything else from main is imported as types only.
 */

export {
  CATEGORY_LABELS,
  HOUR_CATEGORIES,
  isDirect,
  isSupervision,
} from '../../../main/domain/categories';
export { addDaysIso, isValidIsoDate, toIsoDate, weekStartOf } from '../../../main/domain/dates';
export { formatMinutes } from '../../../main/domain/format';
export { LICENSE_TYPES } from '../../../main/domain/records';

export type { HourCategory } from '../../../main/domain/categories';
export { IDLE_MINUTE_CHOICES } from '../../../main/domain/lock-machine';

export type {
  Assignment,
  AuditEntryView,
  AuditVerifyResult,
  AuthStatus,
  UserAccount,
  UserRole,
  HourEntry,
  LicenseType,
  Practice,
  Site,
  Supervisor,
  WeekView,
  Worker,
} from '../../../main/domain/records';
