import { z } from 'zod';
import { type UserAccount } from '../../domain/records.js';
import { OWNER, ROLES, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

/** Accounts, as the owner manages them. */
export const usersContract = {
  'users.list': {
    reads: ['users'],
    input: f.empty(),
    roles: OWNER,
    result: result<UserAccount[]>(),
  },
  'users.create': {
    changes: ['audit_log', 'signing_keys', 'users'],
    input: z
      .object({
        username: f.username(),
        displayName: f.name(120),
        role: z.enum(ROLES, { error: 'Choose a role' }),
        workerId: f.id('a worker').nullish(),
        supervisorId: f.id('a supervisor').nullish(),
        password: f.newPassword(),
      })
      .strict(),
    roles: OWNER,
    result: result<UserAccount>(),
  },
  'users.setDisabled': {
    changes: ['audit_log', 'users'],
    input: z.object({ id: f.id(), disabled: z.boolean({ error: 'Required' }) }).strict(),
    roles: OWNER,
    result: result<UserAccount>(),
  },
  'users.resetPassword': {
    changes: ['audit_log', 'signing_keys', 'users'],
    input: z.object({ id: f.id(), newPassword: f.newPassword() }).strict(),
    roles: OWNER,
    result: result<null>(),
  },
} as const satisfies Record<string, ContractEntry>;
