import type { ContractEntry } from '../contract-kit.js';

export const reviewContract = {} as const satisfies Record<string, ContractEntry>;
