import type { Q } from '../db/query.js';
import type { FieldErrors } from '../../shared/errors.js';

/** Field name → table, for inputs that point at other records. */
const TABLES = { workerId: 'workers', supervisorId: 'supervisors', siteId: 'sites' } as const;
const LABELS = { workerId: 'worker', supervisorId: 'supervisor', siteId: 'site' } as const;

/**
 * Reports each reference that points at no record as a field error, so a stale or forged id
 * reads "No such supervisor" next to the field instead of failing on a foreign key.
 */
export async function missingReferences(
  trx: Q,
  refs: Partial<Record<keyof typeof TABLES, number>>,
): Promise<FieldErrors> {
  const fields: FieldErrors = {};
  for (const [field, id] of Object.entries(refs) as [keyof typeof TABLES, number][]) {
    const found = await trx(TABLES[field]).where({ id }).first('id');
    if (!found) fields[field] = `No such ${LABELS[field]}`;
  }
  return fields;
}

/** The same errors as missingReferences, from lookups already made (batched or combined). */
export function referenceProblems(found: Record<keyof typeof TABLES, boolean>): FieldErrors {
  const fields: FieldErrors = {};
  for (const field of Object.keys(TABLES) as (keyof typeof TABLES)[])
    if (!found[field]) fields[field] = `No such ${LABELS[field]}`;
  return fields;
}
