import { expect } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { onPostgres } from './pg-test-server.js';

/** The field errors of the AppError `p` rejects with (the test fails if it resolves or throws else). */
export async function fieldsOf(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).fields ?? {};
}

/**
 * The database's own refusal of a second row with the same `table.column` (a unique index named
 * `<table>_<column>_unique`), as SQLite or PostgreSQL words it.
 */
export const uniqueClash = (table: string, column: string): RegExp =>
  onPostgres()
    ? new RegExp(`duplicate key value violates unique constraint "${table}_${column}_unique"`)
    : new RegExp(`UNIQUE constraint failed: ${table}\\.${column}`);
