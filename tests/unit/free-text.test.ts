import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { API_NAMES, contract, type ApiName } from '../../shared/api/contract.js';
import { freeTextOf, sensitiveFields } from '../../main/api/free-text.js';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every string field of a schema, as dotted paths (arrays add no segment). */
function stringPaths(schema: z.ZodType, prefix: string[] = []): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return [prefix.join('.')];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([k, v]) => stringPaths(v, [...prefix, k]));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return def.innerType ? stringPaths(def.innerType, prefix) : [];
    case 'pipe':
      return def.in ? stringPaths(def.in, prefix) : [];
    case 'array':
      return def.element ? stringPaths(def.element, prefix) : [];
    case 'union':
      return [...new Set((def.options ?? []).flatMap((o) => stringPaths(o, prefix)))];
    default:
      return [];
  }
}

// Where people write sentences about someone. Any field with such a name must be checked or
// listed below as not free text, so a new notes field cannot slip past the check.
const NOTE_LIKE =
  /(^|\.)(note|notes|comment|comments|reason|description|details?|title|provider|proposedValue|identityMethod|answers?|text)$/;

/** String fields with a note-like name that are not about a person, and why. */
const NOT_FREE_TEXT: Partial<Record<ApiName, string[]>> = {
  // A job title ("Associate MFT") on the worker's profile, kept short.
  'workers.create': ['title'],
  'workers.update': ['title'],
  // The owner's survey wording, shown to everyone; answers are checked.
  'surveys.create': ['title', 'questions.text'],
  'surveys.update': ['title', 'questions.text'],
  // The owner's explanation of a retention rule.
  'privacy.retention.update': ['description'],
  // The saved notes as the supervisor's screen showed them, compared at sign-off, never stored.
  'weeks.approve': ['seen.entries.note'],
};

describe('free-text fields', () => {
  it('every free-text path names a string field of its call', () => {
    for (const name of API_NAMES) {
      const paths = freeTextOf(name) ?? [];
      const strings = stringPaths(contract[name].input);
      for (const path of paths) expect(strings, `${name} ${path}`).toContain(path);
    }
  });

  it('every note-like string field of the contract is checked or explicitly exempt', () => {
    const missing: string[] = [];
    for (const name of API_NAMES) {
      const checked = new Set([...(freeTextOf(name) ?? []), ...(NOT_FREE_TEXT[name] ?? [])]);
      for (const path of stringPaths(contract[name].input)) {
        if (NOTE_LIKE.test(path) && !checked.has(path)) missing.push(`${name} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('reports each flagged field under its own path, and nothing for clean input', () => {
    expect(
      sensitiveFields('ce.create', { title: 'Ethics F32.1', provider: 'SSN 123456789 Inc' }),
    ).toEqual({
      title: 'Looks like a diagnosis code (“F32.1”)',
      provider: 'Looks like a Social Security number (“123456789”)',
    });
    expect(sensitiveFields('ce.create', { title: 'Law and ethics', provider: 'CAMFT' })).toBeNull();
    expect(sensitiveFields('sites.create', { name: '123-45-6789' })).toBeNull();
  });
});
