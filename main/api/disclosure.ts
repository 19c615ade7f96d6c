import { validationError, type FieldErrors } from '../../shared/errors.js';
import type { Disclosure } from '../services/reports/reports.js';
import type { SessionUser } from '../services/session.js';

/**
 * A file of a worker's data is a disclosure unless the worker makes it of their own data: then
 * it is their own access (audited as an export, never asked who it is for). Anyone else's file
 * must name its recipient and purpose; the fields left out are named, as the contract would.
 * Answers null for the person's own copy. A worker who names a recipient anyway (a copy for
 * the board) is recorded as a disclosure like anyone else's.
 */
export function disclosureUnlessOwn(
  user: SessionUser,
  workerId: number | undefined,
  input: { recipient?: string | undefined; purpose?: string | undefined },
): Disclosure | null {
  const { recipient, purpose } = input;
  const own = user.role === 'worker' && (workerId === undefined || workerId === user.workerId);
  if (own && recipient === undefined && purpose === undefined) return null;
  const missing: FieldErrors = {};
  if (recipient === undefined) missing.recipient = 'Required';
  if (purpose === undefined) missing.purpose = 'Required';
  if (recipient === undefined || purpose === undefined) throw validationError(missing);
  return { recipient, purpose };
}
