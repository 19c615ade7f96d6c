/**
 * The rules every piece of text the API accepts follows (issue 15), pure so main, the renderer
 * and tests share them. main/api/fields.ts builds the zod fields on top of them.
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
/** C0 and C1 controls and DEL (Unicode category Cc). */
const CONTROL = /\p{Cc}/u;
/** What a multi-line field may hold of them: tab and line breaks. */
const LAYOUT_CONTROL = /[\t\n\r]/;

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

/** Why `value` is not acceptable text, in words for a form field; null when it is. */
export function textProblem(value: string, rules: TextRules = {}): string | null {
  if (LONE_SURROGATE.test(value)) {
    return 'Contains a broken character (a lone UTF-16 surrogate); type or paste the text again';
  }
  if (value.includes('\u0000')) return 'Contains a NUL character; remove it';
  for (const c of value) {
    if (!CONTROL.test(c)) continue;
    if (rules.multiline && LAYOUT_CONTROL.test(c)) continue;
    if (c === '\n' || c === '\r') return 'Must be a single line';
    return `Contains a control character (${hex(c)}); remove it`;
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
