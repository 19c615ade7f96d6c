import { useState, type FormEvent } from 'react';
import type { FieldValues, Path, UseFormReturn, UseFormSetError } from 'react-hook-form';
import { ApiError, errorMessage } from '../api/client';

/**
 * Puts a failed call's field errors next to the fields they belong to (main's zod schemas and
 * rules are the only validation) and returns what is left for the form's banner, if anything.
 * `fieldMap` renames API fields to form fields where they differ.
 */
export function applyApiError<T extends FieldValues>(
  err: unknown,
  setError: UseFormSetError<T>,
  formFields: readonly Path<T>[],
  fieldMap: Partial<Record<string, Path<T>>> = {},
): string | null {
  if (!(err instanceof ApiError) || !err.fields) return errorMessage(err);
  const leftover: string[] = [];
  let focused = false;
  for (const [apiField, message] of Object.entries(err.fields)) {
    const field = fieldMap[apiField] ?? (apiField as Path<T>);
    if (formFields.includes(field)) {
      setError(field, { type: 'server', message }, { shouldFocus: !focused });
      focused = true;
    } else {
      leftover.push(message);
    }
  }
  if (!focused) return err.message;
  return leftover.length ? leftover.join(' ') : null;
}

/** Blank form text becomes null for optional API fields. */
export const blankToNull = (value: string | null | undefined): string | null => {
  const v = value?.trim() ?? '';
  return v === '' ? null : v;
};

/**
 * Submit handling shared by every form: clears the last attempt's server errors (RHF would keep
 * errors on fields it does not validate itself), runs the call, and spreads a failure over the
 * fields and the form's banner.
 */
export function useApiForm<T extends FieldValues>(
  form: UseFormReturn<T>,
  formFields: readonly Path<T>[],
  run: (values: T) => Promise<void>,
  fieldMap: Partial<Record<string, Path<T>>> = {},
) {
  const [formError, setFormError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    form.clearErrors();
    setFormError(null);
    void form.handleSubmit(async (values) => {
      try {
        await run(values);
      } catch (err) {
        setFormError(applyApiError(err, form.setError, formFields, fieldMap));
      }
    })(event);
  };
  return { onSubmit, formError };
}

/**
 * Main's own rule for a field (its zod schema, shared/api/fields.ts), for react-hook-form's
 * `validate`: a form refuses an empty name or a short password with main's words before it is
 * sent. `shape` is the call's input shape from its contract.
 */
export const mainRules =
  <S extends Record<string, { safeParse(v: unknown): { success: boolean; error?: ZodLikeError } }>>(
    shape: S,
  ) =>
  (field: keyof S) =>
  (value: string): true | string => {
    const checked = shape[field]?.safeParse(value);
    return !checked || checked.success || (checked.error?.issues[0]?.message ?? 'Not valid');
  };

interface ZodLikeError {
  issues: { message: string }[];
}
