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
import { makeEventHub } from './services/events.js';
import type { AppEvent } from './api/bridge.js';
import type { Role } from './api/contract-kit.js';
import type { RestoreDatabase } from './services/backup/restore.js';
import { makeBackupSchedule, type BackupSchedule } from './services/backup/schedule.js';
import { swapDatabaseFile } from './services/backup/swap.js';
import { makeWorkstationSession, type LockChange, type SessionUser } from './services/session.js';

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
  /** The signed-in user's role while unlocked, else null: what the application menu offers. */
  viewerRole(): Role | null;
  /** Automatic backups: at start-up when due, on a timer, and on quit (main/electron binds them). */
  backupSchedule: BackupSchedule;
  /** Deletions a retention rule postponed, carried out once due (bound with the backups). */
  runDueDeletions(): Promise<void>;
  /** Fills today's overview cache in the background (bound with the backups: start-up, hourly). */
  warmProgress(): Promise<void>;
  /** Other pushes for the renderer (progress of long work); the transport forwards them. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'hourkeep.sqlite';

/** Opens the database, migrates it, finds the data key and wires services to dispatch. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const settings = makeSettingsStore(options.settingsBackend ?? confBackend(options.dataFolder));
  const databaseFile = join(options.dataFolder, DATABASE_FILE);
  // The session (who is signed in, the lock) outlives a restore, which rebuilds the rest.
  const session = makeWorkstationSession(clock, settings);
  const events = makeEventHub();
  const info = {
    version: options.version,
    dataFolder: options.dataFolder,
    schemaVersion: SCHEMA_VERSION,
  };

  interface Live {
    db: Db;
    services: Services;
    invoke: Dispatch;
  }

  async function build(): Promise<Live> {
    const db = openDatabase(databaseFile);
    try {
      await migrateToLatest(db);
    } catch (err) {
      await db.destroy();
      throw err;
    }
    const services = makeServices(
      {
        db,
        clock,
        secrets: options.secrets,
        settings,
        session,
        events,
        restoreDatabase,
        ...(options.log ? { log: options.log } : {}),
      },
      info,
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
      sensitiveTextPolicy: services.privacyPolicy.sensitiveTextPolicy,
      context,
      onForbidden: async (name, _user, why) => {
        await db.transaction((trx) =>
          services.audit.append(trx, { action: 'forbidden', detail: `${name}: ${why}` }),
        );
      },
      onInternalError: (name, err) => options.log?.(`API call ${name} failed`, err),
    });
    return { db, services, invoke };
  }

  /**
   * Swaps in a restored database (already decrypted, checked and previewed) and rebuilds the
   * services on it; migrations bring an older backup forward. Whatever fails, the core ends up
   * open on whichever file is in place, which the swap guarantees is a whole database.
   */
  const restoreDatabase: RestoreDatabase = async (pending, safetyBackup) => {
    const before = live;
    const user = session.user();
    try {
      await swapDatabaseFile(before.db, databaseFile, pending.databaseFile);
    } finally {
      live = await build();
    }
    const { services } = live;
    if (!services.keys.state.key && pending.recoveryCode) {
      await services.keys.unlockWithRecoveryCode(pending.recoveryCode);
    }
    // Keep the owner signed in only if the restored database knows them as an active owner.
    const same = user
      ? ((await live.db('users').where({ id: user.id, username: user.username }).first()) as
          { role: string; disabled: number | boolean } | undefined)
      : undefined;
    if (!same || same.role !== 'owner' || Boolean(same.disabled)) session.signOut();
    await live.db.transaction((trx) =>
      services.audit.append(trx, {
        action: 'restore',
        entity: 'backup',
        detail: `${pending.preview.fileName} (made ${pending.preview.createdAt}); ${safetyBackup ? `safety backup ${safetyBackup.fileName}` : 'first run on this machine'}`,
      }),
    );
    return {
      restored: pending.preview,
      safetyBackup,
      migratedFrom: pending.preview.summary.schemaVersion,
      migratedTo: SCHEMA_VERSION,
    };
  };

  let live = await build();
  const backupSchedule = makeBackupSchedule(
    () => live.services.backups,
    async () => (await live.services.keys.isSetUp()) && live.services.keys.state.key !== null,
    clock,
    (message, err) => options.log?.(message, err),
  );

  return {
    get db() {
      return live.db;
    },
    get services() {
      return live.services;
    },
    invoke: (name, input) => live.invoke(name, input),
    tick: (osIdleSeconds) => {
      const locked = session.lockEvent(
        osIdleSeconds === undefined ? { type: 'tick' } : { type: 'tick', osIdleSeconds },
      );
      if (locked) void live.services.accounts.recordLock('idle', live.services.onLockAuditError);
    },
    lock: (reason) => live.services.lockNow(reason),
    onLockChange: session.onLockChange,
    viewerRole: () => (session.isLocked() ? null : (session.user()?.role ?? null)),
    backupSchedule,
    runDueDeletions: async () => {
      // Like the backups: waits while the practice is not set up or the key is locked.
      try {
        const { services } = live;
        if (!(await services.keys.isSetUp()) || services.keys.state.key === null) return;
        await services.privacyDeletion.runDueDeletions();
      } catch (err) {
        options.log?.('The scheduled deletions failed', err);
      }
    },
    warmProgress: async () => {
      try {
        await live.services.progress.warmCache();
      } catch (err) {
        options.log?.('Could not prepare the progress overview', err);
      }
    },
    onEvent: events.subscribe,
    close: () => live.db.destroy(),
  };
}
