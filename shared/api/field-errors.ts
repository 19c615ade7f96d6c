import type { z } from 'zod';
import type { FieldErrors } from '../errors.js';

/**
 * A union (a survey answer: a rating, a comment or nothing) that fails says only "Invalid
 * input". When one of its options took the value's type and refused it for a reason (a
 * comment holding a control character), that reason is the one to show.
 */
const SHAPE_ISSUES = new Set(['invalid_type', 'invalid_union', 'unrecognized_keys']);

function unionReason(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  for (const option of issue.errors) {
    const reason = option.find((i) => !SHAPE_ISSUES.has(i.code));
    if (reason) return { ...reason, path: [...issue.path, ...reason.path] };
  }
  return issue;
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const found of error.issues) {
    const issue = unionReason(found);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'Unknown field';
      continue;
    }
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}
