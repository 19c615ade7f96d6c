import { API_NAMES, type ApiName } from '../../shared/api/contract.js';
import type { Handler, HandlerMap } from './handler-types.js';
import { accountHandlers } from './handlers/account.js';
import { appHandlers } from './handlers/app.js';
import { assignmentsHandlers } from './handlers/assignments.js';
import { auditHandlers } from './handlers/audit.js';
import { authHandlers } from './handlers/auth.js';
import { backupsHandlers } from './handlers/backups.js';
import { ceHandlers } from './handlers/ce.js';
import { ceCyclesHandlers } from './handlers/ce-cycles.js';
import { csvHandlers } from './handlers/csv.js';
import { databaseHandlers } from './handlers/database.js';
import { hoursHandlers } from './handlers/hours.js';
import { keysHandlers } from './handlers/keys.js';
import { lockHandlers } from './handlers/lock.js';
import { packsHandlers } from './handlers/packs.js';
import { practiceHandlers } from './handlers/practice.js';
import { privacyHandlers } from './handlers/privacy.js';
import { privacyConsentsHandlers } from './handlers/privacy-consents.js';
import { privacyDeletionHandlers } from './handlers/privacy-deletion.js';
import { privacyDisclosuresHandlers } from './handlers/privacy-disclosures.js';
import { privacyNoticeHandlers } from './handlers/privacy-notice.js';
import { privacyPolicyHandlers } from './handlers/privacy-policy.js';
import { privacyRequestsHandlers } from './handlers/privacy-requests.js';
import { privacyRetentionHandlers } from './handlers/privacy-retention.js';
import { progressHandlers } from './handlers/progress.js';
import { reportsHandlers } from './handlers/reports.js';
import { reviewerHandlers } from './handlers/reviewer.js';
import { reviewersHandlers } from './handlers/reviewers.js';
import { reviewsHandlers } from './handlers/reviews.js';
import { sessionsHandlers } from './handlers/sessions.js';
import { settingsHandlers } from './handlers/settings.js';
import { setupHandlers } from './handlers/setup.js';
import { signaturesHandlers } from './handlers/signatures.js';
import { sitesHandlers } from './handlers/sites.js';
import { statsHandlers } from './handlers/stats.js';
import { supervisorsHandlers } from './handlers/supervisors.js';
import { surveysHandlers } from './handlers/surveys.js';
import { usersHandlers } from './handlers/users.js';
import { weeksHandlers } from './handlers/weeks.js';
import { workersHandlers } from './handlers/workers.js';

/**
 * Merges the per-domain maps. A name defined twice, a handler for a name outside the contract,
 * or a contract name without a handler is a programming error, so it stops start-up.
 */
export function mergeHandlers(maps: ReadonlyArray<Partial<HandlerMap>>): HandlerMap {
  const merged: Partial<Record<ApiName, Handler<ApiName>>> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map) as [ApiName, Handler<ApiName>][]) {
      if (!API_NAMES.includes(name)) throw new Error(`Handler for unknown API name: ${name}`);
      if (merged[name]) throw new Error(`Duplicate handler for API name: ${name}`);
      merged[name] = handler;
    }
  }
  const missing = API_NAMES.filter((n) => !merged[n]);
  if (missing.length) throw new Error(`No handler for API names: ${missing.join(', ')}`);
  return merged as HandlerMap;
}

/** One map per namespace file in main/api/handlers/ (the same names as shared/api/contracts/). */
export const DOMAIN_HANDLERS: ReadonlyArray<Partial<HandlerMap>> = [
  accountHandlers,
  appHandlers,
  assignmentsHandlers,
  auditHandlers,
  authHandlers,
  backupsHandlers,
  ceHandlers,
  ceCyclesHandlers,
  csvHandlers,
  databaseHandlers,
  hoursHandlers,
  keysHandlers,
  lockHandlers,
  packsHandlers,
  practiceHandlers,
  privacyHandlers,
  privacyConsentsHandlers,
  privacyDeletionHandlers,
  privacyDisclosuresHandlers,
  privacyNoticeHandlers,
  privacyPolicyHandlers,
  privacyRequestsHandlers,
  privacyRetentionHandlers,
  progressHandlers,
  reportsHandlers,
  reviewerHandlers,
  reviewersHandlers,
  reviewsHandlers,
  sessionsHandlers,
  settingsHandlers,
  setupHandlers,
  signaturesHandlers,
  sitesHandlers,
  statsHandlers,
  supervisorsHandlers,
  surveysHandlers,
  usersHandlers,
  weeksHandlers,
  workersHandlers,
];
