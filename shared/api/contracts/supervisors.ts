import { z } from 'zod';
import { LICENSE_TYPES, type Supervisor, type SupervisorListItem } from '../../domain/records.js';
import { ANY_ROLE, OWNER, result, withId, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

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

/** Supervisors. A worker gets only their own, without contact details (SupervisorListItem). */
export const supervisorsContract = {
  // A worker gets only their own supervisors, without contact details (SupervisorListItem).
  'supervisors.list': {
    reads: ['supervision_assignments', 'supervisors'],
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<SupervisorListItem[]>(),
  },
  'supervisors.create': {
    changes: ['audit_log', 'supervisors'],
    input: z.object(supervisorFields).strict(),
    roles: OWNER,
    result: result<Supervisor>(),
  },
  'supervisors.update': {
    changes: ['audit_log', 'supervisors'],
    input: withId({ ...supervisorFields, active: z.boolean() }),
    roles: OWNER,
    result: result<Supervisor>(),
  },
} as const satisfies Record<string, ContractEntry>;
