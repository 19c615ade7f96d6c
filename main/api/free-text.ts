import {
  describeSensitive,
  findSensitiveText,
} from '../../shared/domain/privacy/sensitive-text.js';
import { contract, type ApiName, type ContractEntry } from '../../shared/api/contract.js';
import type { FieldErrors } from '../../shared/errors.js';

/** The flag a caller adds to save text the warning flagged; not part of any call's schema. */
export const CONFIRM_SENSITIVE = 'confirmSensitive';

function valuesAt(data: unknown, path: readonly string[]): string[] {
  if (Array.isArray(data)) return data.flatMap((d) => valuesAt(d, path));
  if (!path.length) return typeof data === 'string' ? [data] : [];
  if (typeof data !== 'object' || data === null) return [];
  return valuesAt((data as Record<string, unknown>)[path[0] as string], path.slice(1));
}

/** The free-text input paths of a call, as its contract entry declares them (`freeText`). */
export const freeTextOf = (name: ApiName): readonly string[] | undefined =>
  (contract[name] as ContractEntry).freeText;

/**
 * Field errors for the free-text fields of `name` whose parsed value looks sensitive: text that
 * looks like an SSN, a full birth date or a diagnosis code (issue 7, data minimisation).
 */
export function sensitiveFields(name: ApiName, parsed: unknown): FieldErrors | null {
  const paths = freeTextOf(name);
  if (!paths) return null;
  const fields: FieldErrors = {};
  for (const path of paths) {
    const found = valuesAt(parsed, path.split('.')).flatMap(findSensitiveText);
    const message = describeSensitive(found);
    if (message) fields[path] = message;
  }
  return Object.keys(fields).length ? fields : null;
}
