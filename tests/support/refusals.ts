import { expect } from 'vitest';
import { AppError } from '../../shared/errors.js';

/** The field errors of the AppError `p` rejects with (the test fails if it resolves or throws else). */
export async function fieldsOf(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).fields ?? {};
}
