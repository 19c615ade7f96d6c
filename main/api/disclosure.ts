import { validationError, type FieldErrors } from '../../shared/errors.js';
import type { PersonKey } from '../../shared/domain/privacy/people.js';
import type { Disclosure } from '../services/reports/reports.js';
import type { SessionUser } from '../services/session.js';

/** Whether the caller is the person: a worker's or supervisor's login linked to their record. */
const isSelf = (user: SessionUser, person: PersonKey): boolean =>
  person.personType === 'worker'
    ? user.role === 'worker' && user.workerId === person.personId
    : user.role === 'supervisor' && user.supervisorId === person.personId;

/**
 * A file of a person's data is a disclosure unless the person makes it of their own data: then
 * it is their own access (audited as an export, never asked who it is for). Anyone else's file
 * must name its recipient and purpose; the fields left out are named, as the contract would.
 * Answers null for the person's own copy. `person` undefined: a worker's file of "every worker
 * I may see", which for a worker is only themselves. A person who names a recipient anyway (a
 * copy for the board) is recorded as a disclosure like anyone else's.
 */
export function disclosureUnlessOwn(
  user: SessionUser,
  person: PersonKey | undefined,
  input: { recipient?: string | undefined; purpose?: string | undefined },
): Disclosure | null {
  const { recipient, purpose } = input;
  const own = person ? isSelf(user, person) : user.role === 'worker';
  if (own && recipient === undefined && purpose === undefined) return null;
  const missing: FieldErrors = {};
  if (recipient === undefined) missing.recipient = 'Required';
  if (purpose === undefined) missing.purpose = 'Required';
  if (recipient === undefined || purpose === undefined) throw validationError(missing);
  return { recipient, purpose };
}

/** A worker named by id, as disclosureUnlessOwn takes them. */
export const workerKey = (workerId: number | undefined): PersonKey | undefined =>
  workerId === undefined ? undefined : { personType: 'worker', personId: workerId };
