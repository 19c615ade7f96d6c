import { z } from 'zod';
import { type AuthStatus } from '../../domain/records.js';
import { ANY_ROLE, PUBLIC, WHILE_LOCKED, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

/** Signing in and out, unlocking, and recovering the owner's account. */
export const authContract = {
  'auth.status': {
    reads: ['practice', 'users'],
    input: f.empty(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<AuthStatus>(),
  },
  'auth.signIn': {
    changes: ['audit_log'],
    input: z
      .object({
        username: f.requiredText(60),
        password: f.secret(),
      })
      .strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<AuthStatus>(),
  },
  'auth.recover': {
    changes: ['audit_log'],
    input: z
      .object({
        code: f.requiredText(80),
      })
      .strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<AuthStatus>(),
  },
  'auth.resetWithRecoveryCode': {
    changes: ['audit_log'],
    input: z
      .object({
        code: f.requiredText(80),
        username: f.username(),
        newPassword: f.newPassword(),
      })
      .strict(),
    roles: ANY_ROLE,
    ...PUBLIC,
    result: result<AuthStatus>(),
  },
  'auth.unlock': {
    changes: ['audit_log'],
    input: z.object({ password: f.secret() }).strict(),
    roles: ANY_ROLE,
    ...WHILE_LOCKED,
    result: result<AuthStatus>(),
  },
  'auth.signOut': {
    changes: ['audit_log'],
    input: f.empty(),
    roles: ANY_ROLE,
    ...WHILE_LOCKED,
    result: result<AuthStatus>(),
  },
} as const satisfies Record<string, ContractEntry>;
