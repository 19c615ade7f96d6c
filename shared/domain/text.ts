import { z } from 'zod';

/**
 * The rules every piece of text the API accepts follows (issue 15), pure so main, the renderer
 * and tests share them. shared/api/fields.ts builds the zod fields on top of them.
 *
 * - Text is stored in Unicode NFC, so "José" typed on macOS (decomposed) and on Windows
 *   (composed) is the same name, the same key and the same bytes in an export.
 * - A lone UTF-16 surrogate is not text: SQLite would store it as U+FFFD, so what was checked,
 *   hashed or compared would differ from what is kept.
 * - NUL and other control characters have no place in a name or a note; they end strings in C
 *   and PostgreSQL and flow raw into CSV files. Multi-line fields keep line breaks and tabs.
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * Characters that show nothing on their own: white space, format and default-ignorable
 * characters (zero-width space and joiners, BOM, Hangul fillers, variation selectors),
 * combining marks with no base, and the blank Braille pattern.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/u;

export interface TextRules {
  /** Tabs and line breaks allowed (notes, comments, the notice). */
  multiline?: boolean;
}

const hex = (c: string) =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Anything outside printable ASCII: most text has none, and then needs no closer look. */
const NOT_PLAIN = /[^\x20-\x7E]/;
const ANY_CONTROL = /\p{Cc}/u;
/** A control character other than tab and line breaks. */
const OTHER_CONTROL = /[^\P{Cc}\t\n\r]/u;
const LINE_BREAK = /[\n\r]/;

/** " on line 3" when `value` has several lines, so a long text's problem can be found. */
function where(value: string, index: number, rules: TextRules): string {
  if (!rules.multiline || !LINE_BREAK.test(value)) return '';
  const before = value.slice(0, index);
  return ` on line ${(before.match(/\r\n|\r|\n/g) ?? []).length + 1}`;
}

/** Why `value` is not acceptable text, in words for a form field; null when it is. */
export function textProblem(value: string, rules: TextRules = {}): string | null {
  // Regular expressions, not a loop over characters: a field may hold megabytes (a CSV file).
  if (!NOT_PLAIN.test(value)) return null;
  const lone = LONE_SURROGATE.exec(value);
  if (lone) {
    return `Contains a broken character (a lone UTF-16 surrogate)${where(value, lone.index, rules)}; type or paste the text again`;
  }
  const nul = value.indexOf('\u0000');
  if (nul >= 0) return `Contains a NUL character${where(value, nul, rules)}; remove it`;
  if (!ANY_CONTROL.test(value)) return null;
  const other = OTHER_CONTROL.exec(value);
  if (other) {
    return `Contains a control character (${hex(other[0])})${where(value, other.index, rules)}; remove it`;
  }
  if (!rules.multiline) {
    if (LINE_BREAK.test(value)) return 'Must be a single line';
    return 'Contains a tab; use spaces';
  }
  return null;
}

/** NFC, with Windows and old Mac line breaks as \n (multi-line text is stored one way). */
export function normaliseText(value: string): string {
  return value.normalize('NFC').replace(/\r\n?/g, '\n');
}

/** True when some character of `value` shows on screen (names, titles). */
export function hasVisibleCharacter(value: string): boolean {
  for (const c of value) if (!INVISIBLE.test(c)) return true;
  return false;
}

/**
 * Text as a UTF-8 store keeps it: lone surrogates become U+FFFD (as SQLite does) and NUL too
 * (which C strings and PostgreSQL refuse). For text that did not come through the API's fields.
 */
export function storableText(value: string): string {
  return value.replace(LONE_SURROGATES, '\uFFFD').replaceAll('\u0000', '\uFFFD');
}

export interface TextFieldOptions extends TextRules {
  /** Longest accepted, in UTF-16 code units after normalising and trimming. */
  max: number;
  /** Shortest accepted; 1 or more also asks for a visible character. Default 0. */
  min?: number;
  /**
   * Passwords, codes and file contents compared or decoded as typed: checked for broken
   * characters like any text, but neither normalised nor trimmed.
   */
  verbatim?: boolean;
  /** The message for a value that is not a string (undefined and null read "Required"). */
  notText?: string;
  /** The message for text longer than `max`; "At most N characters" by default. */
  tooLong?: string;
}

const TEXT_FIELDS = new WeakSet<z.ZodType>();

/** True for a schema `textField` (or `jsonDocument`) built: tests walk the contract with it. */
export const isTextField = (schema: unknown): boolean =>
  typeof schema === 'object' && schema !== null && TEXT_FIELDS.has(schema as z.ZodType);

const VISIBLE_MESSAGE = 'Must contain a visible character, not only spaces or invisible ones';

/**
 * The one builder for text the API accepts (issue 15): refuses broken characters, NUL and
 * control characters with a reason, normalises to NFC, trims, checks the length and, for
 * required text, that something visible is there. `then` adds a field's own checks (a pattern,
 * an email address, lower-casing) on the normalised text.
 */
export function textField<Out = string>(
  options: TextFieldOptions,
  then?: (checked: z.ZodString) => z.ZodType<Out, string>,
): z.ZodType<Out, string> {
  const { max, min = 0, verbatim = false, notText = 'Must be text' } = options;
  const tooLong = options.tooLong ?? `At most ${max} characters`;
  const base = z
    .string({
      error: (issue) => (issue.input === undefined || issue.input === null ? 'Required' : notText),
    })
    .transform((raw, ctx) => {
      const problem = textProblem(raw, options);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem, input: raw });
        return z.NEVER;
      }
      return verbatim ? raw : normaliseText(raw).trim();
    });
  let checked = z.string();
  if (min > 0) {
    checked = checked.min(min, { error: min === 1 ? 'Required' : `At least ${min} characters` });
  }
  checked = checked.max(max, { error: tooLong });
  if (min > 0 && !verbatim) {
    checked = checked.refine((v) => v === '' || hasVisibleCharacter(v), { error: VISIBLE_MESSAGE });
  }
  const schema = base.pipe(then ? then(checked) : checked) as z.ZodType<Out, string>;
  TEXT_FIELDS.add(schema);
  return schema;
}

/** The first string (key or value) in a JSON value that `textProblem` refuses, with its path. */
function jsonTextProblem(
  value: unknown,
  path: (string | number)[],
  depth: number,
): { path: (string | number)[]; message: string } | null {
  if (depth > 64) return { path, message: 'Nested too deeply' };
  if (typeof value === 'string') {
    const message = textProblem(value, { multiline: true });
    return message ? { path, message } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = jsonTextProblem(v, [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const message = textProblem(k, {});
      if (message) return { path: [...path, k], message: `Field name: ${message}` };
      const found = jsonTextProblem(v, [...path, k], depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A JSON object whose own schema is checked later (a requirement pack): every key and string
 * in it follows the text rules, so nothing broken reaches the service that reads it.
 */
export function jsonDocument(notObject = 'Must be a JSON object') {
  const schema = z.record(z.string(), z.unknown(), { error: notObject }).superRefine((doc, ctx) => {
    const found = jsonTextProblem(doc, [], 0);
    if (found) ctx.addIssue({ code: 'custom', path: found.path, message: found.message });
  });
  TEXT_FIELDS.add(schema);
  return schema;
}
