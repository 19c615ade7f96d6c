import { API_NAMES, type ApiName } from '../../shared/api/contract.js';
import type { Handler, HandlerMap } from './handler-types.js';
import { appHandlers } from './handlers/app.js';
import { assignmentHandlers } from './handlers/assignments.js';
import { adminHandlers, authHandlers } from './handlers/auth.js';
import { backupsHandlers } from './handlers/backups.js';
import { privacyRequestsHandlers } from './handlers/privacy-requests.js';
import { privacyDeletionHandlers } from './handlers/privacy-deletion.js';
import { privacyAccessHandlers } from './handlers/privacy-access.js';
import { privacyNoticeHandlers } from './handlers/privacy-notice.js';
import { privacyStatsHandlers } from './handlers/privacy-stats.js';
import { ceHandlers } from './handlers/ce.js';
import { hourHandlers } from './handlers/hours.js';
import { peopleHandlers } from './handlers/people.js';
import { progressHandlers } from './handlers/progress.js';
import { reportsHandlers } from './handlers/reports.js';
import { reviewHandlers } from './handlers/review.js';
import { signaturesHandlers } from './handlers/signatures.js';

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

export const DOMAIN_HANDLERS: ReadonlyArray<Partial<HandlerMap>> = [
  authHandlers,
  adminHandlers,
  appHandlers,
  peopleHandlers,
  assignmentHandlers,
  hourHandlers,
  reviewHandlers,
  progressHandlers,
  ceHandlers,
  reportsHandlers,
  backupsHandlers,
  privacyRequestsHandlers,
  privacyDeletionHandlers,
  privacyAccessHandlers,
  privacyNoticeHandlers,
  privacyStatsHandlers,
  signaturesHandlers,
];
