import type { Db } from '../db/connection.js';
import type { Clock } from '../domain/clock.js';
import type { LockReason } from '../domain/lock-machine.js';
import type { AuthStatus } from '../domain/records.js';
import type { Settings } from '../domain/settings.js';
import type { SecretStore } from '../platform/secret-store.js';
import type { SettingsStore } from '../platform/settings.js';
import { makeAccounts } from './accounts.js';
import { makeAssignmentsService } from './assignments.js';
import { makeAuditLog } from './audit.js';
import { makeCeService } from './ce.js';
import { makeBackupService } from './backup/backups.js';
import { checkBackupFolderPath } from './backup/folder.js';
import { makeRestoreService, type RestoreDatabase } from './backup/restore.js';
import { MIGRATION_NAMES } from '../db/migration-source.js';
import { makeHoursService } from './hours.js';
import { makeKeyManager } from './keys.js';
import { makePeopleService } from './people.js';
import { makePacksService } from './packs.js';
import { makePracticeService } from './practice.js';
import { makeProgressService } from './progress.js';
import { makeSessionsService } from './sessions.js';
import { makeWorkstationSession, type WorkstationSession } from './session.js';
import { makeSetup } from './setup.js';
import { makeScope } from './scope.js';
import { makeWeeksService } from './weeks.js';
import { makeCsvHoursService } from './csv-hours/csv-hours.js';
import { makeEventHub, type EventHub } from './events.js';
import { makeReportsService } from './reports/reports.js';
import { makeDeletionService } from './privacy/deletion.js';
import { makeRetentionRules } from './privacy/retention-rules.js';
import { makePrivacyRequestsService } from './privacy/requests.js';
import { makePrivacyAccessService } from './privacy/access.js';
import { makeNoticesService } from './privacy/notices.js';
import { makeConsentsService } from './privacy/consents.js';
import { makePrivacyPolicyService } from './privacy/policy.js';
import { makeStatisticsService } from './privacy/statistics.js';
import { makeSurveysService } from './privacy/surveys.js';

export interface AppInfo {
  version: string;
  dataFolder: string;
  schemaVersion: number;
}

export interface ServicePorts {
  db: Db;
  clock: Clock;
  secrets: SecretStore;
  settings: SettingsStore;
  log?: (message: string, err?: unknown) => void;
  /** Kept by the core across a restore, which rebuilds the services on the new database. */
  session?: WorkstationSession;
  /** Pushes to the renderer; kept by the core across a restore like the session. */
  events?: EventHub;
  /** The core's swap of the database file for a restored one (main/core.ts). */
  restoreDatabase?: RestoreDatabase;
}

export function makeServices(ports: ServicePorts, info: AppInfo) {
  const { db, clock, secrets, settings, log } = ports;
  const session = ports.session ?? makeWorkstationSession(clock, settings);
  const keys = makeKeyManager(db, secrets);
  const audit = makeAuditLog({ clock, actor: session.actor, key: () => keys.state.key });
  const accounts = makeAccounts({ db, clock, session, keys, audit, settings });
  const setup = makeSetup({ db, clock, keys, accounts, audit });
  const core = { db, clock, audit };
  const scope = makeScope(db, clock);
  const practice = makePracticeService(core);
  const packs = makePacksService(core);
  /** Progress of long work, pushed to the renderer by the transport (core.onEvent). */
  const events = ports.events ?? makeEventHub();
  const settingsService = {
    get: (): Settings => settings.get(),
    async update(input: Partial<Settings>): Promise<Settings> {
      // A key sent as undefined means "not this one", as a key left out does.
      const patch = Object.fromEntries(
        Object.entries(input).filter(([, v]) => v !== undefined),
      ) as Partial<Settings>;
      // The backup folder set here passes the same path rules as backups.setFolder.
      if (patch.backupFolder) await checkBackupFolderPath(patch.backupFolder);
      const before = settings.get();
      const after = settings.update(patch);
      await db.transaction((trx) =>
        audit.append(trx, { action: 'update', entity: 'settings', before, after }),
      );
      return after;
    },
  };
  const backups = makeBackupService({
    ...core,
    keys,
    settings,
    dataFolder: info.dataFolder,
    appVersion: info.version,
    schemaVersion: info.schemaVersion,
    knownMigrations: MIGRATION_NAMES,
    updateSettings: settingsService.update,
  });

  const retentionRules = makeRetentionRules(core);

  async function authStatus(): Promise<AuthStatus> {
    const user = session.user();
    const phase = !(await keys.isSetUp())
      ? 'setup'
      : !keys.state.key
        ? 'key-needed'
        : !user
          ? 'signed-out'
          : session.isLocked()
            ? 'locked'
            : 'active';
    const practiceRow = phase === 'setup' ? null : await practice.get();
    return {
      phase,
      practiceName: practiceRow?.name ?? null,
      user: user && phase !== 'setup' ? user : null,
      keychainMessage:
        keys.state.keychain.state === 'available' ? null : keys.state.keychain.message,
      lockReason: phase === 'locked' ? session.lockState().reason : null,
      idleMinutes: settings.get().idleMinutes,
    };
  }

  const onLockAuditError = (err: unknown) =>
    log?.('Could not record a lock in the audit trail', err);

  /** Every lock trigger ends here, so each one is audited the same way. */
  function lockNow(reason: Exclude<LockReason, 'idle' | 'signed-out'>): void {
    if (session.lockEvent({ type: reason })) void accounts.recordLock(reason, onLockAuditError);
  }

  return {
    info: (): AppInfo => info,
    db,
    audit,
    session,
    keys,
    accounts,
    setup,
    authStatus,
    lockNow,
    onLockAuditError,
    scope,
    settings: settingsService,
    practice,
    people: makePeopleService(core),
    assignments: makeAssignmentsService(core),
    hours: makeHoursService(core),
    sessions: makeSessionsService(core),
    packs,
    progress: makeProgressService(core, packs),
    events,
    reports: makeReportsService(core, { events, packs }),
    csvHours: makeCsvHoursService(core, { events, scope }),
    ce: makeCeService(core, { scope }),
    weeks: makeWeeksService(core, { accounts, scope }),
    privacyRequests: makePrivacyRequestsService(core, { accounts, scope }),
    privacyAccess: makePrivacyAccessService(core),
    privacyNotices: makeNoticesService(core),
    consents: makeConsentsService(core),
    privacyPolicy: makePrivacyPolicyService(core),
    statistics: makeStatisticsService(core, { packs }),
    surveys: makeSurveysService(core),
    retentionRules,
    privacyDeletion: makeDeletionService(core, { accounts, backups, rules: retentionRules }),
    backups,
    restore: makeRestoreService(accounts, keys, backups, ports.restoreDatabase),
  };
}

export type Services = ReturnType<typeof makeServices>;
