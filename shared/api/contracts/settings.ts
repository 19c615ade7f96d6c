import { settingsSchema, type Settings } from '../../domain/settings.js';
import { ANY_ROLE, OWNER, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

/** The practice's settings (security policy and this workstation's file). */
export const settingsContract = {
  'settings.get': {
    reads: ['security_policy', 'settings'],
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<Settings>(),
  },
  'settings.update': {
    changes: ['audit_log', 'security_policy'],
    input: settingsSchema.partial().strict(),
    roles: OWNER,
    result: result<Settings>(),
  },
} as const satisfies Record<string, ContractEntry>;
