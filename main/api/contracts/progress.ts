import type { ContractEntry } from '../contract-kit.js';

export const progressContract = {} as const satisfies Record<string, ContractEntry>;
