import { z } from 'zod';
import { type UserAccount } from '../../domain/records.js';
import { OWNER, ROLES, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';

/** Accounts, as the owner manages them. */
export const usersContract = {
  'users.list': {
    reads: ['users'],
    input: f.empty(),
    roles: OWNER,
    result: result<UserAccount[]>(),
  },
  'users.create': ownerWrite(
    ['signing_keys', 'users'],
    z
      .object({
        username: f.username(),
        displayName: f.name(120),
        role: z.enum(ROLES, { error: 'Choose a role' }),
        workerId: f.id('a worker').nullish(),
        supervisorId: f.id('a supervisor').nullish(),
        password: f.newPassword(),
      })
      .strict(),
    result<UserAccount>(),
  ),
  'users.setDisabled': ownerWrite(
    ['users'],
    z.object({ id: f.id(), disabled: z.boolean({ error: 'Required' }) }).strict(),
    result<UserAccount>(),
  ),
  'users.resetPassword': ownerWrite(
    ['signing_keys', 'users'],
    z.object({ id: f.id(), newPassword: f.newPassword() }).strict(),
    result<null>(),
  ),
} as const satisfies Record<string, ContractEntry>;
