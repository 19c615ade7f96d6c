import type { Db } from '../db/connection.js';
import type { Clock } from '../../shared/domain/clock.js';
import { settingsSchema, type Settings } from '../../shared/domain/settings.js';
import type { SettingsStore } from '../platform/settings.js';
import { makeAuditKeys } from './audit-keys.js';
import { makeSecurityPolicy } from './security-policy.js';
import { makeWeekSignatures } from './week-signatures.js';
import { DATABASE_FILE, type Vault } from './vault.js';
import type { ServerAccess } from '../db/postgres.js';
import { makeAccounts } from './accounts.js';
import { makeAssignmentsService } from './assignments.js';
import { makeAuditLog } from './audit.js';
import { makeCeService } from './ce.js';
import { makeBackupService } from './backup/backups.js';
import { checkBackupFolderPath } from './backup/folder.js';
import { makeRestoreService, type RestoreDatabase } from './backup/restore.js';
import { MIGRATION_NAMES } from '../db/migration-source.js';
import { makeHoursService } from './hours.js';
import { makePeopleService } from './people.js';
import { makePacksService } from './packs.js';
import { makePracticeService } from './practice.js';
import { makeProgressService } from './progress.js';
import { makeSessionsService } from './sessions.js';
import type { WorkstationSession } from './session.js';
import { makeSetup } from './setup.js';
import { makeScope } from './scope.js';
import { makeWeeksService } from './weeks.js';
import { makeCsvHoursService } from './csv-hours/csv-hours.js';
import { join } from 'node:path';
import { makeIntegrity } from './integrity.js';
import { makeAuditVerifier } from './audit-verifier.js';
import { makeEventHub, type EventHub } from './events.js';
import { makeReportsService } from './reports/reports.js';
import { STOPPED_BY_LOCK, makeLongJobs, makeWorkerJobs } from './reports/worker-jobs.js';
import { whenNoThreads } from '../platform/worker-thread.js';
import { AppError } from '../../shared/errors.js';
import { deriveKey } from '../platform/crypto.js';
import { makeDeletionService } from './privacy/deletion.js';
import { makeRetentionRules } from './privacy/retention-rules.js';
import { makePrivacyRequestsService } from './privacy/requests.js';
import { makePrivacyAccessService } from './privacy/access.js';
import { makeNoticesService } from './privacy/notices.js';
import { makeConsentsService } from './privacy/consents.js';
import { makePrivacyPolicyService } from './privacy/policy.js';
import { makeStatisticsService } from './privacy/statistics.js';
import { makeSurveysService } from './privacy/surveys.js';
import { makeReviewerEnrolment } from './review/enrolment.js';
import { makeReviewExport } from './review/export.js';
import { makeReviewImport } from './review/import.js';

export interface AppInfo {
  version: string;
  dataFolder: string;
  schemaVersion: number;
}

export interface ServicePorts {
  db: Db;
  clock: Clock;
  settings: SettingsStore;
  log?: (message: string, err?: unknown) => void;
  /** Kept by the core while the database closes and opens (lock, restore). */
  session: WorkstationSession;
  /** Key custody: the open data key, key slots (main/services/vault.ts). */
  vault: Vault;
  /** Pushes to the renderer; kept by the core across a restore like the session. */
  events?: EventHub;
  /** The core's swap of the database file for a restored one (main/core.ts). */
  restoreDatabase?: RestoreDatabase;
  /** The built worker-thread scripts (dist/main/workers); without it long work runs here. */
  workersFolder?: string | null;
  /** The practice's PostgreSQL server, when it is kept there: worker threads connect to it. */
  server?: ServerAccess | null;
}

export function makeServices(ports: ServicePorts, info: AppInfo) {
  const { db, clock, settings, session, vault } = ports;
  const auditKeys = makeAuditKeys(db);
  const audit = makeAuditLog({
    clock,
    actor: session.actor,
    keys: auditKeys.ring,
    anchor: () => vault.anchor(),
  });

  /** Anchors the chain's head in the key file when it moved (timer, lock, backup, restore). */
  async function anchorAudit(force = false): Promise<void> {
    const head = await audit.head(db);
    const last = vault.anchor();
    if (!force && last && last.lastId === head.lastId && last.lastHmac === head.lastHmac) return;
    await vault.setAnchor(head);
  }
  const weekSignatures = makeWeekSignatures(
    { db, clock, audit },
    { practiceId: () => vault.practiceId() },
  );
  const accounts = makeAccounts({
    db,
    clock,
    session,
    vault,
    audit,
    signingKeys: weekSignatures,
  });
  const setup = makeSetup({ db, clock, accounts, audit });
  const core = { db, clock, audit };
  const scope = makeScope(db, clock);
  const practice = makePracticeService(core);
  const packs = makePacksService(core);
  const securityPolicy = makeSecurityPolicy({
    db,
    clock,
    audit,
    settingsBackend: settings.backend,
  });
  /** Progress of long work, pushed to the renderer by the transport (core.onEvent). */
  const events = ports.events ?? makeEventHub();
  const settingsService = {
    async get(): Promise<Settings> {
      return { ...settings.get(), ...(await securityPolicy.get()) };
    },
    /** The lockout policy goes to the database (and the key file's copy), the rest to the file. */
    async update(input: Partial<Settings>): Promise<Settings> {
      // A key sent as undefined means "not this one", as a key left out does.
      const patch = Object.fromEntries(
        Object.entries(input).filter(([, v]) => v !== undefined),
      ) as Partial<Settings>;
      // The backup folder set here passes the same path rules as backups.setFolder.
      if (patch.backupFolder) await checkBackupFolderPath(patch.backupFolder);
      const before = await settingsService.get();
      // The whole result is checked first, so a bad value changes nothing anywhere.
      const merged = settingsSchema.parse({ ...before, ...patch });
      const { maxFailedSignIns, lockoutMinutes, ...workstation } = merged;
      const policy = await securityPolicy.update({ maxFailedSignIns, lockoutMinutes });
      await vault.setPolicy(policy);
      const beforeFile = settings.get();
      const afterFile = settings.update(workstation);
      if (JSON.stringify(beforeFile) !== JSON.stringify(afterFile)) {
        await db.transaction((trx) =>
          audit.append(trx, {
            action: 'update',
            entity: 'settings',
            before: beforeFile,
            after: afterFile,
          }),
        );
      }
      return { ...afterFile, ...policy };
    },
  };
  const backupFiles = makeBackupService({
    ...core,
    vault,
    settings,
    dataFolder: info.dataFolder,
    appVersion: info.version,
    schemaVersion: info.schemaVersion,
    knownMigrations: MIGRATION_NAMES,
    updateSettings: settingsService.update,
    server: ports.server ?? null,
    workersFolder: ports.workersFolder ?? null,
  });
  /** Each backup also anchors the trail's head in the key file, as its header does. */
  const backups: typeof backupFiles = {
    ...backupFiles,
    async create(tier) {
      const item = await backupFiles.create(tier);
      await anchorAudit();
      return item;
    },
  };

  const retentionRules = makeRetentionRules(core);
  // Long work (PDFs, person-record exports, CSV parsing) runs in worker threads, cancellable.
  const workers = makeWorkerJobs(ports.workersFolder ?? null);
  const longJobs = makeLongJobs(events);
  const databaseAccess = () => ({
    file: join(info.dataFolder, DATABASE_FILE),
    databaseKey: deriveKey(vault.keys().dataKey, 'database'),
    server: ports.server ?? null,
  });

  const integrity = makeIntegrity({
    db,
    audit,
    signatures: weekSignatures,
    events,
    checkpoint: { get: () => vault.checkpoint(), set: (c) => vault.setCheckpoint(c) },
    anchor: { get: () => vault.anchor(), renew: () => anchorAudit(true) },
    verifier: makeAuditVerifier({
      db,
      audit,
      vault,
      ring: auditKeys.ring,
      databaseFile: join(info.dataFolder, DATABASE_FILE),
      server: ports.server ?? null,
      workersFolder: ports.workersFolder ?? null,
    }),
  });

  const privacyDeletion = makeDeletionService(core, {
    accounts,
    backups,
    rules: retentionRules,
    slots: vault,
  });

  /**
   * Before the practice closes (lock, sign-out, quit, restore): the long calls under way stop,
   * each answering `locked`, and their threads let go of the database (a thread still reading
   * would go on with the key after the lock, and one torn down mid-query at quit ends the
   * process).
   */
  async function stopLongWork(): Promise<void> {
    // A thread finishes the query it is in before it closes its connection: seconds at most
    // (the longest, a person record's read of a 50,000-entry worker); a stuck one is not
    // waited for past this.
    const THREAD_WAIT_MS = 30_000;
    const answer = new AppError('locked', STOPPED_BY_LOCK);
    // A search of the trail begun for a deletion plan reads on a connection of its own.
    await Promise.all([
      longJobs.stopAll(answer),
      integrity.stop(answer),
      privacyDeletion.settled(),
    ]);
    await whenNoThreads(THREAD_WAIT_MS);
  }

  const progress = makeProgressService(core, packs);
  const weeks = makeWeeksService(core, { accounts, scope, signatures: weekSignatures });
  const practiceId = () => vault.practiceId();

  return {
    info: (): AppInfo => info,
    db,
    audit,
    auditKeys,
    anchorAudit,
    session,
    vault,
    accounts,
    setup,
    securityPolicy,
    weekSignatures,
    integrity,
    stopLongWork,
    scope,
    settings: settingsService,
    practice,
    people: makePeopleService(core),
    assignments: makeAssignmentsService(core),
    hours: makeHoursService(core, ports.log),
    sessions: makeSessionsService(core),
    packs,
    progress,
    events,
    longJobs,
    reports: makeReportsService(core, { packs, jobs: longJobs, workers }),
    csvHours: makeCsvHoursService(core, { events, scope, jobs: longJobs, workers }),
    ce: makeCeService(core, { scope }),
    weeks,
    // Offline review (issue 20): enrolling reviewer computers, packets out, decisions in.
    reviewerEnrolment: makeReviewerEnrolment(core, { signatures: weekSignatures, vault }),
    reviewExport: makeReviewExport(core, {
      weeks,
      signatures: weekSignatures,
      warningsOf: progress.warningsOf,
      practiceId,
    }),
    reviewImport: makeReviewImport(core, { weeks, signatures: weekSignatures, practiceId }),
    privacyRequests: makePrivacyRequestsService(core, {
      accounts,
      scope,
      signatures: weekSignatures,
    }),
    privacyAccess: makePrivacyAccessService(core, { jobs: longJobs, workers, databaseAccess }),
    privacyNotices: makeNoticesService(core),
    consents: makeConsentsService(core),
    privacyPolicy: makePrivacyPolicyService(core),
    statistics: makeStatisticsService(core, { packs }),
    surveys: makeSurveysService(core),
    retentionRules,
    privacyDeletion,
    backups,
    restore: makeRestoreService(accounts, backups, ports.restoreDatabase),
  };
}

export type Services = ReturnType<typeof makeServices>;
