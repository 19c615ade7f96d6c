import type { Q } from '../db/query.js';
import { AppError, type FieldErrors } from '../../shared/errors.js';
import {
  emailKey,
  licenseKey,
  licenseLabel,
  registrationKey,
} from '../../shared/domain/identity.js';

type Row = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
const nameOf = (r: Row) => `${text(r.first_name) ?? ''} ${text(r.last_name) ?? ''}`.trim();

/** One identifying key of a table: its column, the form field it comes from, the words. */
interface KeyRule {
  column: string;
  field: string;
  /** The key of a row as stored (or about to be). */
  key(r: Row): string | null;
  /** What the other person holding the key already has. */
  clash(other: Row): string;
}

const RULES: Record<'supervisors' | 'workers', readonly KeyRule[]> = {
  supervisors: [
    {
      column: 'license_key',
      field: 'licenseNumber',
      key: (r) => licenseKey(String(r.license_number ?? ''), String(r.license_state ?? '')),
      clash: (o) =>
        `${nameOf(o)} already has licence ${licenseLabel(String(o.license_type), String(o.license_number))} (${text(o.license_state)})`,
    },
    {
      column: 'email_key',
      field: 'email',
      key: (r) => emailKey(String(r.email ?? '')),
      clash: (o) => `${nameOf(o)} already has the email ${text(o.email)}`,
    },
  ],
  workers: [
    {
      column: 'registration_key',
      field: 'registrationNumber',
      key: (r) => registrationKey(text(r.registration_number)),
      clash: (o) => `${nameOf(o)} already has registration ${text(o.registration_number)}`,
    },
    {
      column: 'email_key',
      field: 'email',
      key: (r) => emailKey(String(r.email ?? '')),
      clash: (o) => `${nameOf(o)} already has the email ${text(o.email)}`,
    },
  ],
};

/**
 * The identity keys of a supervisor or worker about to be written (`row` in the table's
 * columns), checked against everyone else in the writing transaction: a clash is a `conflict`
 * naming the other person on the field (issue 15). The unique indexes on the key columns
 * (migrations/20261206000000_person_identity_keys.ts) hold the line below this.
 *
 * A duplicate the migration found in an older database has no key; it keeps none while the
 * identity it shares stays as it is, so its other fields can still be edited (or it can be made
 * inactive), and the clash is reported once that identity is edited.
 */
export async function identityKeys(
  trx: Q,
  table: 'supervisors' | 'workers',
  row: Row,
  id: number | null,
): Promise<Record<string, string | null>> {
  const before = id === null ? undefined : ((await trx(table).where({ id }).first()) as Row);
  const keys: Record<string, string | null> = {};
  const fields: FieldErrors = {};
  for (const rule of RULES[table]) {
    const key = rule.key(row);
    if (before && before[rule.column] === null && key !== null && key === rule.key(before)) {
      keys[rule.column] = null;
      continue;
    }
    keys[rule.column] = key;
    if (key === null) continue;
    const other = (await trx(table)
      .where(rule.column, key)
      .whereNot('id', id ?? 0)
      .first()) as Row | undefined;
    if (other) fields[rule.field] = rule.clash(other);
  }
  const first = Object.values(fields)[0];
  if (first) throw new AppError('conflict', first, fields);
  return keys;
}

/**
 * A profile correction (main/services/privacy) may not give the person someone else's email,
 * licence or registration: the clash is reported on the proposed value, where the person typed it.
 */
export async function assertIdentityFree(
  q: Q,
  personType: 'worker' | 'supervisor',
  id: number,
  profile: {
    email?: unknown;
    licenseNumber?: unknown;
    licenseState?: unknown;
    registrationNumber?: unknown;
  },
): Promise<void> {
  const row: Row = {
    email: profile.email,
    license_number: profile.licenseNumber,
    license_state: profile.licenseState,
    registration_number: profile.registrationNumber ?? null,
  };
  try {
    await identityKeys(q, personType === 'worker' ? 'workers' : 'supervisors', row, id);
  } catch (err) {
    throw asProposedValueClash(err);
  }
}

/** A clash from a profile edit, moved onto the correction request's proposed value. */
export function asProposedValueClash(err: unknown): unknown {
  if (!(err instanceof AppError) || err.code !== 'conflict') return err;
  return new AppError('conflict', err.message, { 'profile.proposedValue': err.message });
}
