import type { Knex } from 'knex';

/**
 * Unique keys for the people a practice identifies (issue 15): a supervisor by licence number
 * and state, a worker by registration number, and each by email, compared case-insensitively
 * and (for numbers) without spaces or punctuation. shared/domain/identity.ts computes the keys of
 * new writes; these are its rules, copied (a migration imports no application code) and held
 * equal by tests/integration/identity.test.ts.
 *
 * A database from before may already hold duplicates. Refusing to migrate would lock the
 * practice out of its data, so the first record (lowest id) keeps the key and a later duplicate
 * keeps none: it stays as it was and usable, and the conflict is reported, naming the other
 * person, when its email, licence or registration is next edited.
 */
const compact = (s: string) =>
  s
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

export function emailKeyOf(email: string): string | null {
  const key = email.normalize('NFKC').trim().toLowerCase();
  return key === '' ? null : key;
}

export function licenseKeyOf(number: string, state: string): string | null {
  const n = compact(number);
  return n === '' ? null : `${compact(state)}:${n}`;
}

export function registrationKeyOf(number: string | null): string | null {
  const n = number === null ? '' : compact(number);
  return n === '' ? null : n;
}

type Row = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Fills `keys` for every row in id order; a key already taken by an earlier row stays NULL. */
async function fill(
  knex: Knex,
  table: string,
  keys: Record<string, (r: Row) => string | null>,
): Promise<void> {
  const taken = Object.fromEntries(Object.keys(keys).map((k) => [k, new Set<string>()]));
  const rows = (await knex(table).orderBy('id').select('*')) as Row[];
  for (const r of rows) {
    const values: Record<string, string | null> = {};
    for (const [column, keyOf] of Object.entries(keys)) {
      const key = keyOf(r);
      const seen = taken[column] as Set<string>;
      values[column] = key !== null && !seen.has(key) ? key : null;
      if (key !== null) seen.add(key);
    }
    await knex(table).where({ id: r.id }).update(values);
  }
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('supervisors', (t) => {
    t.string('license_key', 120);
    t.string('email_key', 320);
  });
  await knex.schema.alterTable('workers', (t) => {
    t.string('registration_key', 120);
    t.string('email_key', 320);
  });
  await fill(knex, 'supervisors', {
    license_key: (r) => licenseKeyOf(String(r.license_number), String(r.license_state)),
    email_key: (r) => emailKeyOf(String(r.email)),
  });
  await fill(knex, 'workers', {
    registration_key: (r) => registrationKeyOf(text(r.registration_number)),
    email_key: (r) => emailKeyOf(String(r.email)),
  });
  // NULLs never collide, so the duplicates kept from before do not stop the indexes.
  await knex.raw('CREATE UNIQUE INDEX supervisors_license_key_unique ON supervisors (license_key)');
  await knex.raw('CREATE UNIQUE INDEX supervisors_email_key_unique ON supervisors (email_key)');
  await knex.raw(
    'CREATE UNIQUE INDEX workers_registration_key_unique ON workers (registration_key)',
  );
  await knex.raw('CREATE UNIQUE INDEX workers_email_key_unique ON workers (email_key)');
}

/** Plain DROP COLUMN: knex's SQLite rebuild of the tables would trip the triggers on them. */
export async function down(knex: Knex): Promise<void> {
  for (const index of [
    'supervisors_license_key_unique',
    'supervisors_email_key_unique',
    'workers_registration_key_unique',
    'workers_email_key_unique',
  ])
    await knex.raw(`DROP INDEX IF EXISTS ${index}`);
  await knex.raw('ALTER TABLE supervisors DROP COLUMN license_key');
  await knex.raw('ALTER TABLE supervisors DROP COLUMN email_key');
  await knex.raw('ALTER TABLE workers DROP COLUMN registration_key');
  await knex.raw('ALTER TABLE workers DROP COLUMN email_key');
}
