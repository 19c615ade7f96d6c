import { z } from 'zod';
import { isValidIsoDate } from '../domain/dates.js';
import { HOUR_CATEGORIES } from '../domain/categories.js';

/** Field builders shared by every schema, so the same field fails with the same words everywhere. */
const required = (kind: string) => ({
  error: (issue: { input: unknown }) =>
    issue.input === undefined || issue.input === null ? 'Required' : `Must be ${kind}`,
});

export const id = (what = 'an id') =>
  z
    .number(required(what))
    .int({ error: `Must be ${what}` })
    .positive({ error: `Must be ${what}` });

export const name = (max = 100) =>
  z
    .string(required('text'))
    .trim()
    .min(1, { error: 'Required' })
    .max(max, { error: `At most ${max} characters` });

/** Optional free text: blank becomes null so the database never holds empty strings. */
export const optionalText = (max = 200) =>
  z
    .string(required('text'))
    .trim()
    .max(max, { error: `At most ${max} characters` })
    .nullish()
    .transform((v) => (v ? v : null));

export const email = () =>
  z
    .string(required('text'))
    .trim()
    .toLowerCase()
    .min(1, { error: 'Required' })
    .pipe(z.email({ error: 'Enter a valid email address' }));

export const optionalEmail = () =>
  z
    .string(required('text'))
    .trim()
    .toLowerCase()
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(z.email({ error: 'Enter a valid email address' }).nullable());

export const isoDate = () =>
  z
    .string(required('a date'))
    .trim()
    .refine(isValidIsoDate, { error: 'Enter a real date as YYYY-MM-DD' });

export const optionalIsoDate = () =>
  z
    .string(required('a date'))
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isValidIsoDate(v), { error: 'Enter a real date as YYYY-MM-DD' });

/** License and registration numbers: trimmed, inner whitespace removed, upper-cased. */
export const licenseNumber = () =>
  z
    .string(required('text'))
    .transform((v) => v.replace(/\s+/g, '').toUpperCase())
    .pipe(
      z
        .string()
        .min(1, { error: 'Required' })
        .max(40, { error: 'At most 40 characters' })
        .regex(/^[A-Z0-9-]+$/, { error: 'Use letters, digits and dashes only' }),
    );

export const optionalLicenseNumber = () =>
  z
    .string(required('text'))
    .nullish()
    .transform((v) => (v ? v.replace(/\s+/g, '').toUpperCase() : null))
    .pipe(
      z
        .string()
        .max(40, { error: 'At most 40 characters' })
        .regex(/^[A-Z0-9-]+$/, { error: 'Use letters, digits and dashes only' })
        .nullable(),
    );

export const usState = () =>
  z
    .string(required('text'))
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { error: 'Use the two-letter state code' });

export const category = () =>
  z.enum(HOUR_CATEGORIES, { error: 'Choose one of the hour categories' });

export const minutes = () =>
  z
    .number(required('a number of minutes'))
    .int({ error: 'Must be whole minutes' })
    .min(1, { error: 'Must be at least 1 minute' })
    .max(1440, { error: 'Must be at most 1440 minutes (24 hours)' });

export const empty = () => z.object({}).strict();
