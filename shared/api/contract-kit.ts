import { z } from 'zod';
import * as f from './fields.js';

/** The building blocks every part of the contract uses (shared/api/contract.ts joins the parts). */
export const ROLES = ['owner', 'supervisor', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/** A phantom: `result` is never read at run time, it only carries the result type. */
export const result = <T>() => undefined as unknown as T;
export const OWNER: readonly Role[] = ['owner'];
export const ANY_ROLE: readonly Role[] = ROLES;
/** Workers act on their own records; supervisors on their current supervisees'. */
export const PEOPLE: readonly Role[] = ROLES;
export const STAFF: readonly Role[] = ['owner', 'supervisor'];

/**
 * public: callable without signing in (status, set-up, sign-in, recovery).
 * whileLocked: still answered when the app is locked (status, unlock, sign-out).
 * Everything else needs a signed-in, unlocked session, one of `roles`, and passes the
 * call's scope check (main/api/scopes.ts) where it names a person.
 */
export interface Access {
  public?: true;
  whileLocked?: true;
}
export const PUBLIC: Access = { public: true, whileLocked: true };
export const WHILE_LOCKED: Access = { whileLocked: true };

export type ContractEntry = { input: z.ZodType; roles: readonly Role[]; result: unknown } & Access;

export const withId = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ id: f.id(), ...shape }).strict();

/** Joins the parts of the contract; a name defined in two parts is a programming error. */
export function joinContractParts<T extends Record<string, ContractEntry>[]>(
  ...parts: T
): UnionToIntersection<T[number]> {
  const joined: Record<string, ContractEntry> = {};
  for (const part of parts) {
    for (const [name, entry] of Object.entries(part)) {
      if (name in joined) throw new Error(`API name defined twice in the contract: ${name}`);
      joined[name] = entry;
    }
  }
  return joined as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;
