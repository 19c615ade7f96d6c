import { z } from 'zod';
import { type Assignment } from '../../domain/records.js';
import {
  ANY_ROLE,
  result,
  withId,
  worker,
  type ContractEntry,
  ownerWrite,
} from '../contract-kit.js';
import * as f from '../fields.js';

const assignmentFields = {
  workerId: f.id('a worker'),
  supervisorId: f.id('a supervisor'),
  siteId: f.id('a site'),
  startDate: f.isoDate(),
  endDate: f.optionalIsoDate(),
  agreementSignedOn: f.optionalIsoDate(),
};

/** Which supervisor supervises which worker at which site, and when. */
export const assignmentsContract = {
  'assignments.list': {
    reads: ['supervision_assignments'],
    subjects: [worker()],
    input: z.object({ workerId: f.id('a worker').optional() }).strict(),
    roles: ANY_ROLE,
    result: result<Assignment[]>(),
  },
  'assignments.create': ownerWrite(
    ['supervision_assignments'],
    z.object(assignmentFields).strict(),
    result<Assignment>(),
  ),
  'assignments.update': ownerWrite(
    ['supervision_assignments'],
    withId(assignmentFields),
    result<Assignment>(),
  ),
} as const satisfies Record<string, ContractEntry>;
