import { z } from 'zod';
import type { PgLocation } from '../db/postgres.js';
import type { SecretStore } from './secret-store.js';
import type { SettingsBackend } from './settings.js';

/**
 * Where this workstation finds the practice's database (issue 21): the encrypted file in the
 * data folder (the default), or PostgreSQL on the practice's server. Kept in the workstation's
 * settings file, which holds nothing personal; the server password is in the OS keychain.
 */
export type DatabaseLocation = { kind: 'file' } | ({ kind: 'postgres' } & PgLocation);

const SETTINGS_KEY = 'database';

const locationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file') }),
  z.object({
    kind: z.literal('postgres'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    database: z.string().min(1),
    user: z.string().min(1),
    caFile: z.string().min(1).nullable(),
  }),
]);

export function readDatabaseLocation(backend: SettingsBackend): DatabaseLocation {
  const parsed = locationSchema.safeParse(backend.get(SETTINGS_KEY) ?? { kind: 'file' });
  // A damaged entry must not silently point the workstation at a new, empty file practice.
  if (!parsed.success)
    throw new Error(
      'The database location in this workstation’s settings cannot be read. Set it again in Admin → Database.',
    );
  return parsed.data;
}

export function writeDatabaseLocation(backend: SettingsBackend, location: DatabaseLocation): void {
  backend.set(SETTINGS_KEY, locationSchema.parse(location));
}

/** The keychain entry holding the server password of `location`. */
export const serverPasswordAccount = (location: PgLocation): string =>
  `postgres:${location.user}@${location.host}:${location.port}/${location.database}`;

export async function readServerPassword(
  secrets: SecretStore,
  location: PgLocation,
): Promise<string | null> {
  return secrets.get(serverPasswordAccount(location));
}

export async function storeServerPassword(
  secrets: SecretStore,
  location: PgLocation,
  password: string,
): Promise<void> {
  await secrets.set(serverPasswordAccount(location), password);
}
