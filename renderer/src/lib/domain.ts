/**
 * The pure shared/domain code the renderer uses at run time: constant data and small functions
 * with no Node imports and no I/O, shared so labels, durations and week maths read the same
 * on both sides. Everything else from main is imported as types only.
 */

export {
  CATEGORY_LABELS,
  HOUR_CATEGORIES,
  isDirect,
  isSupervision,
} from '../../../shared/domain/categories';
export { addDaysIso, isValidIsoDate, toIsoDate, weekStartOf } from '../../../shared/domain/dates';
export { formatMinutes } from '../../../shared/domain/format';
export { LICENSE_TYPES } from '../../../shared/domain/records';

export type { HourCategory } from '../../../shared/domain/categories';
export { IDLE_MINUTE_CHOICES } from '../../../shared/domain/lock-machine';

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
  SupervisorListItem,
  WeekView,
  Worker,
} from '../../../shared/domain/records';

export {
  SESSION_ATTENDEES,
  SESSION_CATEGORY,
  SESSION_KINDS,
} from '../../../shared/domain/progress-view';
export type {
  MonthMinutes,
  OverviewRow,
  OverviewStatus,
  PackDetail,
  PackSummary,
  SessionKind,
  SupervisionSession,
  WorkerProgressView,
} from '../../../shared/domain/progress-view';
export type {
  CompletionProjection,
  ProgressWarning,
  RequirementProgress,
} from '../../../shared/domain/progress-types';
export {
  checkPack,
  formatIssuePath,
  packSchema,
  type Pack,
} from '../../../shared/domain/packs/schema';

export {
  CE_CATEGORIES,
  CE_CATEGORY_LABELS,
  CE_CERTIFICATE_MAX_BYTES,
  CE_CERTIFICATE_TYPES,
  CE_PRESET_DEFINITIONS,
  presetCycle,
} from '../../../shared/domain/ce';
export type {
  CeCategory,
  CeCompliance,
  CeCycle,
  CeOverviewRow,
  CePersonType,
  CePreset,
  CeRecord,
  CeStatus,
} from '../../../shared/domain/ce';
