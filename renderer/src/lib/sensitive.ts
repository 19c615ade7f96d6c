import { useSyncExternalStore } from 'react';
import { ApiError, api, type ApiInput, type ApiName, type ApiResult } from '../api/client';

/**
 * Main answers `sensitive_text` when free text looks like an SSN, a birth date or a diagnosis
 * code (main/api/free-text.ts). This asks the user, through the one dialog the app mounts
 * (components/SensitiveConfirmHost), and resends with `confirmSensitive: true` if they save
 * anyway. A refusal rethrows main's error, so the form shows the reason under the field.
 */
export interface SensitiveQuestion {
  /** Main's field messages, e.g. { note: 'Looks like a birth date (“DOB 03/14/1988”)' }. */
  fields: Record<string, string>;
  answer(save: boolean): void;
}

let pending: SensitiveQuestion | null = null;
const listeners = new Set<() => void>();
const publish = (q: SensitiveQuestion | null) => {
  pending = q;
  listeners.forEach((l) => l());
};

export const useSensitiveQuestion = () =>
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => pending,
  );

/** Resolves true when the user chooses to save anyway. */
export function askSaveSensitive(fields: Record<string, string>): Promise<boolean> {
  // A question still open (a double submit) is answered "no" before the new one is asked.
  pending?.answer(false);
  return new Promise((resolve) => {
    const question: SensitiveQuestion = {
      fields,
      answer(save) {
        if (pending === question) publish(null);
        resolve(save);
      },
    };
    publish(question);
  });
}

/** `api.call`, plus the ask-and-resend round for text main flags as sensitive. */
export async function callConfirmingSensitive<K extends ApiName>(
  name: K,
  input: ApiInput<K>,
): Promise<ApiResult<K>> {
  try {
    return await api.call(name, input);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'sensitive_text') throw err;
    if (!(await askSaveSensitive(err.fields ?? {}))) throw err;
    // The flag sits beside the call's own fields; main takes it off before parsing them.
    return api.call(name, { ...input, confirmSensitive: true } as ApiInput<K>);
  }
}
