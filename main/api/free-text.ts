import {
  describeSensitive,
  findSensitiveText,
} from '../../shared/domain/privacy/sensitive-text.js';
import type { ApiName } from '../../shared/api/contract.js';
import type { FieldErrors } from '../../shared/errors.js';

/**
 * Every free-text field the API accepts, by call, as dotted input paths. Dispatch checks them
 * after parsing for text that looks like an SSN, a full birth date or a diagnosis code (issue 7,
 * data minimisation); tests/unit/free-text.test.ts fails on a note-like field missing here.
 */
export const FREE_TEXT_FIELDS: { readonly [K in ApiName]?: readonly string[] } = {
  'hours.add': ['note'],
  'hours.update': ['note'],
  'weeks.return': ['comment'],
  'weeks.startAmendment': ['reason'],
  'sessions.create': ['note'],
  'sessions.update': ['note'],
  'ce.create': ['title', 'provider'],
  'ce.update': ['title', 'provider'],
  'privacy.requests.file': ['note', 'week.proposed.note', 'profile.proposedValue'],
  'privacy.requests.register': [
    'note',
    'week.proposed.note',
    'profile.proposedValue',
    'identityMethod',
  ],
  'privacy.requests.decide': ['reason'],
  // A survey's comment answers: anonymous, but a pasted SSN would still be held.
  'surveys.answer': ['answers'],
};

/** The flag a caller adds to save text the warning flagged; not part of any call's schema. */
export const CONFIRM_SENSITIVE = 'confirmSensitive';

function valuesAt(data: unknown, path: readonly string[]): string[] {
  if (Array.isArray(data)) return data.flatMap((d) => valuesAt(d, path));
  if (!path.length) return typeof data === 'string' ? [data] : [];
  if (typeof data !== 'object' || data === null) return [];
  return valuesAt((data as Record<string, unknown>)[path[0] as string], path.slice(1));
}

/** Field errors for the free-text fields of `name` whose parsed value looks sensitive. */
export function sensitiveFields(name: ApiName, parsed: unknown): FieldErrors | null {
  const paths = FREE_TEXT_FIELDS[name];
  if (!paths) return null;
  const fields: FieldErrors = {};
  for (const path of paths) {
    const found = valuesAt(parsed, path.split('.')).flatMap(findSensitiveText);
    const message = describeSensitive(found);
    if (message) fields[path] = message;
  }
  return Object.keys(fields).length ? fields : null;
}
