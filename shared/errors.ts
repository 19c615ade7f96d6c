/** The errors every process shares: the codes an API call can fail with, and the one error type. */
export const ERROR_CODES = [
  'validation',
  'forbidden',
  'locked',
  'not_found',
  'conflict',
  'internal',
  // Free text looks like an SSN, a birth date or a diagnosis code; resend with
  // confirmSensitive: true to save it anyway (main/api/free-text.ts).
  'sensitive_text',
  // The practice's database server cannot be reached (issue 21): nothing was applied; the same
  // call may simply be made again once it is back.
  'unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field paths are dotted input paths (`minutes`, `address.city`) mapped to a human reason. */
export type FieldErrors = Record<string, string>;

/**
 * Thrown by services for expected failures; dispatch turns it into an error envelope.
 * Anything else thrown becomes `internal` with a generic message, so no stack trace or SQL
 * text ever crosses to the renderer.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationError = (fields: FieldErrors, message?: string): AppError =>
  new AppError(
    'validation',
    message ?? Object.values(fields)[0] ?? 'Some fields are not valid.',
    fields,
  );

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found.`);
