import { contract, type ApiName, type ContractEntry } from '../../shared/api/contract.js';
import { AppError, type FieldErrors } from '../../shared/errors.js';
import { isConnectionLost, SERVER_UNREACHABLE } from '../db/postgres.js';
import type { Envelope } from '../../shared/api/bridge.js';
import { STORES, type Table } from '../../shared/api/tables.js';
import { zodFieldErrors } from '../../shared/api/field-errors.js';
import { CONFIRM_SENSITIVE, freeTextOf, sensitiveFields } from './free-text.js';
import type { HandlerContext, HandlerMap } from './handler-types.js';
import type { SessionUser } from '../services/session.js';

export type Dispatch = (name: unknown, rawInput: unknown) => Promise<Envelope<unknown>>;

/** What dispatch needs to know about the caller and the world, passed in by the transport's owner. */
export interface DispatchPorts {
  user(): SessionUser | null;
  isLocked(): boolean;
  /** Worker ids the parsed input names (the entry's `subjects`, main/api/subjects.ts). */
  subjects(name: ApiName, input: unknown): Promise<number[]>;
  canActOnWorker(user: SessionUser, workerId: number): Promise<boolean>;
  context(user: SessionUser | null): HandlerContext;
  /** The practice's free-text policy: warn (the caller may confirm) or block. */
  sensitiveTextPolicy(): Promise<'warn' | 'block'>;
  /** Records a refused call in the audit trail. */
  onForbidden(name: ApiName, user: SessionUser, why: string): Promise<void>;
  /**
   * Runs the handler and answers with the tables it changed (main/platform/changes.ts); without
   * it, envelopes carry no `changed`.
   */
  collect?<T>(run: () => Promise<T>): Promise<{ value: T; changed: Table[] }>;
  /** Where unexpected errors go: logged in main, never sent to the renderer. */
  onInternalError?(name: string, err: unknown): void;
  /**
   * Runs a call that needs the open practice (not one that works while locked), so closing
   * the practice can wait for it to end (main/api/calls-in-flight.ts).
   */
  whileOpen?<T>(run: () => Promise<T>): Promise<T>;
}

const isApiName = (name: unknown): name is ApiName =>
  typeof name === 'string' && Object.hasOwn(contract, name);

/**
 * Calls with free text take `confirmSensitive: true` beside their own fields (which stay strict):
 * it is taken off before parsing and says the caller saw the warning and saves anyway.
 */
function takeConfirmation(
  name: ApiName,
  raw: unknown,
): { input: unknown; confirmed: boolean } | { problem: string } {
  if (!freeTextOf(name) || typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { input: raw, confirmed: false };
  if (!Object.hasOwn(raw, CONFIRM_SENSITIVE)) return { input: raw, confirmed: false };
  const { [CONFIRM_SENSITIVE]: flag, ...input } = raw as Record<string, unknown>;
  if (typeof flag !== 'boolean') return { problem: 'Must be true or false' };
  return { input, confirmed: flag };
}

const fail = (code: AppError['code'], message: string, fields?: FieldErrors): Envelope<never> => ({
  ok: false,
  error: { code, message, ...(fields ? { fields } : {}) },
});

/**
 * Free text that looks like an SSN, a birth date or a diagnosis code: under 'warn' the caller
 * gets `sensitive_text` until it confirms; under 'block' it is a validation error either way.
 */
async function sensitiveRefusal(
  fields: FieldErrors,
  confirmed: boolean,
  ports: DispatchPorts,
): Promise<Envelope<never> | null> {
  const first = Object.values(fields)[0] ?? 'Looks like sensitive personal data';
  if ((await ports.sensitiveTextPolicy()) === 'block') {
    const blocked = Object.fromEntries(
      Object.entries(fields).map(([k, v]) => [
        k,
        `${v}. The practice does not allow this in Hourkeep; remove it`,
      ]),
    );
    return fail('validation', `${first}. The practice does not allow this in Hourkeep.`, blocked);
  }
  if (confirmed) return null;
  return fail(
    'sensitive_text',
    `${first}. Hourkeep should not hold it; remove it, or confirm to save anyway.`,
    fields,
  );
}

/** The tables a call changed, plus the stores outside the database it declares it changes. */
function withChanged(entry: ContractEntry, observed: Table[]): { changed?: Table[] } {
  const stores = (entry.changes ?? []).filter((t) => (STORES as readonly string[]).includes(t));
  const changed = [...new Set([...observed, ...stores])].sort();
  return changed.length ? { changed } : {};
}

/**
 * The one entry point for every API call, over IPC or the test harness. In order: the name
 * must exist; the caller must be signed in (unless the call is public) and the app unlocked
 * (unless the call works while locked); the role must be allowed; the input must parse; every
 * worker the input names must be in the caller's scope. Every outcome is an envelope with a
 * stable error code.
 */
export function makeDispatch(handlers: HandlerMap, ports: DispatchPorts): Dispatch {
  return async (name, rawInput) => {
    if (!isApiName(name)) return fail('not_found', `Unknown API call: ${String(name)}`);
    const entry: ContractEntry = contract[name];
    const user = ports.user();
    if (!entry.public) {
      if (!user) return fail('forbidden', 'Sign in first.');
      if (ports.isLocked() && !entry.whileLocked)
        return fail('locked', 'Hourkeep is locked. Unlock it to continue.');
      if (!entry.roles.includes(user.role)) {
        await ports
          .onForbidden(name, user, `role ${user.role} may not call ${name}`)
          .catch(() => undefined);
        return fail('forbidden', entry.roleRefusal ?? 'Your role does not allow this action.');
      }
    }
    const taken = takeConfirmation(name, rawInput ?? {});
    if ('problem' in taken)
      return fail('validation', `${CONFIRM_SENSITIVE}: ${taken.problem}`, {
        [CONFIRM_SENSITIVE]: taken.problem,
      });
    const parsed = entry.input.safeParse(taken.input);
    if (!parsed.success) {
      const fields = zodFieldErrors(parsed.error);
      const first = Object.entries(fields)[0];
      const message = first
        ? `${first[0] === '_' ? 'Input' : first[0]}: ${first[1]}`
        : 'Input is not valid.';
      return fail('validation', message, fields);
    }
    const answer = () => answerParsed(entry, name, user, parsed.data, taken.confirmed);
    return entry.whileLocked || !ports.whileOpen ? answer() : ports.whileOpen(answer);
  };

  async function answerParsed(
    entry: ContractEntry,
    name: ApiName,
    user: SessionUser | null,
    input: unknown,
    confirmed: boolean,
  ): Promise<Envelope<unknown>> {
    try {
      if (user && !entry.public) {
        for (const workerId of await ports.subjects(name, input)) {
          if (!(await ports.canActOnWorker(user, workerId))) {
            await ports
              .onForbidden(name, user, `worker ${workerId} is outside the caller's scope`)
              .catch(() => undefined);
            return fail('forbidden', 'This record is outside what your account can see or change.');
          }
        }
      }
      const sensitive = sensitiveFields(name, input);
      if (sensitive) {
        const refusal = await sensitiveRefusal(sensitive, confirmed, ports);
        if (refusal) return refusal;
      }
      const handler = handlers[name] as (input: unknown, c: HandlerContext) => Promise<unknown>;
      const run = () => handler(input, ports.context(user));
      if (!ports.collect) return { ok: true, value: await run() };
      const { value, changed } = await ports.collect(run);
      return { ok: true, value, ...withChanged(entry, changed) };
    } catch (err) {
      if (err instanceof AppError) return fail(err.code, err.message, err.fields);
      if (isConnectionLost(err)) return fail('unavailable', SERVER_UNREACHABLE);
      ports.onInternalError?.(name, err);
      return fail('internal', 'Something went wrong. The change was not saved.');
    }
  }
}
