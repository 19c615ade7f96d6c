import { z } from 'zod';
import { OWNER, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';

/** Changing the data key and the recovery code. */
export const keysContract = {
  'keys.prepareRotation': {
    changes: [],
    input: f.empty(),
    roles: OWNER,
    result: result<{ recoveryCode: string }>(),
  },
  'keys.rotate': ownerWrite(
    [],
    z
      .object({
        recoveryCodeCheck: f.requiredText(80),
        password: f.secret(),
      })
      .strict(),
    result<{ rotatedAt: string }>(),
  ),
} as const satisfies Record<string, ContractEntry>;
