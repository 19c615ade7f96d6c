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
import { makeHoursService } from './hours.js';
import { makeKeyManager } from './keys.js';
import { makePeopleService } from './people.js';
import { makePracticeService } from './practice.js';
import { makeWorkstationSession } from './session.js';
import { makeSetup } from './setup.js';
import { makeScope } from './scope.js';

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
}

export function makeServices({ db, clock, secrets, settings, log }: ServicePorts, info: AppInfo) {
  const session = makeWorkstationSession(clock, settings);
  const keys = makeKeyManager(db, secrets);
  const audit = makeAuditLog({ clock, actor: session.actor, key: () => keys.state.key });
  const accounts = makeAccounts({ db, clock, session, keys, audit, settings });
  const setup = makeSetup({ db, clock, keys, accounts, audit });
  const core = { db, clock, audit };
  const practice = makePracticeService(core);

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
    scope: makeScope(db, clock),
    settings: {
      get: (): Settings => settings.get(),
      async update(patch: Partial<Settings>): Promise<Settings> {
        const before = settings.get();
        const after = settings.update(patch);
        await db.transaction((trx) =>
          audit.append(trx, { action: 'update', entity: 'settings', before, after }),
        );
        return after;
      },
    },
    practice,
    people: makePeopleService(core),
    assignments: makeAssignmentsService(core),
    hours: makeHoursService(core),
  };
}

export type Services = ReturnType<typeof makeServices>;
