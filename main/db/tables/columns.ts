/**
 * Column names are snake_case in SQL and camelCase in the API; the table modules here are the
 * only translators, with these readers for what the driver may hand back.
 */

/** A boolean column: SQLite stores and answers 0 or 1, and accepts true or false. */
export type SqlBool = boolean | number;

export const str = (v: unknown): string => String(v);
export const optStr = (v: unknown): string | null =>
  v === null || v === undefined ? null : String(v);
export const num = (v: unknown): number => Number(v);
export const optNum = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);
export const bool = (v: unknown): boolean => v === true || v === 1 || v === '1';
