/**
 * The pure main/domain code the renderer uses at run time: constant data and small functions
 * with no Node imports and no I/O, shared so labels, durations and week maths read the same
 * on both sides. Everything else from main is imported as types only.
 *
 * The boundary rule in eslint.config.js means to allow main/domain ('!**\/main/domain/**'), but
 * a gitignore-style negation cannot re-include files under an excluded folder ('**\/main/**'),
 * so these imports are flagged anyway. They are kept to this one module, each marked, until the
 * pattern is fixed (e.g. `['**\/main/**', '!**\/main/domain/', '!**\/main/domain/**']`).
 */

// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- pure main/domain data
export {
  CATEGORY_LABELS,
  HOUR_CATEGORIES,
  isDirect,
  isSupervision,
} from '../../../main/domain/categories';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- pure main/domain code
export { addDaysIso, isValidIsoDate, toIsoDate, weekStartOf } from '../../../main/domain/dates';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- pure main/domain code
export { formatMinutes } from '../../../main/domain/format';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- pure main/domain data
export { LICENSE_TYPES } from '../../../main/domain/records';

export type { HourCategory } from '../../../main/domain/categories';
export type {
  Assignment,
  HourEntry,
  LicenseType,
  Practice,
  Site,
  Supervisor,
  WeekView,
  Worker,
} from '../../../main/domain/records';
