/**
 * Spots text that looks like data Hourkeep must not hold: a US Social Security number, a full
 * birth date, or an ICD-10 diagnosis code. Pure, so the API (main/api/dispatch.ts) and tests
 * share it. It errs towards warning: a warning costs a click, a stored SSN costs a breach.
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
const ICD_DOTTED = /(?<![A-Za-z0-9.])[A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}(?![A-Za-z0-9]|\.\d)/g;
const ICD_BARE = /(?<![A-Za-z0-9.])[A-TV-Z]\d{2}(?![A-Za-z0-9]|\.\d)/gi;
const DIAGNOSIS_WORD = /\b(?:dx|diagnos(?:is|es|ed)|icd(?:-?10)?(?:-cm)?|code)\b/gi;
const DIAGNOSIS_BEFORE = 20;

interface Span {
  start: number;
  end: number;
  text: string;
}

function spans(re: RegExp, text: string, group = 0): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    const start = m.index ?? 0;
    out.push({ start, end: start + m[0].length, text: group ? (m[group] ?? m[0]) : m[0] });
  }
  return out;
}

const near = (word: Span, at: Span, before: number, after: number) =>
  (word.end <= at.start && at.start - word.end <= before) ||
  (word.start >= at.end && word.start - at.end <= after);

function ssns(text: string): Span[] {
  const found = [...spans(SSN_SPLIT, text), ...spans(SSN_LABELLED, text, 1)];
  return found.filter((s, i) => found.findIndex((o) => o.text === s.text) === i);
}

function birthDates(text: string): Span[] {
  const words = spans(BIRTH_WORD, text);
  if (!words.length) return [];
  return spans(FULL_DATE, text).filter((d) =>
    words.some((w) => near(w, d, BIRTH_BEFORE, BIRTH_AFTER)),
  );
}

function diagnosisCodes(text: string): Span[] {
  const dotted = spans(ICD_DOTTED, text);
  const words = spans(DIAGNOSIS_WORD, text);
  const bare = words.length
    ? spans(ICD_BARE, text).filter((c) => words.some((w) => near(w, c, DIAGNOSIS_BEFORE, 0)))
    : [];
  return [...dotted, ...bare];
}

/** Every match in `text`, in the order SSN, birth date, diagnosis code. */
export function findSensitiveText(text: string): SensitiveMatch[] {
  return [
    ...ssns(text).map((s) => ({ kind: 'ssn' as const, text: s.text })),
    ...birthDates(text).map((s) => ({ kind: 'birth_date' as const, text: s.text })),
    ...diagnosisCodes(text).map((s) => ({ kind: 'diagnosis_code' as const, text: s.text })),
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
