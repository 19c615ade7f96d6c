import { setDateLocale } from '../shared/domain/format.js';
import { mkdir, rm, stat } from 'node:fs/promises';
import { makeCallsInFlight } from './api/calls-in-flight.js';
import { makeDispatch, type Dispatch } from './api/dispatch.js';
import { collectChanges, watchWrites } from './platform/changes.js';
import type { HandlerContext } from './api/handler-types.js';
import { DOMAIN_HANDLERS, mergeHandlers } from './api/registry.js';
import { resolveSubjects } from './api/subjects.js';
import { AppError, validationError } from '../shared/errors.js';
import {
  DatabaseKeyError,
  keyedStatement,
  openDatabaseChecked,
  runKeyed,
  type Db,
} from './db/connection.js';
import { SCHEMA_VERSION, migrateToLatest } from './db/migration-source.js';
import { checkpointWal } from './db/dialect/index.js';
import {
  isConnectionLost,
  openPostgresChecked,
  SERVER_UNREACHABLE,
  type PgLocation,
} from './db/postgres.js';
import {
  readDatabaseLocation,
  readServerPassword,
  serverPasswordAccount,
  storeServerPassword,
  writeDatabaseLocation,
} from './platform/database-location.js';
import { makeDatabaseDesk } from './services/database-move/desk.js';
import { readKeyShare, writeKeyShare } from './db/tables/practice-keys.js';
import type { KeyShare } from './platform/key-slots.js';
import { listenForChanges, type ChangeFeed } from './db/change-feed.js';
import { DB_TABLES, TABLES } from '../shared/api/tables.js';
import { systemClock, type Clock } from '../shared/domain/clock.js';
import { deriveKey, wipe, type ScryptParams } from './platform/crypto.js';
import type { SecretStore } from './platform/secret-store.js';
import { confBackend, makeSettingsStore, type SettingsBackend } from './platform/settings.js';
import { makeServices, type Services } from './services/index.js';
import { makeEventHub } from './services/events.js';
import type { AppEvent } from '../shared/api/bridge.js';
import type { ContractEntry, Role } from '../shared/api/contract-kit.js';
import { contract } from '../shared/api/contract.js';
import type { RestoreDatabase } from './services/backup/restore.js';
import { makeBackupSchedule, type BackupSchedule } from './services/backup/schedule.js';
import { swapDatabaseFile } from './services/backup/swap.js';
import { makeWorkstationSession, type LockChange } from './services/session.js';
import { makeGate, type Gate } from './services/gate.js';
import { makeVault, type OpenKeys, type Vault } from './services/vault.js';
import { removeLeftovers } from './services/leftovers.js';
import { makeConversion } from './services/conversion.js';
import { serialized } from './services/serialized.js';
import { makeFirstRunRestore } from './services/backup/first-run-restore.js';
import { pageSealingIn } from './platform/page-seal-threads.js';
import { restoreServer } from './services/backup/server-archive.js';
import { MIGRATION_NAMES } from './db/migration-source.js';
import { makeReviewerDesk, type ReviewerDesk } from './services/reviewer/desk.js';

/** How long opening a practice on a server waits for its change feed to be listening. */
const FEED_READY_WAIT_MS = 3000;
/** How long closing the practice waits for the calls under way to end (see letWorkEnd). */
const CALL_WAIT_MS = 60_000;

/** How often the audit trail's head is anchored in the key file while the practice is open. */
export const ANCHOR_EVERY_MS = 60_000;

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
  /** scrypt parameters of new password slots; tests pass cheaper ones (the default is N=2^17). */
  passwordKdf?: ScryptParams;
  /**
   * The built worker-thread scripts (the app: dist/main/workers; the tests: built by
   * tests/support/build-workers.ts). Without it, long work runs on this thread.
   */
  workersFolder?: string;
  /**
   * Backups, deletions and the overview warm-up that fell due, run when the practice opens and
   * before it closes. The app turns this on; tests drive those schedules themselves.
   */
  dueWorkOnOpenAndClose?: boolean;
  /**
   * The bench's baseline only (bench/main.ts): the database file is a plain SQLite copy of the
   * same data, opened by the same driver without a key, so encrypted and plain run the same
   * code. The app never sets it: a practice is always opened under its key.
   */
  benchPlainDatabase?: true;
  /**
   * The locale dates are written for in documents, messages and the audit trail (BCP 47): the
   * OS's in the app (app.getLocale()); without it, the process's default locale.
   */
  locale?: string;
}

export interface Core {
  /** The open database; throws while the practice is closed (locked or signed out). */
  db: Db;
  services: Services;
  /** Whether the database is open (someone is signed in and the app is unlocked). */
  isOpen(): boolean;
  vault: Vault;
  gate: Gate;
  /** A reviewer's computer (issue 20): the reviewer profile, when this folder holds one. */
  reviewer: ReviewerDesk;
  /** The transport's only entry point: dispatch as the workstation's current session. */
  invoke: Dispatch;
  /** Periodic idle check; osIdleSeconds from the OS where the platform reports it. */
  tick(osIdleSeconds?: number): void;
  /** OS screen lock, suspend, or the menu's Lock command. */
  lock(reason: 'os-lock' | 'suspend' | 'manual'): void;
  onLockChange(listener: (change: LockChange) => void): () => void;
  /** The signed-in user's role while unlocked, else null: what the application menu offers. */
  viewerRole(): Role | null;
  /** Whether there is anything to lock: someone signed in, or a reviewer profile unlocked. */
  canLock(): boolean;
  /** Automatic backups: when the practice opens and closes, on a timer, and on quit. */
  backupSchedule: BackupSchedule;
  /** Deletions a retention rule postponed, carried out once due (bound with the backups). */
  runDueDeletions(): Promise<void>;
  /** Fills today's overview cache in the background (bound with the backups: start-up, hourly). */
  warmProgress(): Promise<void>;
  /** Other pushes for the renderer (progress of long work); the transport forwards them. */
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** Waits until background work started by the core (conversion) has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The practice's database, its key custody and the API, for one data folder. The database is
 * opened only with a person's password (or the recovery code) and closed again on lock and
 * sign-out; while closed, only the gate's calls (status, set-up, sign-in, unlock, recovery)
 * answer.
 */
export async function openCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  if (options.locale) setDateLocale(options.locale);
  const log = (message: string, err?: unknown) => options.log?.(message, err);
  const settings = makeSettingsStore(options.settingsBackend ?? confBackend(options.dataFolder));
  const callsInFlight = makeCallsInFlight();
  // The session (who is signed in, the lock) outlives the database, which closes on lock.
  const session = makeWorkstationSession(clock, settings);
  const events = makeEventHub();
  // The practice's database: the encrypted file here, or PostgreSQL on the practice's server.
  let location = readDatabaseLocation(settings.backend);
  const onServer = () => (location.kind === 'postgres' ? location : null);
  const vault = makeVault({
    dataFolder: options.dataFolder,
    secrets: options.secrets,
    clock,
    databaseOnServer: () => onServer() !== null,
    fetchShare: () => readServerShare(),
    publishShare: async (share) => {
      const db = onServer() ? live?.db : null;
      if (db)
        await writeKeyShare(db, share).catch((err: unknown) =>
          log('Could not share the key slots', err),
        );
    },
    ...(options.passwordKdf ? { passwordKdf: options.passwordKdf } : {}),
  });
  const info = {
    version: options.version,
    dataFolder: options.dataFolder,
    schemaVersion: SCHEMA_VERSION,
  };
  const databaseFile = vault.paths.database;

  let live: { db: Db; services: Services } | null = null;
  /** Other workstations' writes on a shared server, followed while the practice is open there. */
  let feed: ChangeFeed | null = null;
  function setLive(next: { db: Db; services: Services } | null): void {
    const server = onServer();
    if (!next || !server) {
      void feed?.stop();
      feed = null;
    } else if (!feed || live?.db !== next.db) {
      void feed?.stop();
      feed = listenForChanges(
        server,
        serverPassword,
        (tables) =>
          events.emit({
            type: 'changed',
            tables: tables ? TABLES.filter((t) => tables.includes(t)) : [...DB_TABLES],
          }),
        log,
      );
    }
    live = next;
  }

  /** Waits (briefly at most) until this workstation hears other workstations' changes. */
  async function following(): Promise<void> {
    const current = feed;
    if (!current) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      current.ready,
      new Promise<void>((ok) => {
        timer = setTimeout(ok, FEED_READY_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }
  const serialize = serialized();
  /** Open, close, restore and conversion never overlap; a call queued here is not waited for. */
  const exclusive = <T>(work: () => Promise<T>): Promise<T> =>
    callsInFlight.aside(() => serialize(work));

  function build(db: Db): Services {
    // Writes outside any call reach the renderer as a `changed` event (main/platform/changes.ts).
    watchWrites(db, (tables) => events.emit({ type: 'changed', tables }));
    return makeServices(
      {
        db,
        clock,
        settings,
        session,
        events,
        vault,
        restoreDatabase,
        log,
        workersFolder: options.workersFolder ?? null,
        server: serverAccess(),
      },
      info,
    );
  }

  /** The server password, read from the keychain when the practice opens on a server. */
  let serverPassword = '';
  const serverAccess = () => {
    const at = onServer();
    return at ? { location: at, password: serverPassword } : null;
  };

  /**
   * Connects to the practice's server. The data key still unlocks what is the practice's own
   * (the audit keys, backups), but the server's files are the server's to protect (README).
   */
  async function openServer(at: PgLocation): Promise<Db> {
    const password = await readServerPassword(options.secrets, at);
    if (password === null) {
      // A reset or new keychain: asked for beside the sign-in (database.serverPassword).
      throw validationError(
        {
          serverPassword: `This computer's keychain no longer holds the password of the practice's database server (${serverPasswordAccount(at)}): enter it`,
        },
        "This computer's keychain no longer holds the database server's password: enter it to sign in.",
      );
    }
    serverPassword = password;
    try {
      return await openPostgresChecked(at, password);
    } catch (err) {
      log('Could not connect to the database server', err);
      if (isConnectionLost(err)) throw new AppError('unavailable', SERVER_UNREACHABLE);
      throw new AppError(
        'conflict',
        `The practice's database server ${at.host}:${at.port} could not be reached or refused this workstation (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). Check the server and the network, then try again.`,
      );
    }
  }

  /**
   * The key slots the server holds, read before a sign-in while the practice is closed (its own
   * short connection) or through the open one.
   */
  async function readServerShare(): Promise<KeyShare | null> {
    const at = onServer();
    if (!at) return null;
    if (live) return readKeyShare(live.db);
    const db = await openServer(at);
    try {
      return await readKeyShare(db);
    } finally {
      await db.destroy().catch(() => undefined);
    }
  }

  /** Puts this workstation's key slots on the server (after set-up, a move, each opening). */
  async function shareKeys(db: Db): Promise<void> {
    const share = onServer() ? vault.share() : null;
    if (share) await writeKeyShare(db, share);
  }

  /** Opens the database under the data key, finishing a rotation that stopped half-way. */
  async function openKeyed(keys: OpenKeys): Promise<Db> {
    const server = onServer();
    if (server) {
      const db = await openServer(server);
      if (keys.previousKey) await vault.finishRotation();
      return db;
    }
    const key = deriveKey(keys.dataKey, 'database');
    try {
      const db = await openDatabaseChecked(databaseFile, {
        key: options.benchPlainDatabase ? null : key,
      });
      if (keys.previousKey) await vault.finishRotation();
      return db;
    } catch (err) {
      if (!(err instanceof DatabaseKeyError)) throw err;
      if (!keys.previousKey) {
        throw new AppError(
          'conflict',
          `${err.message} Keep the key file and the database together, as Hourkeep wrote them.`,
        );
      }
      // The key file was written with the new key but the database was not re-keyed yet.
      const db = await openDatabaseChecked(databaseFile, {
        key: deriveKey(keys.previousKey, 'database'),
      });
      await runKeyed(db, 're-key the database', keyedStatement.rekey(key));
      await checkpointWal(db);
      await vault.finishRotation();
      return db;
    } finally {
      key.fill(0);
    }
  }

  async function afterOpen(services: Services, keys: OpenKeys): Promise<void> {
    await services.auditKeys.adoptLegacyKey(keys.dataKey);
    await services.securityPolicy.adoptWorkstationCopy();
    await vault.setPolicy(await services.securityPolicy.get());
    await services.accounts.recordLoginUnlinks();
    await vault.takePending((pending) =>
      services.db.transaction(async (trx) => {
        for (const p of pending) {
          await services.audit.append(trx, {
            action: p.action as never,
            ...(p.userId === null
              ? {}
              : { entity: 'users', entityId: p.userId, subjectType: 'user', subjectId: p.userId }),
            detail: `${p.detail} (at ${p.at}, while Hourkeep was locked)`,
          });
        }
      }),
    );
  }

  const door = {
    services: () => live?.services ?? null,
    open: (keys: OpenKeys) =>
      exclusive(async () => {
        if (live) return live.services;
        const db = await openKeyed(keys);
        try {
          await migrateToLatest(db);
          const services = build(db);
          await services.auditKeys.load();
          await afterOpen(services, keys);
          await shareKeys(db);
          setLive({ db, services });
          await following();
          startAnchoring();
          // What fell due while the practice was closed runs now, in the background.
          void dueWork('open');
          return services;
        } catch (err) {
          await db.destroy().catch(() => undefined);
          vault.close();
          throw err;
        }
      }),
    create: (dataKey: Buffer) =>
      exclusive(async () => {
        const key = deriveKey(dataKey, 'database');
        const server = onServer();
        const db = server
          ? await openServer(server)
          : await openDatabaseChecked(databaseFile, { key });
        key.fill(0);
        await migrateToLatest(db);
        const services = build(db);
        await services.auditKeys.load();
        setLive({ db, services });
        await following();
        startAnchoring();
        return services;
      }),
    discard: () =>
      exclusive(async () => {
        if (live) await live.db.destroy().catch(() => undefined);
        setLive(null);
        vault.close();
        for (const f of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`])
          await rm(f, { force: true });
        await rm(vault.paths.slots, { force: true });
        await vault.inspect();
      }),
    close: (before?: (services: Services) => Promise<void>) =>
      exclusive(async () => {
        if (!live) return vault.close();
        await letWorkEnd();
        try {
          await before?.(live.services);
        } catch (err) {
          log('Could not record the lock in the audit trail', err);
        }
        await dueWork('close');
        await live.services
          .anchorAudit()
          .catch((err: unknown) => log('Could not anchor the audit trail', err));
        const closing = live;
        setLive(null);
        await closing.db
          .destroy()
          .catch((err: unknown) => log('Could not close the database', err));
        vault.close();
      }),
    settled: () => exclusive(async () => undefined),
    conversion: () => conversion.progress(),
    convertWithRecoveryCode: (code: string) => conversion.withRecoveryCode(code),
    rekey: async (oldKey: Buffer, newKey: Buffer) => {
      const { db } = requireLive();
      // On a server the data key encrypts no database pages: nothing to re-key there.
      if (onServer()) return;
      const from = deriveKey(oldKey, 'database');
      const to = deriveKey(newKey, 'database');
      try {
        await runKeyed(db, 're-key the database', keyedStatement.rekey(to));
        await checkpointWal(db);
      } finally {
        from.fill(0);
        to.fill(0);
      }
    },
    firstRunRestore: makeFirstRunRestore({
      dataFolder: options.dataFolder,
      vault,
      clock,
      sealPages: pageSealingIn(options.workersFolder ?? null),
      refuseNewerSchema: (summary) => {
        const unknown = summary.migrations.filter((m) => !MIGRATION_NAMES.includes(m));
        if (summary.schemaVersion > SCHEMA_VERSION || unknown.length) {
          throw new AppError(
            'validation',
            `This backup was made by a newer version of Hourkeep (schema ${summary.schemaVersion}; this version knows ${SCHEMA_VERSION}). Update Hourkeep, then restore it.`,
            {
              file: `This backup was made by a newer version of Hourkeep (schema ${summary.schemaVersion}; this version knows ${SCHEMA_VERSION}). Update Hourkeep, then restore it.`,
            },
          );
        }
      },
    }),
    schemaVersion: SCHEMA_VERSION,
  };

  const conversion = makeConversion({
    dataFolder: options.dataFolder,
    vault,
    secrets: options.secrets,
    clock,
    events,
    exclusive,
    log,
  });

  // A supervisor's own computer holds a reviewer profile instead of a practice (issue 20).
  const reviewer = makeReviewerDesk({
    dataFolder: options.dataFolder,
    secrets: options.secrets,
    clock,
    settings,
    ...(options.passwordKdf ? { passwordKdf: options.passwordKdf } : {}),
    practiceHere: () => vault.phase().phase !== 'setup',
  });

  const gate = makeGate({
    vault,
    session,
    clock,
    settings,
    door,
    reviewerHere: () => reviewer.exists(),
    onServer: () => onServer() !== null,
  });

  /**
   * While the practice is open its audit trail's head is anchored in the key file within a
   * minute of any write (and at lock, quit, backup and restore), not on every write: a save
   * costs no extra file write.
   */
  let anchorTimer: NodeJS.Timeout | null = null;
  function startAnchoring(): void {
    if (anchorTimer) return;
    anchorTimer = setInterval(() => {
      const open = live;
      if (!open) return;
      void open.services
        .anchorAudit()
        .catch((err: unknown) => log('Could not anchor the audit trail', err));
    }, ANCHOR_EVERY_MS);
    anchorTimer.unref();
  }

  /** Backups and deletions that fell due, when the practice opens or before it closes. */
  async function dueWork(when: 'open' | 'close'): Promise<void> {
    const services = live?.services;
    if (!services || !options.dueWorkOnOpenAndClose) return;
    if (when === 'open') {
      void backupSchedule.atStartup();
      void runDueDeletions();
      void warmProgress();
      return;
    }
    await backupSchedule.onTimer();
    await runDueDeletions();
  }

  const runDueDeletions = (): Promise<void> =>
    callsInFlight.run(async () => {
      try {
        const services = live?.services;
        if (!services) return;
        await services.privacyDeletion.runDueDeletions();
      } catch (err) {
        log('The scheduled deletions failed', err);
      }
    });

  const warmProgress = (): Promise<void> =>
    callsInFlight.run(async () => {
      try {
        await live?.services.progress.warmCache();
      } catch (err) {
        log('Could not prepare the progress overview', err);
      }
    });

  /**
   * Swaps in a restored database (already checked, previewed and encrypted under this
   * practice's key) and reopens on it; migrations bring an older backup forward. Whatever
   * fails, the core ends up open on whichever file is in place, which the swap guarantees is
   * a whole database.
   */
  const restoreDatabase: RestoreDatabase = (pending, safetyBackup) =>
    exclusive(async () => {
      const before = live;
      if (!before) throw new AppError('locked', 'Hourkeep is locked. Unlock it to continue.');
      await before.services.stopLongWork();
      const user = session.user();
      const keys = vault.keys();
      const server = serverAccess();
      setLive(null);
      try {
        if (pending.serverArchive && server) {
          // One server transaction replaces the practice's schema (server-archive.ts).
          await restoreServer({
            path: pending.databaseFile,
            backupKey: pending.serverArchive.backupKey,
            header: pending.serverArchive.header,
            summary: pending.summary,
            access: server,
          });
        } else {
          await swapDatabaseFile(before.db, databaseFile, pending.databaseFile);
        }
      } finally {
        if (pending.serverArchive) {
          wipe(pending.serverArchive.backupKey);
          await rm(pending.databaseFile, { force: true });
          await before.db.destroy().catch((err: unknown) => log('Could not close the pool', err));
        }
        const db = await openKeyed(keys);
        await migrateToLatest(db);
        const services = build(db);
        await services.auditKeys.load();
        if (pending.legacyAuditKey) await services.auditKeys.adoptLegacyKey(pending.legacyAuditKey);
        setLive({ db, services });
        await following();
      }
      const { services } = requireLive();
      // An older backup may have had two logins on one record: the upgrade's unlinks, audited.
      await services.accounts.recordLoginUnlinks();
      // The restored trail is the one to anchor now (an older backup's is shorter), and the
      // next verification walks it whole: the checkpoint was of the trail it replaced.
      await services.anchorAudit(true);
      await vault.setCheckpoint(null);
      // The people's key slots: a backup of this practice brings back the slots of people this
      // key file no longer has; another practice's backup brings its people and their slots.
      if (pending.kind === 'adopt') await vault.adoptPeople(pending.people);
      else if (pending.people.kind === 'escrow')
        await vault.restoreMissingSlots(pending.people.users);
      // The key slots the server holds are this workstation's again, not the backup's.
      await shareKeys(requireLive().db);
      // Keep the owner signed in only if the restored database knows them as an active owner.
      const same = user ? await services.accounts.forSignIn(user.id) : null;
      if (!same || same.role !== 'owner' || same.disabled || same.username !== user?.username)
        session.signOut();
      await requireLive().db.transaction((trx) =>
        services.audit.append(trx, {
          action: 'restore',
          entity: 'backup',
          detail: `${pending.preview.fileName} (made ${pending.preview.createdAt}); ${safetyBackup ? `safety copy ${safetyBackup.fileName}` : 'first run on this machine'}`,
        }),
      );
      return {
        restored: pending.preview,
        safetyBackup,
        migratedFrom: pending.preview.summary.schemaVersion,
        migratedTo: SCHEMA_VERSION,
      };
    });

  // Admin → Database: the move to a server swaps the open practice for its copy there.
  const database = makeDatabaseDesk({
    databaseFile,
    clock,
    events,
    location: () => location,
    liveDb: () => requireLive().db,
    exclusive,
    withCallsHeld: (work) =>
      callsInFlight.holding(async () => {
        await letWorkEnd();
        return work();
      }),
    adopt: async (target, at, password) => {
      await storeServerPassword(options.secrets, at, password);
      writeDatabaseLocation(settings.backend, { kind: 'postgres', ...at });
      location = { kind: 'postgres', ...at };
      serverPassword = password;
      const closing = requireLive();
      setLive(null);
      await closing.db.destroy().catch((err: unknown) => log('Could not close the file', err));
      const services = build(target);
      await services.auditKeys.load();
      await shareKeys(target);
      setLive({ db: target, services });
      await following();
    },
    isFirstRun: () => vault.phase().phase === 'setup' && !reviewer.exists(),
    server: () => onServer(),
    keepServerPassword: async (at, password) => {
      await storeServerPassword(options.secrets, at, password);
      serverPassword = password;
    },
    join: async (share, keys, at, password) => {
      await vault.createFromBackup({
        dataKey: keys.dataKey,
        recovery: share.recovery,
        practiceId: share.practiceId,
        practiceName: share.practiceName,
        people: {
          kind: 'escrow',
          practiceId: share.practiceId,
          slotsKey: keys.slotsKey,
          users: share.users,
        },
      });
      await storeServerPassword(options.secrets, at, password);
      writeDatabaseLocation(settings.backend, { kind: 'postgres', ...at });
      location = { kind: 'postgres', ...at };
      await vault.inspect();
      await vault.recordPending({
        action: 'workstation_joined',
        userId: null,
        detail: `A workstation joined the practice on ${at.host}:${at.port}/${at.database} with the recovery code`,
      });
    },
    audit: async (detail) => {
      const { db, services } = requireLive();
      await db.transaction((trx) =>
        services.audit.append(trx, { action: 'moved_to_server', entity: 'practice', detail }),
      );
    },
  });

  /**
   * Before the practice closes (lock, sign-out, quit): long work is stopped (each such call
   * answers `locked`), then the calls under way are let end, for at most CALL_WAIT_MS (the
   * longest, a backup or a restore at a million entries, take seconds): the database is not
   * closed under a call that is half done. New calls are already refused: the session is
   * locked or signed out, or the app is quitting.
   */
  async function letWorkEnd(): Promise<void> {
    await live?.services.stopLongWork();
    await callsInFlight.ended(CALL_WAIT_MS);
    // Again, for work a call that ended meanwhile left running (a deletion plan's search of
    // the trail, on a connection of its own).
    await live?.services.stopLongWork();
  }

  const requireLive = () => {
    if (!live) throw new AppError('locked', 'Hourkeep is locked. Unlock it to continue.');
    return live;
  };

  const context = (user: HandlerContext['user']): HandlerContext => ({
    user,
    gate,
    reviewer,
    database,
    get services() {
      return requireLive().services;
    },
  });

  const invoke = makeDispatch(mergeHandlers(DOMAIN_HANDLERS), {
    user: session.user,
    isLocked: () => session.isLocked() || !live,
    subjects: async (name, input) => {
      const entry: ContractEntry = contract[name];
      return entry.subjects?.length ? resolveSubjects(entry, input, requireLive().db) : [];
    },
    canActOnWorker: (user, workerId) => requireLive().services.scope.canActOnWorker(user, workerId),
    // A reviewer's computer has no practice policy: flagged text is a warning the reviewer
    // may confirm, and the practice's own policy applies again when it imports the file.
    sensitiveTextPolicy: async () =>
      reviewer.exists() ? 'warn' : requireLive().services.privacyPolicy.sensitiveTextPolicy(),
    context,
    onForbidden: async (name, _user, why) => {
      const open = live;
      if (!open) return;
      await open.db.transaction((trx) =>
        open.services.audit.append(trx, { action: 'forbidden', detail: `${name}: ${why}` }),
      );
    },
    collect: collectChanges,
    onInternalError: (name, err) => log(`API call ${name} failed`, err),
    whileOpen: (run) => callsInFlight.run(run),
  });

  const schedule = makeBackupSchedule(
    () => requireLive().services.backups,
    // On a server too: each workstation keeps pg_dump archives in its own backup folder.
    async () => live !== null,
    clock,
    log,
  );
  // Work the app starts by itself is under way like a call: a lock lets it end (letWorkEnd).
  const backupSchedule: BackupSchedule = {
    atStartup: () => callsInFlight.run(schedule.atStartup),
    onTimer: () => callsInFlight.run(schedule.onTimer),
    onQuit: () => callsInFlight.run(schedule.onQuit),
  };

  await usableFolder(options.dataFolder);
  await removeLeftovers(options.dataFolder, vault, settings, log);
  await vault.inspect();
  await reviewer.load();
  conversion.startIfReady();

  return {
    get db() {
      return requireLive().db;
    },
    get services() {
      return requireLive().services;
    },
    isOpen: () => live !== null,
    vault,
    gate,
    reviewer,
    invoke,
    tick: (osIdleSeconds) => {
      reviewer.tick(osIdleSeconds);
      const locked = session.lockEvent(
        osIdleSeconds === undefined ? { type: 'tick' } : { type: 'tick', osIdleSeconds },
      );
      if (locked)
        void gate.afterLock(true, 'idle').catch((err: unknown) => log('Could not lock', err));
    },
    lock: (reason) => {
      reviewer.lock(reason);
      void gate.lock(reason).catch((err: unknown) => log('Could not lock', err));
    },
    onLockChange: (listener) => {
      const offSession = session.onLockChange(listener);
      const offReviewer = reviewer.onLockChange(listener);
      return () => {
        offSession();
        offReviewer();
      };
    },
    viewerRole: () => (session.isLocked() || !live ? null : (session.user()?.role ?? null)),
    canLock: () =>
      (!session.isLocked() && live !== null && session.user() !== null) ||
      reviewer.status().state === 'unlocked',
    backupSchedule,
    runDueDeletions,
    warmProgress,
    onEvent: events.subscribe,
    idle: () => conversion.idle(),
    close: async () => {
      if (anchorTimer) clearInterval(anchorTimer);
      anchorTimer = null;
      await conversion.idle();
      await exclusive(async () => {
        await letWorkEnd();
        const closing = live;
        setLive(null);
        await closing?.services.anchorAudit().catch(() => undefined);
        await closing?.db.destroy();
        vault.close();
      });
    },
  };
}

/** The data folder exists (or is made) and is a folder: otherwise nothing could ever be saved. */
async function usableFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    if (!(await stat(folder)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(`The data folder ${folder} cannot be used (${code}).`);
  }
}
