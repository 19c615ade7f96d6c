import { settingsSchema, type Settings } from '../../domain/settings.js';
import { ANY_ROLE, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';

/** The practice's settings (security policy and this workstation's file). */
export const settingsContract = {
  'settings.get': {
    reads: ['security_policy', 'settings'],
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<Settings>(),
  },
  'settings.update': ownerWrite(
    ['security_policy'],
    settingsSchema.partial().strict(),
    result<Settings>(),
  ),
} as const satisfies Record<string, ContractEntry>;
