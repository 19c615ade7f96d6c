import { z } from 'zod';
import type {
  Assignment,
  HourEntry,
  Practice,
  Site,
  Supervisor,
  Worker,
  WeekView,
} from '../domain/records.js';
import { LICENSE_TYPES } from '../domain/records.js';
import * as f from './fields.js';

/**
 * The single source of truth for the API: every call's name, input schema, the roles allowed
 * to make it, and its result type (a phantom: `result` is never read at run time).
 */
export const ROLES = ['owner', 'supervisor', 'worker'] as const;
export type Role = (typeof ROLES)[number];

const result = <T>() => undefined as unknown as T;
const OWNER: readonly Role[] = ['owner'];
const ANY_ROLE: readonly Role[] = ROLES;

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
  note: f.optionalText(1000),
};

const withId = <T extends z.ZodRawShape>(shape: T) => z.object({ id: f.id(), ...shape }).strict();

export const contract = {
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

  'supervisors.list': { input: f.empty(), roles: ANY_ROLE, result: result<Supervisor[]>() },
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
    input: z.object({ workerId: f.id('a worker'), weekStart: f.isoDate() }).strict(),
    roles: ANY_ROLE,
    result: result<WeekView>(),
  },
  'hours.add': { input: z.object(hourFields).strict(), roles: OWNER, result: result<HourEntry>() },
  'hours.update': { input: withId(hourFields), roles: OWNER, result: result<HourEntry>() },
  'hours.delete': {
    input: z.object({ id: f.id() }).strict(),
    roles: OWNER,
    result: result<{ id: number }>(),
  },
} as const;

export type Contract = typeof contract;
export type ApiName = keyof Contract;
/** What a caller may pass (before trimming and defaults). */
export type ApiInput<K extends ApiName> = z.input<Contract[K]['input']>;
/** What a handler receives (after parsing). */
export type ApiParsed<K extends ApiName> = z.output<Contract[K]['input']>;
export type ApiResult<K extends ApiName> = Contract[K]['result'];

export const API_NAMES = Object.keys(contract) as ApiName[];
