import { join } from 'node:path';
import { makeDispatch, type Dispatch } from './api/dispatch.js';
import type { Envelope } from './api/envelope.js';
import type { Session } from './api/handler-types.js';
import { DOMAIN_HANDLERS, mergeHandlers } from './api/registry.js';
import { openDatabase, type Db } from './db/connection.js';
import { SCHEMA_VERSION, migrateToLatest } from './db/migration-source.js';
import { systemClock, type Clock } from './domain/clock.js';
import { makeServices, type Services } from './services/index.js';

export interface CoreOptions {
  /** The app's data folder: userData in Electron, a temp folder in tests. */
  dataFolder: string;
  version: string;
  clock?: Clock;
  log?: (message: string, err?: unknown) => void;
}

export interface Core {
  db: Db;
  services: Services;
  dispatch: Dispatch;
  /** Dispatch as the current session; the transport's only entry point. */
  invoke(name: unknown, input: unknown): Promise<Envelope<unknown>>;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'hourkeep.sqlite';

/** Opens the database, migrates it and wires services to dispatch: shared by Electron and tests. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const db = openDatabase(join(options.dataFolder, DATABASE_FILE));
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const clock = options.clock ?? systemClock;
  const services = makeServices(
    { db, clock },
    { version: options.version, dataFolder: options.dataFolder, schemaVersion: SCHEMA_VERSION },
  );
  const dispatch = makeDispatch(mergeHandlers(DOMAIN_HANDLERS), {
    onInternalError: (name, err) => options.log?.(`API call ${name} failed`, err),
  });
  const session: Session = { role: 'owner', userId: null };
  return {
    db,
    services,
    dispatch,
    invoke: (name, input) => dispatch(name, input, { session, services }),
    close: () => db.destroy(),
  };
}
