import type { z } from 'zod';
import { AppError } from '../../../shared/errors.js';

/**
 * Refusals of a review file (an enrolment request, a decision file): each names the file and
 * what is wrong with it, on the `file` field the screens show under the file picker. Nothing
 * has been written when one is thrown.
 */
export const fileRefused = (
  fileName: string,
  why: string,
  code: 'validation' | 'conflict' = 'validation',
) => new AppError(code, `${fileName}: ${why}`, { file: `${fileName}: ${why}` });

/** The file's bytes as JSON, or a refusal saying it is not one (or was cut short). */
export function parseJsonFile(fileName: string, base64: string, what: string): unknown {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fileRefused(
      fileName,
      `this is not ${what}, or the file was cut short (it does not read as complete JSON).`,
    );
  }
}

/** The file checked against its schema; a wrong format or a missing field is named. */
export function checkShape<T>(
  fileName: string,
  value: unknown,
  schema: z.ZodType<T>,
  what: string,
  format: string,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // An enrolment request says its format at the top; envelopes say it in their header.
  const top = value as { format?: unknown; header?: { format?: unknown } } | null;
  const got = top?.format ?? top?.header?.format;
  if (got !== format)
    throw fileRefused(
      fileName,
      `this is not ${what} (its format is ${typeof got === 'string' ? `"${got.slice(0, 60)}"` : 'missing'}).`,
    );
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the file';
  throw fileRefused(
    fileName,
    `${what} is incomplete or damaged (${where}: ${issue?.message ?? 'not valid'}).`,
  );
}
