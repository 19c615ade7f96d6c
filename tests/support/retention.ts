import type { RetentionPolicy } from '../../shared/domain/retention.js';

/** A backup retention policy with every rule off (not valid alone: tests add the rule they need). */
export const NO_RULES: RetentionPolicy = {
  keepLast: 0,
  keepHourly: 0,
  keepDaily: 0,
  keepWeekly: 0,
  keepMonthly: 0,
  keepYearly: 0,
  keepWithin: null,
  expiryDays: 365,
};
