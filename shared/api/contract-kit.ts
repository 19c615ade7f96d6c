import { z } from 'zod';
import * as f from './fields.js';
import type { Table } from './tables.js';

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
 * call's scope check (its `subjects`) where it names a person.
 */
export interface Access {
  public?: true;
  whileLocked?: true;
}
export const PUBLIC = { public: true, whileLocked: true } as const satisfies Access;
export const WHILE_LOCKED = { whileLocked: true } as const satisfies Access;

/**
 * A worker a call concerns, said as data (this file runs in the renderer too); main resolves
 * each to worker ids (main/api/subjects.ts) and dispatch refuses, and audits, a call naming a
 * worker outside the caller's scope. Calls that list things filter by the same rule in their
 * handlers instead.
 */
export type Subject =
  /** The input's field holds a worker id, or a list of them; absent names nobody. */
  | { kind: 'worker'; field: string }
  /** `personType`/`personId`: a worker when the type is 'worker'; supervisors are the services'. */
  | { kind: 'person' }
  /** The field holds an hour entry's id: its worker (a missing entry names nobody). */
  | { kind: 'entryWorker'; field: string }
  /** The field holds a supervision session's id: its attendees. */
  | { kind: 'sessionAttendees'; field: string }
  /** The field holds a CE record's id: its worker, if a worker's. */
  | { kind: 'ceRecordWorker'; field: string }
  /** The field holds a privacy request's id: its worker, if about one. */
  | { kind: 'requestWorker'; field: string };

export const worker = (field = 'workerId') => ({ kind: 'worker', field }) as const;
export const namedPerson = () => ({ kind: 'person' }) as const;
export const entryWorker = (field = 'id') => ({ kind: 'entryWorker', field }) as const;
export const sessionAttendees = (field = 'id') => ({ kind: 'sessionAttendees', field }) as const;
export const ceRecordWorker = (field = 'id') => ({ kind: 'ceRecordWorker', field }) as const;
export const requestWorker = (field = 'id') => ({ kind: 'requestWorker', field }) as const;

/**
 * Everything about one call, in one place (issue 17): its input, who may make it, whom it
 * concerns, which of its fields are free text, and which tables it reads and changes.
 */
export type ContractEntry = {
  input: z.ZodType;
  roles: readonly Role[];
  result: unknown;
  /** Checked in order; every worker they name must be in the caller's scope. */
  subjects?: readonly Subject[];
  /**
   * Dotted input paths people write sentences in: checked for text that looks like an SSN, a
   * birth date or a diagnosis code (main/api/free-text.ts; tests/unit/free-text.test.ts fails
   * on a note-like field neither listed here nor exempted there).
   */
  freeText?: readonly string[];
  /** What a caller whose role is not in `roles` is told, where the generic refusal says too little. */
  roleRefusal?: string;
} & Declares &
  Access;

/**
 * Every call declares what it reads or what it may change, or both (a type error otherwise),
 * naming tables of shared/api/tables.ts. `reads`: the tables the answer shows; a write that
 * changed one refreshes the renderer's queries of this call (renderer/src/api/invalidation.ts).
 * A read lists audit_log only if it shows the trail: most calls append to it. `changes`: the
 * tables the call may change; what it did change comes back in the envelope.
 */
type Declares =
  | { reads: readonly Table[]; changes?: readonly Table[] }
  | { reads?: readonly Table[]; changes: readonly Table[] };

export const withId = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ id: f.id(), ...shape }).strict();

/**
 * The most common entry: a write only the owner may make, changing `tables` and, as every
 * write does, appending to audit_log in the same transaction.
 */
export const ownerWrite = <I extends z.ZodType, R>(tables: readonly Table[], input: I, res: R) => ({
  changes: ['audit_log', ...tables] as readonly Table[],
  input,
  roles: OWNER,
  result: res,
});

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
