import type { ContractEntry } from '../contract-kit.js';

export const ceContract = {} as const satisfies Record<string, ContractEntry>;
