import { z } from 'zod';
import { OWNER, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

/** Changing the data key and the recovery code. */
export const keysContract = {
  'keys.prepareRotation': {
    changes: [],
    input: f.empty(),
    roles: OWNER,
    result: result<{ recoveryCode: string }>(),
  },
  'keys.rotate': {
    changes: ['audit_log'],
    input: z
      .object({
        recoveryCodeCheck: f.requiredText(80),
        password: f.secret(),
      })
      .strict(),
    roles: OWNER,
    result: result<{ rotatedAt: string }>(),
  },
} as const satisfies Record<string, ContractEntry>;
