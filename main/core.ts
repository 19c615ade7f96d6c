import { join } from 'node:path';
import { makeDispatch, type Dispatch } from './api/dispatch.js';
import type { HandlerContext } from './api/handler-types.js';
import { DOMAIN_HANDLERS, mergeHandlers } from './api/registry.js';
import { SUBJECTS } from './api/scopes.js';
import { openDatabase, type Db } from './db/connection.js';
import { SCHEMA_VERSION, migrateToLatest } from './db/migration-source.js';
import { systemClock, type Clock } from './domain/clock.js';
import type { SecretStore } from './platform/secret-store.js';
import { confBackend, makeSettingsStore, type SettingsBackend } from './platform/settings.js';
import { makeServices, type Services } from './services/index.js';
import type { LockChange, SessionUser } from './services/session.js';

export interface CoreOptions {
  /** The app's data folder: userData in Electron, a temp folder in tests. */
  dataFolder: string;
  version: string;
  /** The OS keychain (keytar) in the app and in tests. */
  secrets: SecretStore;
  /** electron-store in the app; conf (its base) in Node. */
  settingsBackend?: SettingsBackend;
  clock?: Clock;
  log?: (message: string, err?: unknown) => void;
}

export interface Core {
  db: Db;
  services: Services;
  /** The transport's only entry point: dispatch as the workstation's current session. */
  invoke: Dispatch;
  /** Periodic idle check; osIdleSeconds from the OS where the platform reports it. */
  tick(osIdleSeconds?: number): void;
  /** OS screen lock, suspend, or the menu's Lock command. */
  lock(reason: 'os-lock' | 'suspend' | 'manual'): void;
  onLockChange(listener: (change: LockChange) => void): () => void;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'hourkeep.sqlite';

/** Opens the database, migrates it, finds the data key and wires services to dispatch. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const db = openDatabase(join(options.dataFolder, DATABASE_FILE));
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const clock = options.clock ?? systemClock;
  const settings = makeSettingsStore(options.settingsBackend ?? confBackend(options.dataFolder));
  const services = makeServices(
    { db, clock, secrets: options.secrets, settings, ...(options.log ? { log: options.log } : {}) },
    { version: options.version, dataFolder: options.dataFolder, schemaVersion: SCHEMA_VERSION },
  );
  await services.keys.loadFromKeychain();

  const context = (user: SessionUser | null): HandlerContext => ({ user, services });
  const invoke = makeDispatch(mergeHandlers(DOMAIN_HANDLERS), {
    user: services.session.user,
    isLocked: services.session.isLocked,
    subjects: async (name, input) => {
      const of = SUBJECTS[name] as ((i: unknown, d: Db) => Promise<number[]>) | undefined;
      return of ? of(input, db) : [];
    },
    canActOnWorker: services.scope.canActOnWorker,
    context,
    onForbidden: async (name, _user, why) => {
      await db.transaction((trx) =>
        services.audit.append(trx, { action: 'forbidden', detail: `${name}: ${why}` }),
      );
    },
    onInternalError: (name, err) => options.log?.(`API call ${name} failed`, err),
  });

  return {
    db,
    services,
    invoke,
    tick: (osIdleSeconds) => {
      const locked = services.session.lockEvent(
        osIdleSeconds === undefined ? { type: 'tick' } : { type: 'tick', osIdleSeconds },
      );
      if (locked) void services.accounts.recordLock('idle', services.onLockAuditError);
    },
    lock: (reason) => services.lockNow(reason),
    onLockChange: services.session.onLockChange,
    close: () => db.destroy(),
  };
}
