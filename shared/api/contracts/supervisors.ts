import { z } from 'zod';
import { LICENSE_TYPES, type Supervisor, type SupervisorListItem } from '../../domain/records.js';
import { ANY_ROLE, result, withId, type ContractEntry, ownerWrite } from '../contract-kit.js';
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
  'supervisors.create': ownerWrite(
    ['supervisors'],
    z.object(supervisorFields).strict(),
    result<Supervisor>(),
  ),
  'supervisors.update': ownerWrite(
    ['supervisors'],
    withId({ ...supervisorFields, active: z.boolean() }),
    result<Supervisor>(),
  ),
} as const satisfies Record<string, ContractEntry>;
