import type { z } from 'zod';
import { joinContractParts } from './contract-kit.js';
import { accountContract } from './contracts/account.js';
import { appContract } from './contracts/app.js';
import { assignmentsContract } from './contracts/assignments.js';
import { auditContract } from './contracts/audit.js';
import { authContract } from './contracts/auth.js';
import { backupsContract } from './contracts/backups.js';
import { ceContract } from './contracts/ce.js';
import { ceCyclesContract } from './contracts/ce-cycles.js';
import { csvContract } from './contracts/csv.js';
import { databaseContract } from './contracts/database.js';
import { hoursContract } from './contracts/hours.js';
import { keysContract } from './contracts/keys.js';
import { lockContract } from './contracts/lock.js';
import { packsContract } from './contracts/packs.js';
import { practiceContract } from './contracts/practice.js';
import { privacyContract } from './contracts/privacy.js';
import { privacyConsentsContract } from './contracts/privacy-consents.js';
import { privacyDeletionContract } from './contracts/privacy-deletion.js';
import { privacyDisclosuresContract } from './contracts/privacy-disclosures.js';
import { privacyNoticeContract } from './contracts/privacy-notice.js';
import { privacyPolicyContract } from './contracts/privacy-policy.js';
import { privacyRequestsContract } from './contracts/privacy-requests.js';
import { privacyRetentionContract } from './contracts/privacy-retention.js';
import { progressContract } from './contracts/progress.js';
import { reportsContract } from './contracts/reports.js';
import { reviewerContract } from './contracts/reviewer.js';
import { reviewersContract } from './contracts/reviewers.js';
import { reviewsContract } from './contracts/reviews.js';
import { sessionsContract } from './contracts/sessions.js';
import { settingsContract } from './contracts/settings.js';
import { setupContract } from './contracts/setup.js';
import { signaturesContract } from './contracts/signatures.js';
import { sitesContract } from './contracts/sites.js';
import { statsContract } from './contracts/stats.js';
import { supervisorsContract } from './contracts/supervisors.js';
import { surveysContract } from './contracts/surveys.js';
import { usersContract } from './contracts/users.js';
import { weeksContract } from './contracts/weeks.js';
import { workersContract } from './contracts/workers.js';

export { ROLES, type ContractEntry, type Role } from './contract-kit.js';

/**
 * The single source of truth for the API: every call's name, input schema, roles, subjects,
 * free-text fields, the tables it reads or changes, and its result type. One file per
 * namespace in shared/api/contracts/ (the name up to its last dot, dots as dashes:
 * 'privacy.requests.file' lives in privacy-requests.ts), and its handlers in the file of the
 * same name in main/api/handlers/.
 */
export const contract = joinContractParts(
  accountContract,
  appContract,
  assignmentsContract,
  auditContract,
  authContract,
  backupsContract,
  ceContract,
  ceCyclesContract,
  csvContract,
  databaseContract,
  hoursContract,
  keysContract,
  lockContract,
  packsContract,
  practiceContract,
  privacyContract,
  privacyConsentsContract,
  privacyDeletionContract,
  privacyDisclosuresContract,
  privacyNoticeContract,
  privacyPolicyContract,
  privacyRequestsContract,
  privacyRetentionContract,
  progressContract,
  reportsContract,
  reviewerContract,
  reviewersContract,
  reviewsContract,
  sessionsContract,
  settingsContract,
  setupContract,
  signaturesContract,
  sitesContract,
  statsContract,
  supervisorsContract,
  surveysContract,
  usersContract,
  weeksContract,
  workersContract,
);

export type Contract = typeof contract;
export type ApiName = keyof Contract;
/** What a caller may pass (before trimming and defaults). */
export type ApiInput<K extends ApiName> = z.input<Contract[K]['input']>;
/** What a handler receives (after parsing). */
export type ApiParsed<K extends ApiName> = z.output<Contract[K]['input']>;
export type ApiResult<K extends ApiName> = Contract[K]['result'];

export const API_NAMES = Object.keys(contract) as ApiName[];
