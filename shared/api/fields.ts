import { z } from 'zod';
import { DATE_RANGE_MESSAGE, isDateInRange, isValidIsoDate } from '../domain/dates.js';
import { HOUR_CATEGORIES } from '../domain/categories.js';
import { textField } from '../domain/text.js';

export { jsonDocument, textField } from '../domain/text.js';

/** Field builders shared by every schema, so the same field fails with the same words everywhere. */
const required = (kind: string) => ({
  error: (issue: { input: unknown }) =>
    issue.input === undefined || issue.input === null ? 'Required' : `Must be ${kind}`,
});

/** The largest id either database holds: PostgreSQL's ids are `integer` (SQLite's are wider). */
export const MAX_ID = 2 ** 31 - 1;

export const id = (what = 'an id') =>
  z
    .number(required(what))
    .int({ error: `Must be ${what}` })
    .positive({ error: `Must be ${what}` })
    .max(MAX_ID, { error: `Must be ${what}` });

/**
 * Every text field is built by textField (shared/domain/text.ts): NFC, no broken characters, NUL
 * or control characters, and a visible character where text is required. These are its uses.
 */
export const name = (max = 100) => textField({ max, min: 1 });

/** Required text on one line, or over several (a comment, a reason). */
export const requiredText = (max: number, options: { multiline?: boolean } = {}) =>
  textField({ max, min: 1, ...options });

/** Optional free text: blank becomes null so the database never holds empty strings. */
export const optionalText = (max = 200, options: { multiline?: boolean } = {}) =>
  textField({ max, ...options })
    .nullish()
    .transform((v) => (v ? v : null));

/** Notes and comments: several lines allowed. */
export const optionalNote = (max = 1000) => optionalText(max, { multiline: true });

/** Passwords and codes, compared as typed: checked for broken characters, never normalised. */
export const secret = (max = 200, min = 1, tooShort = 'Required') =>
  textField({ max, verbatim: true, notText: 'Required' }, (s) => s.min(min, { error: tooShort }));

export const email = () =>
  textField({ max: 254, min: 1 }, (s) =>
    s.toLowerCase().pipe(z.email({ error: 'Enter a valid email address' })),
  );

export const optionalEmail = () =>
  textField({ max: 254 }, (s) =>
    s
      .toLowerCase()
      .transform((v) => (v ? v : null))
      .pipe(z.email({ error: 'Enter a valid email address' }).nullable()),
  )
    .nullish()
    .transform((v) => v ?? null);

/**
 * Forms send dates from the platform's date input, which shows the day in the workstation's
 * own order (mm/dd/yyyy, dd/mm/yyyy …): the message names no format, so it never contradicts
 * the field. A CSV file's dates are text and its message does say YYYY-MM-DD (check-rows.ts).
 */
const NOT_A_DATE = 'Enter a real date: day, month and year';

export const isoDate = () =>
  // No `min`: a blank date reads "Enter a real date", as a mistyped one does.
  textField({ max: 100, notText: 'Must be a date' }, (s) =>
    s
      .refine(isValidIsoDate, { error: NOT_A_DATE, abort: true })
      .refine(isDateInRange, { error: DATE_RANGE_MESSAGE }),
  );

export const optionalIsoDate = () =>
  textField({ max: 100, notText: 'Must be a date' }, (s) =>
    s
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || isValidIsoDate(v), {
        error: NOT_A_DATE,
        abort: true,
      })
      .refine((v) => v === null || isDateInRange(v), { error: DATE_RANGE_MESSAGE }),
  )
    .nullish()
    .transform((v) => v ?? null);

/** License and registration numbers: inner whitespace removed, upper-cased. */
const licenseShape = (s: z.ZodString) =>
  s
    // NFKC too: full-width letters and digits are the same licence.
    .transform((v) => v.normalize('NFKC').replace(/\s+/g, '').toUpperCase())
    .pipe(
      z
        .string()
        .max(40, { error: 'At most 40 characters' })
        .regex(/^[A-Z0-9-]*$/, { error: 'Use letters, digits and dashes only' }),
    );

export const licenseNumber = () => textField({ max: 80, min: 1 }, licenseShape);

export const optionalLicenseNumber = () =>
  textField({ max: 80 }, (s) => licenseShape(s).transform((v) => (v ? v : null)))
    .nullish()
    .transform((v) => v ?? null);

export const usState = () =>
  textField({ max: 40, min: 1 }, (s) =>
    s.toUpperCase().regex(/^[A-Z]{2}$/, { error: 'Use the two-letter state code' }),
  );

/** Text that must match a pattern (a version, a pack id); the pattern's own words on failure. */
export const pattern = (max: number, re: RegExp, message: string, notText?: string) =>
  textField({ max, min: 1, ...(notText ? { notText } : {}) }, (s) =>
    s.regex(re, { error: message }),
  );

export const category = () =>
  z.enum(HOUR_CATEGORIES, { error: 'Choose one of the hour categories' });

export const minutes = () =>
  z
    .number(required('a number of minutes'))
    .int({ error: 'Must be whole minutes' })
    .min(1, { error: 'Must be at least 1 minute' })
    .max(1440, { error: 'Must be at most 1440 minutes (24 hours)' });

export const empty = () => z.object({}).strict();

/** A password being chosen (set-up, reset, change): at least 10 characters. */
export const newPassword = () => secret(200, 10, 'Use at least 10 characters');

export const username = () =>
  textField({ max: 200, notText: 'Required' }, (s) =>
    s.toLowerCase().regex(/^[a-z0-9._-]{3,60}$/, {
      error: '3 to 60 characters: letters, digits, dot, dash or underscore',
    }),
  );

/**
 * Who a file is for and why: asked of every export that holds a person's data, and written to
 * the disclosure log (reports, CSV, CE certificates, a person's record).
 */
export const disclosureFields = {
  recipient: name(200),
  purpose: name(300),
};

/**
 * The same, for files a worker may also make of their own data: a person downloading their own
 * weekly log or hours is not disclosing it to anyone, so both may be left out then; main asks
 * for them whenever the file is about someone else (main/api/disclosure.ts).
 */
export const disclosureFieldsUnlessOwn = {
  recipient: name(200).optional(),
  purpose: name(300).optional(),
};
