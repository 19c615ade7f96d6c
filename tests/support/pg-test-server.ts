import { randomBytes } from 'node:crypto';
import { openPostgres, type PgLocation } from '../../main/db/postgres.js';
import type { Db } from '../../main/db/connection.js';
import {
  readDatabaseLocation,
  readServerPassword,
  storeServerPassword,
  writeDatabaseLocation,
} from '../../main/platform/database-location.js';
import { confBackend } from '../../main/platform/settings.js';
import type { SecretStore } from '../../main/platform/secret-store.js';

/**
 * The integration suite runs against both databases (issue 21): `HOURKEEP_TEST_DB=postgres`
 * puts every test core's practice on the PostgreSQL server `.ci/run` starts (tests/pg/server.sh;
 * HOURKEEP_PG_* say where it is) instead of in an SQLCipher file.
 */
export const onPostgres = (): boolean => process.env.HOURKEEP_TEST_DB === 'postgres';

/** The database every test practice lives in, one schema (and role) per practice. */
const TEST_DATABASE = 'hourkeep_tests';

function env(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: PostgreSQL tests need the server tests/pg/server.sh starts (source its env file)`,
    );
  return value;
}

/** The server as its superuser sees it, over TLS like the app (verify-full against the test CA). */
export function superuserLocation(database = 'postgres'): PgLocation {
  return {
    host: env('HOURKEEP_PG_HOST'),
    port: Number(env('HOURKEEP_PG_PORT')),
    database,
    user: env('HOURKEEP_PG_USER'),
    caFile: env('HOURKEEP_PG_CA'),
  };
}

export const superuserPassword = (): string => env('HOURKEEP_PG_PASSWORD');

let admin: Promise<Db> | null = null;

/** One superuser connection per test process, on the shared test database (made once). */
export function adminDb(): Promise<Db> {
  admin ??= (async () => {
    const root = openPostgres(superuserLocation(), superuserPassword());
    try {
      // Several vitest workers start at once: the first creates the database, the rest see it.
      await root.raw(`CREATE DATABASE ${TEST_DATABASE}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04' && err.code !== '23505') throw err;
      });
    } finally {
      await root.destroy();
    }
    return openPostgres(superuserLocation(TEST_DATABASE), superuserPassword());
  })();
  return admin;
}

/**
 * A fresh practice database on the server: an ordinary login role (not a superuser, so the
 * audit table's GRANTs bind it as they bind the app) with a schema of its own name, which
 * PostgreSQL's default search_path ("$user", public) makes the role's working schema.
 */
export async function newTestPractice(): Promise<{ location: PgLocation; password: string }> {
  const db = await adminDb();
  const role = `hk_t_${randomBytes(6).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  await db.raw(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  await db.raw(`CREATE SCHEMA ${role} AUTHORIZATION ${role}`);
  return { location: { ...superuserLocation(TEST_DATABASE), user: role }, password };
}

/**
 * Points `dataFolder` at a new practice database on the test server unless it points
 * somewhere already (a test reopening its folder keeps its practice).
 */
export async function placeOnTestServer(dataFolder: string, secrets: SecretStore): Promise<void> {
  const backend = confBackend(dataFolder);
  if (readDatabaseLocation(backend).kind === 'postgres') return;
  const { location, password } = await newTestPractice();
  await storeServerPassword(secrets, location, password);
  writeDatabaseLocation(backend, { kind: 'postgres', ...location });
}

/**
 * An empty database of its own on the test server, owned by a new ordinary login role: what a
 * practice's administrator makes before "Move this practice to the server". `drop` removes both.
 */
export async function newEmptyServerDatabase(): Promise<{
  location: PgLocation;
  password: string;
  drop(): Promise<void>;
}> {
  const root = openPostgres(superuserLocation(), superuserPassword());
  const name = `hk_m_${randomBytes(6).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  try {
    await root.raw(`CREATE ROLE ${name} LOGIN PASSWORD '${password}'`);
    await root.raw(`CREATE DATABASE ${name} OWNER ${name}`);
  } finally {
    await root.destroy();
  }
  return {
    location: { ...superuserLocation(name), user: name },
    password,
    drop: async () => {
      const again = openPostgres(superuserLocation(), superuserPassword());
      try {
        await again.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await again.raw(`DROP ROLE IF EXISTS ${name}`);
      } finally {
        await again.destroy();
      }
    },
  };
}

/**
 * When `dataFolder`'s practice is on the server, puts its server password from the keychain
 * `from` into the keychain `to`, as its owner does by entering it again on a workstation whose
 * keychain lost it (the password is kept in the keychain, not the settings file). A file
 * practice has no server password: nothing to do.
 */
export async function carryServerPassword(
  dataFolder: string,
  from: SecretStore,
  to: SecretStore,
): Promise<void> {
  const location = readDatabaseLocation(confBackend(dataFolder));
  if (location.kind !== 'postgres') return;
  const password = await readServerPassword(from, location);
  if (!password) throw new Error('The test keychain has no password for this practice’s server');
  await storeServerPassword(to, location, password);
}
