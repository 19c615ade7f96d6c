import { ANY_ROLE, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

/** About the running app. */
export const appContract = {
  'app.info': {
    reads: [],
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<{ version: string; dataFolder: string; schemaVersion: number }>(),
  },
} as const satisfies Record<string, ContractEntry>;
