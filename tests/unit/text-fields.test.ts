import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { API_NAMES, contract, type ApiName } from '../../shared/api/contract.js';
import { zodFieldErrors } from '../../shared/api/field-errors.js';
import * as f from '../../shared/api/fields.js';
import { isTextField, textField } from '../../shared/domain/text.js';
import { defOf, unwrapped } from '../support/zod-defs.js';

/**
 * Walks a schema down to its text: every string it accepts must come from textField (issue
 * 15), so no field takes NUL, control characters or broken surrogates by accident. Returns the
 * dotted paths of strings that do not, and of the text fields it found.
 */
function walk(
  schema: unknown,
  path: string,
  out: { raw: string[]; text: string[] },
  seen = new Set(),
): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  if (isTextField(schema)) {
    out.text.push(path);
    return;
  }
  const def = defOf(schema);
  const into = (s: unknown, p = path): void => walk(s, p, out, seen);
  const inner = unwrapped(def);
  if (inner !== undefined) return into(inner);
  switch (def.type) {
    case 'string':
    case 'template_literal':
      out.raw.push(path || '(input)');
      return;
    case 'object': {
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>))
        into(v, path ? `${path}.${k}` : k);
      if (def.catchall) into(def.catchall, `${path}.*`);
      return;
    }
    case 'array':
      return into(def.element, `${path}.0`);
    case 'tuple':
      return (def.items as unknown[]).forEach((v, i) => into(v, `${path}.${i}`));
    case 'union':
      return (def.options as unknown[]).forEach((v) => into(v));
    case 'intersection':
      into(def.left);
      return into(def.right);
    case 'record':
      into(def.keyType, `${path}.(key)`);
      return into(def.valueType, `${path}.*`);
    case 'pipe':
      into(def.in);
      return into(def.out);
    case 'optional':
    case 'nullable':
      return into(def.innerType);
    default:
      // Numbers, booleans, enums, literals, null, custom (a certificate checks its own name).
      return;
  }
}

describe('text fields: one builder for every text the API accepts', () => {
  const found = new Map<ApiName, { raw: string[]; text: string[] }>();
  for (const name of API_NAMES) {
    const out = { raw: [] as string[], text: [] as string[] };
    walk(contract[name].input, '', out);
    found.set(name, out);
  }

  it('no API input holds a plain z.string()', () => {
    const raw = [...found].flatMap(([name, { raw }]) => raw.map((p) => `${name}: ${p}`));
    expect(raw).toEqual([]);
  });

  it('finds the text fields it should (the walk reaches into objects, arrays and unions)', () => {
    expect(found.get('workers.create')?.text).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'email', 'phone', 'registrationNumber']),
    );
    expect(found.get('surveys.create')?.text).toEqual(
      expect.arrayContaining(['title', 'questions.0.text', 'questions.0.options.0']),
    );
    expect(found.get('auth.signIn')?.text).toEqual(['username', 'password']);
  });

  /** Each text field of each call, given NUL, fails on that field with the reason. */
  it('refuses NUL in every text field of every call, naming the field', () => {
    const missed: string[] = [];
    for (const [name, { text }] of found) {
      for (const path of text) {
        // Inside a union the rest of the value picks the option; those are tested below.
        if (path.includes('questions.0') || path.startsWith('source.') || path === 'pack') continue;
        const input = inputWith(path, 'a\u0000b');
        const parsed = contract[name].input.safeParse(input);
        const fields = parsed.success ? {} : zodFieldErrors(parsed.error);
        if (!/NUL/.test(fields[path.replace(/\.\*$/, '.x')] ?? fields[path] ?? '')) {
          missed.push(`${name}: ${path} → ${JSON.stringify(fields)}`);
        }
      }
    }
    expect(missed).toEqual([]);
  });

  it.each([
    [
      'surveys.create',
      { title: 'T', questions: [{ kind: 'rating', text: 'a\u0000' }] },
      'questions.0.text',
    ],
    [
      'surveys.create',
      { title: 'T', questions: [{ kind: 'choice', text: 'Q', options: ['a', 'b\u0007'] }] },
      'questions.0.options.1',
    ],
    ['surveys.answer', { id: 1, answers: [3, 'x\u0000'] }, 'answers.1'],
    ['backups.previewRestore', { source: { fileName: 'a\u0000' } }, 'source.fileName'],
    [
      'backups.previewRestore',
      { source: { upload: { name: 'b\uD800', base64: 'AAAA' } } },
      'source.upload.name',
    ],
    ['packs.create', { pack: { name: 'x', notes: ['\u0000'] } }, 'pack.notes.0'],
  ] as const)('names the field inside unions and documents: %s %s', (name, input, path) => {
    const parsed = contract[name].input.safeParse(input);
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(zodFieldErrors(parsed.error)[path]).toMatch(/NUL|control|surrogate/);
  });
});

/** An input with only `value` at the dotted path (array indexes as numbers, `*` as key x). */
function inputWith(path: string, value: unknown): unknown {
  const keys = path.split('.');
  const build = (i: number): unknown => {
    if (i === keys.length) return value;
    const k = keys[i] as string;
    if (/^\d+$/.test(k)) return [build(i + 1)];
    return { [k === '*' ? 'x' : k]: build(i + 1) };
  };
  return build(0);
}

const parse = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? { ok: r.data } : { error: r.error.issues[0]?.message };
};

describe('textField', () => {
  const line = textField({ max: 20, min: 1 });
  const note = textField({ max: 20, multiline: true });

  it('normalises to NFC and trims', () => {
    expect(parse(line, '  Jose\u0301 ')).toEqual({ ok: 'Jos\u00e9' });
    expect(parse(note, 'a\r\nb\rc')).toEqual({ ok: 'a\nb\nc' });
  });

  it.each([
    ['a lone high surrogate', 'eve\uD800', /lone UTF-16 surrogate/],
    ['a lone low surrogate', '\uDC00eve', /lone UTF-16 surrogate/],
    ['NUL', 'a\u0000b', /NUL/],
    ['a bell', 'a\u0007b', /control character \(U\+0007\)/],
    ['DEL', 'a\u007fb', /control character \(U\+007F\)/],
    ['a C1 control', 'a\u0085b', /control character \(U\+0085\)/],
    ['a line break in one-line text', 'a\nb', /single line/],
    ['a tab in one-line text', 'a\tb', /tab/],
    ['zero-width characters only', '\u200B\u200D\uFEFF\u2060', /visible character/],
    ['a Hangul filler only', '\u3164', /visible character/],
    ['combining marks only', '\u0301\u0308', /visible character/],
  ])('refuses %s with the reason', (_, value, reason) => {
    expect(parse(line, value).error).toMatch(reason);
  });

  it('keeps line breaks and tabs in multi-line text, and emoji and accents anywhere', () => {
    expect(parse(note, 'one\n\ttwo')).toEqual({ ok: 'one\n\ttwo' });
    expect(parse(line, 'Zoë 👩‍⚕️')).toEqual({ ok: 'Zoë 👩‍⚕️' });
    expect(parse(note, '\u200B')).toEqual({ ok: '\u200B' }); // optional text need not show
  });

  it('counts the length after normalising', () => {
    expect(parse(textField({ max: 4 }), 'e\u0301e\u0301e\u0301e\u0301')).toEqual({
      ok: '\u00e9\u00e9\u00e9\u00e9',
    });
  });

  it('keeps secrets as typed but still refuses broken characters', () => {
    expect(parse(f.secret(), ' pass word ')).toEqual({ ok: ' pass word ' });
    expect(parse(f.secret(), 'e\u0301')).toEqual({ ok: 'e\u0301' });
    expect(parse(f.secret(), 'pw\uD800').error).toMatch(/surrogate/);
  });

  it('checks every key and string of a JSON document', () => {
    const doc = f.jsonDocument();
    expect(parse(doc, { a: ['ok', { b: 'x\u0000' }] }).error).toMatch(/NUL/);
    expect(parse(doc, { ['k\uD800']: 1 }).error).toMatch(/surrogate/);
    expect(parse(doc, { a: 'line\nbreak' })).toEqual({ ok: { a: 'line\nbreak' } });
  });
});

describe('date fields', () => {
  it('accept real dates from 1900 to 2999 only (found by the fuzz test: week of 9999-12-31)', () => {
    expect(parse(f.isoDate(), '2026-11-18')).toEqual({ ok: '2026-11-18' });
    expect(parse(f.isoDate(), '2026-02-30').error).toBe('Enter a real date: day, month and year');
    expect(parse(f.isoDate(), '9999-12-31').error).toBe('Enter a date from 1900 to 2999');
    expect(parse(f.isoDate(), '0000-01-01').error).toBe('Enter a date from 1900 to 2999');
    expect(parse(f.optionalIsoDate(), '3000-01-01').error).toBe('Enter a date from 1900 to 2999');
    expect(parse(f.optionalIsoDate(), '')).toEqual({ ok: null });
  });
});
