import { z } from 'zod';
import { type Worker } from '../../domain/records.js';
import { ANY_ROLE, result, withId, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';
import { packId } from './packs.js';

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

/** Workers, and the requirement pack each is measured against. */
export const workersContract = {
  'workers.list': {
    reads: ['supervision_assignments', 'workers'],
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<Worker[]>(),
  },
  'workers.create': ownerWrite(['workers'], z.object(workerFields).strict(), result<Worker>()),
  'workers.update': ownerWrite(
    ['workers'],
    withId({ ...workerFields, active: z.boolean() }),
    result<Worker>(),
  ),
  'workers.setPack': ownerWrite(
    ['workers'],
    z.object({ workerId: f.id('a worker'), packId: packId().nullable() }).strict(),
    result<{ workerId: number; packId: string | null }>(),
  ),
} as const satisfies Record<string, ContractEntry>;
