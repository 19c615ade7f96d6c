/**
 * Spots text that looks like data Hourkeep must not hold: a US Social Security number, a full
 * birth date, or an ICD-10 diagnosis code. Pure, so the API (main/api/dispatch.ts) and tests
 * share it. It errs towards warning: a warning costs a click, a stored SSN costs a breach.
 * The patterns read the text NFKC-normalised and case-folded, so "f32.1" and an SSN typed in
 * full-width digits are found like "F32.1" and "123-45-6789".
 */
export type SensitiveKind = 'ssn' | 'birth_date' | 'diagnosis_code';

export interface SensitiveMatch {
  kind: SensitiveKind;
  /** The text that matched, as typed. */
  text: string;
}

export const SENSITIVE_KIND_LABELS: Record<SensitiveKind, string> = {
  ssn: 'a Social Security number',
  birth_date: 'a birth date',
  diagnosis_code: 'a diagnosis code',
};

// Three groups split the same way (123-45-6789, 123 45 6789), not part of a longer number.
const SSN_SPLIT = /(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])/g;
// After a label, the digits may run together: "SSN 123456789", "SS# 123-45-6789".
const SSN_LABELLED =
  /\b(?:ssn|ss#|soc(?:ial)?\.?\s*sec(?:urity)?\.?(?:\s*(?:number|no\.?|#))?)\s*[:#.-]?\s*(\d{3}[- ]?\d{2}[- ]?\d{4})(?!\d)/gi;

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
// A full date (day, month and year), numeric or with the month in words.
const FULL_DATE = new RegExp(
  [
    String.raw`(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)`,
    String.raw`(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})(?!\d)`,
    String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:${MONTHS})\.?,?\s+\d{4}\b`,
  ].join('|'),
  'gi',
);
const BIRTH_WORD = /\b(?:born|dob|d\.o\.b\.?|birth(?:day|date)?|b-?day|date\s+of\s+birth)\b/gi;
/** How far apart a birth word and a date may be and still read as one statement. */
const BIRTH_BEFORE = 25;
const BIRTH_AFTER = 15;

// ICD-10-CM: a letter, two digits (the third character may be a letter: C4A, M1A), and after
// a dot up to four characters. With the dot the shape is distinctive enough on its own; a bare
// "F32" or "W47" (a week number, a room, a vitamin) counts only next to a diagnosis word.
const ICD_DOTTED = /(?<![a-z0-9.])[a-tv-z]\d[0-9a-z]\.[0-9a-z]{1,4}(?![a-z0-9]|\.\d)/g;
const ICD_BARE = /(?<![A-Za-z0-9.])[A-TV-Z]\d{2}(?![A-Za-z0-9]|\.\d)/gi;
const DIAGNOSIS_WORD = /\b(?:dx|diagnos(?:is|es|ed)|icd(?:-?10)?(?:-cm)?|code)\b/gi;
const DIAGNOSIS_BEFORE = 20;

interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * The text the patterns read: each character NFKC-normalised (full-width digits and letters
 * become plain ones) and case-folded, dashes made "-" and spaces " " (issue 15: "f32.1" and an
 * SSN in full-width digits went unnoticed). `from[i]` and `to[i]` are where the character that
 * gave folded unit i starts and ends in the original, so a match is quoted as it was typed.
 */
interface Folded {
  text: string;
  from: number[];
  to: number[];
}

function fold(original: string): Folded {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < original.length;) {
    const cp = original.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const folded = String.fromCodePoint(cp)
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\p{Pd}/gu, '-')
      .replace(/\p{Zs}/gu, ' ');
    for (let k = 0; k < folded.length; k++) {
      from.push(i);
      to.push(i + width);
    }
    text += folded;
    i += width;
  }
  return { text, from, to };
}

/** A span of the folded text as the original's span and text. */
function unfold(f: Folded, original: string, start: number, end: number): Span {
  const s = f.from[start] ?? original.length;
  const e = end > start ? (f.to[end - 1] ?? original.length) : s;
  return { start, end, text: original.slice(s, e) };
}

/** Matches of `re` in the folded text; positions stay folded, the text is as typed. */
function spans(re: RegExp, f: Folded, original: string, group = 0): Span[] {
  const out: Span[] = [];
  for (const m of f.text.matchAll(re)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    let quoted = unfold(f, original, start, end).text;
    if (group && m[group] !== undefined) {
      const at = start + m[0].lastIndexOf(m[group]);
      quoted = unfold(f, original, at, at + m[group].length).text;
    }
    out.push({ start, end, text: quoted });
  }
  return out;
}

const near = (word: Span, at: Span, before: number, after: number) =>
  (word.end <= at.start && at.start - word.end <= before) ||
  (word.start >= at.end && word.start - at.end <= after);

function ssns(f: Folded, original: string): Span[] {
  const found = [...spans(SSN_SPLIT, f, original), ...spans(SSN_LABELLED, f, original, 1)];
  return found.filter((s, i) => found.findIndex((o) => o.text === s.text) === i);
}

function birthDates(f: Folded, original: string): Span[] {
  const words = spans(BIRTH_WORD, f, original);
  if (!words.length) return [];
  return spans(FULL_DATE, f, original).filter((d) =>
    words.some((w) => near(w, d, BIRTH_BEFORE, BIRTH_AFTER)),
  );
}

function diagnosisCodes(f: Folded, original: string): Span[] {
  const dotted = spans(ICD_DOTTED, f, original);
  const words = spans(DIAGNOSIS_WORD, f, original);
  const bare = words.length
    ? spans(ICD_BARE, f, original).filter((c) => words.some((w) => near(w, c, DIAGNOSIS_BEFORE, 0)))
    : [];
  return [...dotted, ...bare];
}

/** Every match in `text`, in the order SSN, birth date, diagnosis code; quoted as typed. */
export function findSensitiveText(text: string): SensitiveMatch[] {
  const f = fold(text);
  return [
    ...ssns(f, text).map((s) => ({ kind: 'ssn' as const, text: s.text })),
    ...birthDates(f, text).map((s) => ({ kind: 'birth_date' as const, text: s.text })),
    ...diagnosisCodes(f, text).map((s) => ({ kind: 'diagnosis_code' as const, text: s.text })),
  ];
}

/** One sentence for a form field: "Looks like a birth date (03/14/1988) and a diagnosis code (F32.1)." */
export function describeSensitive(matches: readonly SensitiveMatch[]): string | null {
  if (!matches.length) return null;
  const byKind = new Map<SensitiveKind, string[]>();
  for (const m of matches) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), m.text]);
  const parts = [...byKind].map(
    ([kind, texts]) => `${SENSITIVE_KIND_LABELS[kind]} (${texts.map((t) => `“${t}”`).join(', ')})`,
  );
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `Looks like ${list}`;
}
