import type { Q } from '../../db/query.js';
import { contract, type ApiParsed } from '../../../shared/api/contract.js';
import { zodFieldErrors } from '../../../shared/api/field-errors.js';
import { validationError } from '../../../shared/errors.js';
import { supervisorFromRow } from '../../db/tables/supervisors.js';
import { workerFromRow } from '../../db/tables/workers.js';
import { findHourEntry } from '../../db/tables/hour-entries.js';
import { addDaysIso, weekStartOf } from '../../../shared/domain/dates.js';
import type { PersonKey } from '../../../shared/domain/privacy/people.js';
import {
  PROFILE_FIELDS,
  isProfileFieldOf,
  type EntrySnapshot,
  type ProfileField,
  type ProposedEntryChange,
  type RequestDetails,
} from '../../../shared/domain/privacy/requests.js';
import type { HourEntry, Supervisor, Worker } from '../../../shared/domain/records.js';
import { assertIdentityFree } from '../identity.js';

export type RequestInput = Pick<
  ApiParsed<'privacy.requests.file'>,
  'kind' | 'note' | 'profile' | 'week'
>;

export type PersonRecord =
  { personType: 'worker'; record: Worker } | { personType: 'supervisor'; record: Supervisor };

export async function loadPerson(q: Q, p: PersonKey): Promise<PersonRecord | null> {
  if (p.personType === 'worker') {
    const row = await q('workers').where({ id: p.personId }).first();
    return row ? { personType: 'worker', record: workerFromRow(row) } : null;
  }
  const row = await q('supervisors').where({ id: p.personId }).first();
  return row ? { personType: 'supervisor', record: supervisorFromRow(row) } : null;
}

const asText = (v: unknown): string | null =>
  v === null || v === undefined || v === '' ? null : String(v);

export const currentValue = (person: PersonRecord, field: ProfileField): string | null =>
  asText((person.record as unknown as Record<string, unknown>)[field]);

/**
 * The person's whole profile with one field replaced, parsed by the same schema as the
 * profile form (workers.update / supervisors.update), so a proposal fails with the same words.
 * Field errors come back on `profile.proposedValue`.
 */
export function profileWithChange(person: PersonRecord, field: ProfileField, value: string | null) {
  const raw = { ...(person.record as unknown as Record<string, unknown>), [field]: value ?? null };
  const schema =
    person.personType === 'worker'
      ? contract['workers.update'].input
      : contract['supervisors.update'].input;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fields = zodFieldErrors(parsed.error);
    const own = fields[field] ?? Object.values(fields)[0] ?? 'Not a valid value';
    throw validationError({ 'profile.proposedValue': own });
  }
  return parsed.data;
}

const snapshot = (e: HourEntry): EntrySnapshot => ({
  date: e.date,
  minutes: e.minutes,
  category: e.category,
  siteId: e.siteId,
  note: e.note,
});

/** The changed fields only: a proposal equal to the entry as it is asks for nothing. */
function changedFields(before: EntrySnapshot, proposed: ProposedEntryChange): ProposedEntryChange {
  const out: ProposedEntryChange = {};
  if (proposed.date !== undefined && proposed.date !== before.date) out.date = proposed.date;
  if (proposed.minutes !== undefined && proposed.minutes !== before.minutes)
    out.minutes = proposed.minutes;
  if (proposed.category !== undefined && proposed.category !== before.category)
    out.category = proposed.category;
  if (proposed.siteId !== undefined && proposed.siteId !== before.siteId)
    out.siteId = proposed.siteId;
  if (proposed.note !== undefined && (proposed.note || null) !== before.note)
    out.note = proposed.note || null;
  return out;
}

const LOCKED = ['submitted', 'approved'];

async function weekDetails(
  q: Q,
  person: PersonKey,
  week: NonNullable<RequestInput['week']>,
  note: string | null,
): Promise<RequestDetails> {
  if (person.personType !== 'worker') {
    throw validationError({ week: 'Only a worker’s hours can be corrected' });
  }
  const weekStart = weekStartOf(week.weekStart);
  const weekEnd = addDaysIso(weekStart, 6);
  const log = (await q('weekly_logs')
    .where({ worker_id: person.personId, week_start: weekStart })
    .first('status')) as { status: string } | undefined;
  if (!log || !LOCKED.includes(log.status)) {
    throw validationError({
      'week.weekStart': `The week of ${weekStart} is not submitted or approved; change it on the Hours screen`,
    });
  }
  const proposed = week.proposed ?? {};
  if (proposed.date !== undefined && (proposed.date < weekStart || proposed.date > weekEnd)) {
    throw validationError({
      'week.proposed.date': `Pick a date from ${weekStart} to ${weekEnd}; another week needs its own request`,
    });
  }
  const entryId = week.entryId ?? null;
  if (entryId === null) {
    if (week.removeEntry) throw validationError({ 'week.entryId': 'Choose the entry to remove' });
    const missing: Record<string, string> = {};
    for (const key of ['date', 'minutes', 'category', 'siteId'] as const)
      if (proposed[key] === undefined)
        missing[`week.proposed.${key}`] = 'Required for a missing entry';
    if (Object.keys(missing).length) throw validationError(missing);
    return {
      target: 'week',
      weekStart,
      entryId: null,
      removeEntry: false,
      proposed: { ...proposed, note: proposed.note || null },
      entryBefore: null,
      note,
    };
  }
  const entry = await findHourEntry(q, entryId);
  if (
    !entry ||
    entry.workerId !== person.personId ||
    entry.date < weekStart ||
    entry.date > weekEnd
  ) {
    throw validationError({ 'week.entryId': `That entry is not in the week of ${weekStart}` });
  }
  if (entry.sessionId !== null) {
    throw validationError({
      'week.entryId':
        'This entry comes from a supervision session; ask the supervisor to correct the session',
    });
  }
  const before = snapshot(entry);
  const changes = week.removeEntry ? {} : changedFields(before, proposed);
  if (!week.removeEntry && Object.keys(changes).length === 0) {
    throw validationError({ 'week.proposed': 'Propose at least one change to the entry' });
  }
  return {
    target: 'week',
    weekStart,
    entryId,
    removeEntry: week.removeEntry ?? false,
    proposed: changes,
    entryBefore: before,
    note,
  };
}

/** Checks what a request asks and returns it in the form it is stored. */
export async function buildDetails(
  q: Q,
  person: PersonRecord,
  input: RequestInput,
): Promise<RequestDetails> {
  const note = input.note ?? null;
  if (input.kind !== 'correction') {
    if (input.profile || input.week) {
      throw validationError({ kind: 'Only a correction names a profile field or a week' });
    }
    return { target: 'none', note };
  }
  if (input.profile && input.week) {
    throw validationError({ profile: 'Ask about a profile field or a week, not both at once' });
  }
  if (input.week) {
    return weekDetails(
      q,
      { personType: person.personType, personId: person.record.id },
      input.week,
      note,
    );
  }
  if (!input.profile) {
    throw validationError({ profile: 'Choose the profile field or the week to correct' });
  }
  const { field } = input.profile;
  if (!isProfileFieldOf(person.personType, field)) {
    const allowed = Object.values(PROFILE_FIELDS[person.personType]).join(', ');
    throw validationError({
      'profile.field': `Not a field of this profile; choose one of: ${allowed}`,
    });
  }
  const proposedValue = asText(input.profile.proposedValue?.trim());
  const current = currentValue(person, field);
  const parsed = profileWithChange(person, field, proposedValue) as Record<string, unknown>;
  if (asText(parsed[field]) === current) {
    throw validationError({ 'profile.proposedValue': 'This is the value already held' });
  }
  await assertIdentityFree(q, person.personType, person.record.id, parsed);
  return { target: 'profile', field, currentValue: current, proposedValue, note };
}
