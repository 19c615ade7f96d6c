import { z } from 'zod';
import type {
  Assignment,
  AuditEntryView,
  AuditVerifyResult,
  AuthStatus,
  UserAccount,
  HourEntry,
  Practice,
  Site,
  Supervisor,
  SupervisorListItem,
  Worker,
  WeekView,
} from '../domain/records.js';
import { LICENSE_TYPES } from '../domain/records.js';
import * as f from './fields.js';
import { settingsSchema, type Settings } from '../domain/settings.js';

import {
  worker,
  entryWorker,
  ANY_ROLE,
  OWNER,
  PEOPLE,
  PUBLIC,
  ROLES,
  WHILE_LOCKED,
  joinContractParts,
  result,
  withId,
  type ContractEntry,
} from './contract-kit.js';

import { backupsContract } from './contracts/backups.js';
import { privacyRequestsContract } from './contracts/privacy-requests.js';
import { privacyDeletionContract } from './contracts/privacy-deletion.js';
import { privacyAccessContract } from './contracts/privacy-access.js';
import { privacyNoticeContract } from './contracts/privacy-notice.js';
import { privacyStatsContract } from './contracts/privacy-stats.js';
import { privacySurveysContract } from './contracts/privacy-surveys.js';
import { ceContract } from './contracts/ce.js';
import { progressContract } from './contracts/progress.js';
import { reportsContract } from './contracts/reports.js';
import { reviewContract } from './contracts/review.js';
import { signaturesContract } from './contracts/signatures.js';

export { ROLES, type ContractEntry, type Role } from './contract-kit.js';

const newPassword = () => f.secret(200, 10, 'Use at least 10 characters');

const username = () =>
  f.textField({ max: 200, notText: 'Required' }, (s) =>
    s.toLowerCase().regex(/^[a-z0-9._-]{3,60}$/, {
      error: '3 to 60 characters: letters, digits, dot, dash or underscore',
    }),
  );

const siteFields = {
  name: f.name(),
  address: f.optionalText(300),
  phone: f.optionalText(40),
};

const supervisorFields = {
  firstName: f.name(),
  lastName: f.name(),
  email: f.email(),
  phone: f.optionalText(40),
  licenseType: z.enum(LICENSE_TYPES, { error: 'Choose a license type' }),
  licenseNumber: f.licenseNumber(),
  licenseState: f.usState(),
  licenseExpires: f.isoDate(),
};

const workerFields = {
  firstName: f.name(),
  lastName: f.name(),
  email: f.email(),
  phone: f.optionalText(40),
  title: f.optionalText(80),
  registrationNumber: f.optionalLicenseNumber(),
  registrationExpires: f.optionalIsoDate(),
  startDate: f.isoDate(),
  /** The last day at the practice, once the worker has left. */
  endDate: f.optionalIsoDate(),
  degree: f.optionalText(120),
  school: f.optionalText(160),
  graduationDate: f.optionalIsoDate(),
};

const assignmentFields = {
  workerId: f.id('a worker'),
  supervisorId: f.id('a supervisor'),
  siteId: f.id('a site'),
  startDate: f.isoDate(),
  endDate: f.optionalIsoDate(),
  agreementSignedOn: f.optionalIsoDate(),
};

const hourFields = {
  workerId: f.id('a worker'),
  date: f.isoDate(),
  siteId: f.id('a site'),
  supervisorId: f.id('a supervisor'),
  category: f.category(),
  minutes: f.minutes(),
  note: f.optionalNote(1000),
};

/** Accounts, set-up, settings, audit, and the foundation's records. */
const coreContract = {
  'auth.status': { input: f.empty(), roles: ANY_ROLE, ...PUBLIC, result: result<AuthStatus>() },
  'setup.prepare': {
    input: f.empty(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<{ recoveryCode: string }>(),
  },
  'setup.complete': {
    input: z
      .object({
        practiceName: f.name(200),
        ownerName: f.name(120),
        username: username(),
        password: newPassword(),
        recoveryCodeCheck: f.requiredText(80),
      })
      .strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<AuthStatus>(),
  },
  'auth.signIn': {
    input: z
      .object({
        username: f.requiredText(60),
        password: f.secret(),
      })
      .strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<AuthStatus>(),
  },
  'auth.recover': {
    input: z
      .object({
        code: f.requiredText(80),
      })
      .strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<AuthStatus>(),
  },
  'auth.resetWithRecoveryCode': {
    input: z
      .object({
        code: f.requiredText(80),
        username: username(),
        newPassword: newPassword(),
      })
      .strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<AuthStatus>(),
  },
  'keys.prepareRotation': {
    input: f.empty(),
    roles: OWNER,
    result: result<{ recoveryCode: string }>(),
  },
  'keys.rotate': {
    input: z
      .object({
        recoveryCodeCheck: f.requiredText(80),
        password: f.secret(),
      })
      .strict(),
    roles: OWNER,
    result: result<{ rotatedAt: string }>(),
  },
  'auth.unlock': {
    input: z.object({ password: f.secret() }).strict(),
    roles: ANY_ROLE,
    ...WHILE_LOCKED,
    result: result<AuthStatus>(),
  },
  'auth.signOut': {
    input: f.empty(),
    roles: ANY_ROLE,
    ...WHILE_LOCKED,
    result: result<AuthStatus>(),
  },
  'lock.now': { input: f.empty(), roles: ANY_ROLE, result: result<AuthStatus>() },
  'lock.activity': { input: f.empty(), roles: ANY_ROLE, result: result<null>() },
  'account.changePassword': {
    input: z
      .object({
        currentPassword: f.secret(),
        newPassword: newPassword(),
      })
      .strict(),
    roles: ANY_ROLE,
    result: result<null>(),
  },
  'users.list': { input: f.empty(), roles: OWNER, result: result<UserAccount[]>() },
  'users.create': {
    input: z
      .object({
        username: username(),
        displayName: f.name(120),
        role: z.enum(ROLES, { error: 'Choose a role' }),
        workerId: f.id('a worker').nullish(),
        supervisorId: f.id('a supervisor').nullish(),
        password: newPassword(),
      })
      .strict(),
    roles: OWNER,
    result: result<UserAccount>(),
  },
  'users.setDisabled': {
    input: z.object({ id: f.id(), disabled: z.boolean({ error: 'Required' }) }).strict(),
    roles: OWNER,
    result: result<UserAccount>(),
  },
  'users.resetPassword': {
    input: z.object({ id: f.id(), newPassword: newPassword() }).strict(),
    roles: OWNER,
    result: result<null>(),
  },
  'settings.get': { input: f.empty(), roles: ANY_ROLE, result: result<Settings>() },
  'settings.update': {
    changes: ['security_policy', 'audit_log'],
    input: settingsSchema.partial().strict(),
    roles: OWNER,
    result: result<Settings>(),
  },
  'audit.list': {
    input: z
      .object({
        action: f.textField({ max: 32 }).optional(),
        subjectType: z.enum(['worker', 'supervisor', 'user']).optional(),
        subjectId: f.id().optional(),
        from: f.isoDate().optional(),
        to: f.isoDate().optional(),
        beforeId: f.id().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    roles: OWNER,
    result: result<AuditEntryView[]>(),
  },
  /** From the last checkpoint; `full` walks the whole chain again. */
  'audit.verify': {
    input: z.object({ full: z.boolean().optional() }).strict(),
    roles: OWNER,
    result: result<AuditVerifyResult>(),
  },
  /** Stops the verification under way (it answers `conflict`); false when none was running. */
  'audit.cancelVerify': { input: f.empty(), roles: OWNER, result: result<boolean>() },

  'app.info': {
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<{ version: string; dataFolder: string; schemaVersion: number }>(),
  },
  'practice.get': { input: f.empty(), roles: ANY_ROLE, result: result<Practice>() },
  'practice.update': {
    input: z.object({ name: f.name() }).strict(),
    roles: OWNER,
    result: result<Practice>(),
  },

  'sites.list': { input: f.empty(), roles: ANY_ROLE, result: result<Site[]>() },
  'sites.create': { input: z.object(siteFields).strict(), roles: OWNER, result: result<Site>() },
  'sites.update': {
    input: withId({ ...siteFields, active: z.boolean() }),
    roles: OWNER,
    result: result<Site>(),
  },

  // A worker gets only their own supervisors, without contact details (SupervisorListItem).
  'supervisors.list': {
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<SupervisorListItem[]>(),
  },
  'supervisors.create': {
    input: z.object(supervisorFields).strict(),
    roles: OWNER,
    result: result<Supervisor>(),
  },
  'supervisors.update': {
    input: withId({ ...supervisorFields, active: z.boolean() }),
    roles: OWNER,
    result: result<Supervisor>(),
  },

  'workers.list': { input: f.empty(), roles: ANY_ROLE, result: result<Worker[]>() },
  'workers.create': {
    input: z.object(workerFields).strict(),
    roles: OWNER,
    result: result<Worker>(),
  },
  'workers.update': {
    input: withId({ ...workerFields, active: z.boolean() }),
    roles: OWNER,
    result: result<Worker>(),
  },

  'assignments.list': {
    subjects: [worker()],
    input: z.object({ workerId: f.id('a worker').optional() }).strict(),
    roles: ANY_ROLE,
    result: result<Assignment[]>(),
  },
  'assignments.create': {
    input: z.object(assignmentFields).strict(),
    roles: OWNER,
    result: result<Assignment>(),
  },
  'assignments.update': {
    input: withId(assignmentFields),
    roles: OWNER,
    result: result<Assignment>(),
  },

  'hours.week': {
    subjects: [worker()],
    input: z.object({ workerId: f.id('a worker'), weekStart: f.isoDate() }).strict(),
    roles: PEOPLE,
    result: result<WeekView>(),
  },
  'hours.add': {
    changes: ['hour_entries', 'audit_log'],
    subjects: [worker()],
    freeText: ['note'],
    input: z.object(hourFields).strict(),
    roles: PEOPLE,
    result: result<HourEntry>(),
  },
  'hours.update': {
    changes: ['hour_entries', 'audit_log'],
    subjects: [entryWorker(), worker()],
    freeText: ['note'],
    input: withId(hourFields),
    roles: PEOPLE,
    result: result<HourEntry>(),
  },
  'hours.delete': {
    changes: ['hour_entries', 'audit_log'],
    subjects: [entryWorker()],
    input: z.object({ id: f.id() }).strict(),
    roles: PEOPLE,
    result: result<{ id: number }>(),
  },
} as const satisfies Record<string, ContractEntry>;

/**
 * The single source of truth for the API: every call's name, input schema, the roles allowed
 * to make it, and its result type. Each domain's part lives in shared/api/contracts/.
 */
export const contract = joinContractParts(
  coreContract,
  reviewContract,
  progressContract,
  ceContract,
  reportsContract,
  backupsContract,
  privacyRequestsContract,
  privacyDeletionContract,
  privacyAccessContract,
  privacyNoticeContract,
  privacyStatsContract,
  privacySurveysContract,
  signaturesContract,
);

export type Contract = typeof contract;
export type ApiName = keyof Contract;
/** What a caller may pass (before trimming and defaults). */
export type ApiInput<K extends ApiName> = z.input<Contract[K]['input']>;
/** What a handler receives (after parsing). */
export type ApiParsed<K extends ApiName> = z.output<Contract[K]['input']>;
export type ApiResult<K extends ApiName> = Contract[K]['result'];

export const API_NAMES = Object.keys(contract) as ApiName[];
