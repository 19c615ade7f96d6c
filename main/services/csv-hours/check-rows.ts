import type { Q } from '../../db/query.js';
import {
  CATEGORY_LABELS,
  HOUR_CATEGORIES,
  type HourCategory,
} from '../../../shared/domain/categories.js';
import {
  DATE_RANGE_MESSAGE,
  isDateInRange,
  isValidIsoDate,
  type IsoDate,
} from '../../../shared/domain/dates.js';
import { MAX_MINUTES_PER_DAY } from '../../../shared/domain/hour-rules.js';
import type { CsvPreviewRow } from '../../../shared/domain/reports.js';
import { unescapeFormula } from '../../../shared/domain/reports.js';
import {
  describeSensitive,
  findSensitiveText,
} from '../../../shared/domain/privacy/sensitive-text.js';
import { normaliseText, textProblem } from '../../../shared/domain/text.js';
import type { NewHourEntry } from '../../db/tables/hour-entries.js';
import { makeHourChecker, type HourFacts } from '../hour-checks.js';
import type { CsvRow } from './parse.js';

/** A row that passed every check, ready to insert. */
export interface ValidRow extends NewHourEntry {
  line: number;
}

/**
 * A row naming a worker the caller may not act on, or (for a supervisor) another supervisor:
 * the whole import is refused for it.
 */
export interface OutOfScope {
  line: number;
  workerId: number | null;
  /** Set when the row is refused for its supervisor, not its worker. */
  supervisorId?: number;
}

/** A row after the checks that need no database: its errors so far, and the entry if none. */
interface ReadRow {
  row: CsvRow;
  errors: Record<string, string>;
  /** The column the supervisor was given in, for the assignment rule's message. */
  supField: string;
  entry?: HourFacts;
  category?: HourCategory;
  note?: string | null;
}

interface Named {
  id: number;
  keys: string[];
}

/** Case- and width-insensitive, as emails are compared (shared/domain/identity.ts). */
const keyOf = (value: string) => value.normalize('NFKC').trim().toLowerCase();

/**
 * Looks a record up by any of its keys; two matches is an error. Emails are unique (issue 15),
 * so two matches on an email means duplicates kept from a database older than that rule.
 */
function lookup(records: readonly Named[], what: string, instead: string) {
  const index = new Map<string, number[]>();
  for (const r of records) {
    for (const k of new Set(r.keys.map(keyOf))) {
      index.set(k, [...(index.get(k) ?? []), r.id]);
    }
  }
  return (value: string): { id: number } | { error: string } => {
    const ids = index.get(keyOf(value)) ?? [];
    if (ids.length === 1) return { id: ids[0] as number };
    if (ids.length > 1) return { error: `${ids.length} ${what}s match "${value}"; use ${instead}` };
    return { error: `No ${what} named "${value}"` };
  };
}

const CATEGORY_BY_NAME = new Map<string, HourCategory>(
  HOUR_CATEGORIES.flatMap((c) => [
    [c, c],
    [CATEGORY_LABELS[c].toLowerCase(), c],
  ]),
);

/** "90" → 90 minutes; "1.5" hours → 90 minutes. Reports on the column it read. */
function readMinutes(
  v: Record<string, string>,
): { minutes: number } | { field: string; error: string } {
  const rawMinutes = v.minutes ?? '';
  const rawHours = v.hours ?? '';
  if (rawMinutes !== '') {
    if (!/^\d+$/.test(rawMinutes)) return { field: 'minutes', error: 'Must be whole minutes' };
    const minutes = Number(rawMinutes);
    if (minutes < 1) return { field: 'minutes', error: 'Must be at least 1 minute' };
    if (minutes > MAX_MINUTES_PER_DAY)
      return { field: 'minutes', error: 'Must be at most 1440 minutes (24 hours)' };
    // A spreadsheet edit that changed hours but not minutes would otherwise go unnoticed.
    if (rawHours !== '' && Math.abs(Number(rawHours) * 60 - minutes) >= 1) {
      return {
        field: 'hours',
        error: `Does not match minutes (${minutes} min = ${(minutes / 60).toFixed(2)} h)`,
      };
    }
    return { minutes };
  }
  if (rawHours === '') return { field: 'minutes', error: 'Required: minutes or hours' };
  if (!/^\d+(\.\d+)?$/.test(rawHours))
    return { field: 'hours', error: 'Must be a number of hours such as 1.5' };
  const minutes = Math.round(Number(rawHours) * 60);
  if (minutes < 1) return { field: 'hours', error: 'Must be at least 1 minute' };
  if (minutes > MAX_MINUTES_PER_DAY) return { field: 'hours', error: 'Must be at most 24 hours' };
  return { minutes };
}

/** Which CSV column a rule's API field error belongs to. */
const COLUMN_OF: Record<string, string> = {
  workerId: 'worker_id',
  siteId: 'site',
  supervisorId: 'supervisor',
  date: 'date',
  minutes: 'minutes',
};

/**
 * Checks every row with the same rules as hours.add (main/services/hour-checks.ts), plus what a
 * file adds: names to resolve, and the 24-hour day counted across rows of the same file. Reads
 * only. `inScope` says whether the caller may import a worker's hours.
 */
export async function checkRows(
  q: Q,
  rows: readonly CsvRow[],
  options: {
    today: IsoDate;
    inScope: (workerId: number) => boolean;
    /** Whether the caller may log hours under this supervisor (a supervisor: only themselves). */
    mayLogAs?: (supervisorId: number) => boolean;
    onRow?: (done: number) => void;
  },
): Promise<{ preview: CsvPreviewRow[]; valid: ValidRow[]; outOfScope: OutOfScope[] }> {
  const workers = (await q('workers').select('id', 'email')) as { id: number; email: string }[];
  const workerIds = new Set(workers.map((w) => Number(w.id)));
  const workerByEmail = lookup(
    workers.map((w) => ({ id: Number(w.id), keys: [w.email] })),
    'worker',
    'the worker_id column instead',
  );
  const site = lookup(
    ((await q('sites').select('id', 'name')) as { id: number; name: string }[]).map((s) => ({
      id: Number(s.id),
      keys: [s.name],
    })),
    'site',
    'a site name only one site has',
  );
  const supervisors = (await q('supervisors').select('id', 'email', 'first_name', 'last_name')) as {
    id: number;
    email: string;
    first_name: string;
    last_name: string;
  }[];
  const supervisor = lookup(
    supervisors.map((s) => ({
      id: Number(s.id),
      keys: [s.email, `${s.first_name} ${s.last_name}`],
    })),
    'supervisor',
    'the email instead',
  );
  const problems = makeHourChecker(q, options.today);
  const pending = new Map<string, number>();

  // A file repeats a few dates thousands of times, and the calendar check is not cheap.
  const realDates = new Map<string, boolean>();
  const realDate = (date: string) => {
    let known = realDates.get(date);
    if (known === undefined) {
      known = isValidIsoDate(date);
      realDates.set(date, known);
    }
    return known;
  };

  const outOfScope: OutOfScope[] = [];
  // First what each row says on its own; then the rules that read the database, with every fact
  // they need read in one go (a query per row made a 20,000-row file take seconds).
  const read: ReadRow[] = [];
  for (const [at, row] of rows.entries()) {
    await breather(at);
    const v = row.values;
    const errors: Record<string, string> = {};

    let workerId: number | null = null;
    if (v.worker_id) {
      if (!/^\d+$/.test(v.worker_id)) errors.worker_id = 'Must be a worker id (a whole number)';
      else if (!workerIds.has(Number(v.worker_id))) errors.worker_id = 'No worker has this id';
      else workerId = Number(v.worker_id);
    } else if (v.worker_email) {
      const found = workerByEmail(v.worker_email);
      if ('id' in found) workerId = found.id;
      else errors.worker_email = found.error;
    } else {
      errors.worker_id = 'Required: worker_id or worker_email';
    }
    if (workerId !== null && !options.inScope(workerId)) {
      outOfScope.push({ line: row.line, workerId });
      errors[v.worker_id ? 'worker_id' : 'worker_email'] =
        'This worker is outside what your account can import';
      workerId = null;
    }

    const date = v.date ?? '';
    if (!date) errors.date = 'Required';
    else if (!realDate(date)) errors.date = 'Enter a real date as YYYY-MM-DD';
    else if (!isDateInRange(date)) errors.date = DATE_RANGE_MESSAGE;

    let siteId: number | null = null;
    if (!v.site) errors.site = 'Required';
    else {
      const found = site(v.site);
      if ('id' in found) siteId = found.id;
      else errors.site = found.error;
    }

    let supervisorId: number | null = null;
    const supField = v.supervisor_email ? 'supervisor_email' : 'supervisor';
    const supValue = v.supervisor_email || v.supervisor;
    if (!supValue) errors.supervisor = 'Required: supervisor name or email';
    else {
      const found = supervisor(supValue);
      if ('id' in found) supervisorId = found.id;
      else errors[supField] = found.error;
    }
    if (supervisorId !== null && options.mayLogAs && !options.mayLogAs(supervisorId)) {
      // A row already refused for its worker is listed once.
      if (outOfScope.at(-1)?.line !== row.line)
        outOfScope.push({ line: row.line, workerId, supervisorId });
      errors[supField] = 'You can import hours only in your own name';
      supervisorId = null;
    }

    const category = CATEGORY_BY_NAME.get((v.category ?? '').toLowerCase());
    if (!v.category) errors.category = 'Required';
    else if (!category)
      errors.category = `Not a category; use one of ${HOUR_CATEGORIES.join(', ')}`;

    const minutes = readMinutes(v);
    if ('error' in minutes) errors[minutes.field] = minutes.error;

    // The same text rules as a note typed in the app (shared/domain/text.ts).
    const rawNote = unescapeFormula(v.note ?? '');
    const noteProblem = textProblem(rawNote, { multiline: true });
    const note = noteProblem ? rawNote : normaliseText(rawNote);
    if (noteProblem) errors.note = noteProblem;
    else if (note.length > 1000) errors.note = 'At most 1000 characters';
    // A file has no "save anyway?" step, so a note that looks like an SSN, a birth date or a
    // diagnosis code is a row error under either policy: the owner fixes the file.
    const sensitive = note ? describeSensitive(findSensitiveText(note)) : null;
    if (sensitive && !errors.note) errors.note = `${sensitive}; remove it from the file`;

    const checked: ReadRow = { row, errors, supField };
    if (
      Object.keys(errors).length === 0 &&
      workerId !== null &&
      siteId !== null &&
      supervisorId !== null &&
      category &&
      'minutes' in minutes
    ) {
      checked.entry = { workerId, date, siteId, supervisorId, minutes: minutes.minutes };
      checked.category = category;
      checked.note = note || null;
    }
    read.push(checked);
  }

  await problems.preload(read.flatMap((r) => (r.entry ? [r.entry] : [])));
  const preview: CsvPreviewRow[] = [];
  const valid: ValidRow[] = [];
  for (const [index, { row, errors, supField, entry, category, note }] of read.entries()) {
    await breather(index);
    if (entry && category) {
      const dayKey = `${entry.workerId}|${entry.date}`;
      const ruleErrors = await problems(entry, { pendingMinutes: pending.get(dayKey) ?? 0 });
      for (const [field, why] of Object.entries(ruleErrors)) {
        const column = field === 'supervisorId' ? supField : (COLUMN_OF[field] ?? field);
        errors[column === 'minutes' && !row.values.minutes ? 'hours' : column] = why;
      }
      if (Object.keys(ruleErrors).length === 0) {
        pending.set(dayKey, (pending.get(dayKey) ?? 0) + entry.minutes);
        valid.push({ line: row.line, ...entry, category, note: note ?? null });
      }
    }
    preview.push({ line: row.line, values: row.values, errors });
    options.onRow?.(index + 1);
  }
  return { preview, valid, outOfScope };
}

/** Rows checked between two turns of the event loop. */
const ROWS_PER_TURN = 500;

/**
 * Every ROWS_PER_TURN rows, lets the event loop run: a 20,000-row file's checks are all on this
 * thread (a row's rules answer from what was read in one go, as resolved promises, which never
 * let other work in), and every other call waited half a second for them.
 */
const breather = (index: number): Promise<void> | undefined =>
  index > 0 && index % ROWS_PER_TURN === 0
    ? new Promise<void>((done) => setImmediate(done))
    : undefined;
