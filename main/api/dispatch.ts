import type { z } from 'zod';
import { contract, type ApiName } from './contract.js';
import { AppError, type Envelope, type FieldErrors } from './envelope.js';
import type { HandlerContext, HandlerMap } from './handler-types.js';

export type Dispatch = (
  name: unknown,
  rawInput: unknown,
  ctx: HandlerContext,
) => Promise<Envelope<unknown>>;

export interface DispatchOptions {
  /** Where unexpected errors go: logged in main, never sent to the renderer. */
  onInternalError?: (name: string, err: unknown) => void;
}

const isApiName = (name: unknown): name is ApiName =>
  typeof name === 'string' && Object.hasOwn(contract, name);

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'Unknown field';
      continue;
    }
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

/**
 * The one entry point for every API call, over IPC or the test harness. Input is untrusted:
 * it is parsed against the contract before any handler sees it, the caller's role is checked,
 * and every outcome is an envelope with a stable error code.
 */
export function makeDispatch(handlers: HandlerMap, options: DispatchOptions = {}): Dispatch {
  return async (name, rawInput, ctx) => {
    if (!isApiName(name)) {
      return {
        ok: false,
        error: { code: 'not_found', message: `Unknown API call: ${String(name)}` },
      };
    }
    const entry = contract[name];
    if (!entry.roles.includes(ctx.session.role)) {
      return {
        ok: false,
        error: { code: 'forbidden', message: 'Your role does not allow this action.' },
      };
    }
    const parsed = entry.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const fields = zodFieldErrors(parsed.error);
      const first = Object.entries(fields)[0];
      return {
        ok: false,
        error: {
          code: 'validation',
          message: first
            ? `${first[0] === '_' ? 'Input' : first[0]}: ${first[1]}`
            : 'Input is not valid.',
          fields,
        },
      };
    }
    try {
      const handler = handlers[name] as (input: unknown, c: HandlerContext) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (err) {
      if (err instanceof AppError) {
        return {
          ok: false,
          error: {
            code: err.code,
            message: err.message,
            ...(err.fields ? { fields: err.fields } : {}),
          },
        };
      }
      options.onInternalError?.(name, err);
      return {
        ok: false,
        error: { code: 'internal', message: 'Something went wrong. The change was not saved.' },
      };
    }
  };
}
