import type { ContractEntry } from '../contract-kit.js';

export const reportsContract = {} as const satisfies Record<string, ContractEntry>;
