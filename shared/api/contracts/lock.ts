import { type AuthStatus } from '../../domain/records.js';
import { ANY_ROLE, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

/** Locking the app, and keeping it unlocked while it is in use. */
export const lockContract = {
  'lock.now': {
    changes: ['audit_log'],
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<AuthStatus>(),
  },
  'lock.activity': { changes: [], input: f.empty(), roles: ANY_ROLE, result: result<null>() },
} as const satisfies Record<string, ContractEntry>;
