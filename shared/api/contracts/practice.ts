import { z } from 'zod';
import { type Practice } from '../../domain/records.js';
import { ANY_ROLE, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';

/** The practice's own record. */
export const practiceContract = {
  'practice.get': {
    reads: ['practice'],
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<Practice>(),
  },
  'practice.update': ownerWrite(
    ['practice'],
    z.object({ name: f.name() }).strict(),
    result<Practice>(),
  ),
} as const satisfies Record<string, ContractEntry>;
