import type { ApiInput, ApiName, ApiResult } from '../../../shared/api/contract';
import type { ErrorCode, FieldErrors } from '../../../shared/errors';
import { refreshAfterCall } from './invalidation';
import { queryClient } from './queryClient';

export type { ApiInput, ApiName, ApiResult };

/** An error envelope from main, thrown so TanStack Query and forms can handle it. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fields = fields;
  }
}

function bridge() {
  if (typeof window === 'undefined' || !window.hourkeep) {
    throw new ApiError('internal', 'Hourkeep could not reach its data. Restart the app.');
  }
  return window.hourkeep;
}

/**
 * Who hears about calls refused because the session changed under the screen: `locked` (the
 * app locked) and `forbidden` (perhaps signed out). The auth store registers itself here.
 */
let onSessionError: ((code: 'locked' | 'forbidden') => void) | null = null;
export function setSessionErrorHandler(handler: typeof onSessionError) {
  onSessionError = handler;
}

/**
 * The renderer's one way to reach main: `window.hourkeep.invoke(name, input)` wrapped so the
 * name picks the input and result types from the contract, and error envelopes throw. A call
 * that changed tables resolves only once the queries on screen that read them are re-read
 * (invalidation.ts), whether it came from a mutation, a form or a query.
 */
export const api = {
  async call<K extends ApiName>(name: K, input: ApiInput<K>): Promise<ApiResult<K>> {
    let envelope;
    try {
      envelope = await bridge().invoke(name, input);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError('internal', 'Hourkeep could not reach its data. Try again.');
    }
    if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
      throw new ApiError('internal', 'Hourkeep received an unexpected reply. Try again.');
    }
    if (envelope.ok) {
      await refreshAfterCall(queryClient, name, input, envelope.changed);
      return envelope.value as ApiResult<K>;
    }
    const { code, message, fields } = envelope.error;
    if (code === 'locked' || code === 'forbidden') onSessionError?.(code);
    throw new ApiError(code, message, fields);
  },
};

/** A message fit for a notification, whatever was thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong. Try again.';
}
