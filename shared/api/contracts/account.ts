import { z } from 'zod';
import { ANY_ROLE, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

/** The signed-in user's own account. */
export const accountContract = {
  'account.changePassword': {
    changes: ['audit_log', 'users'],
    input: z
      .object({
        currentPassword: f.secret(),
        newPassword: f.newPassword(),
      })
      .strict(),
    roles: ANY_ROLE,
    result: result<null>(),
  },
} as const satisfies Record<string, ContractEntry>;
