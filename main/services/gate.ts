import type { ApiParsed } from '../../shared/api/contract.js';
import { AppError, validationError } from '../../shared/errors.js';
import type { Clock } from '../../shared/domain/clock.js';
import type { LockReason } from '../../shared/domain/lock-machine.js';
import type { RestoreOutcome, RestorePreview } from '../../shared/domain/backups.js';
import type { AuthPhase, AuthStatus } from '../../shared/domain/records.js';
import { newDataKey, newRecoveryCode, normalizeRecoveryCode, wipe } from '../platform/crypto.js';
import type { SettingsStore } from '../platform/settings.js';
import type { AuditEntry } from './audit.js';
import type { Services } from './index.js';
import type { SessionUser, WorkstationSession } from './session.js';
import type { OpenKeys, Vault } from './vault.js';
import type { SigningKeyPair } from '../platform/signing.js';

/** How much of the recovery code the owner types back to show it was written down. */
export const RECOVERY_CHECK_CHARS = 10;

/** What the gate needs from the core: the practice's database, opened and closed. */
export interface PracticeDoor {
  /** The services on the open database, or null while it is closed. */
  services(): Services | null;
  /** Opens the database with these keys (migrating it) and builds the services. */
  open(keys: OpenKeys): Promise<Services>;
  /** A new, empty encrypted database for the set-up wizard. */
  create(dataKey: Buffer): Promise<Services>;
  /** Removes a set-up that did not finish: the database and key file. */
  discard(): Promise<void>;
  /**
   * Runs `before` (the lock's audit row) and what is due (a backup, deletions), then closes the
   * database and overwrites the keys. Queued at once, so an unlock asked for later opens after.
   */
  close(before?: (services: Services) => Promise<void>): Promise<void>;
  /**
   * Resolves once every queued open and close has finished. The vault's keys are overwritten
   * at the end of a close, so an unlock must not take them from the vault before that.
   */
  settled(): Promise<void>;
  /** Conversion of an installation from before encryption, when one is waiting. */
  conversion(): { done: number; total: number; message: string | null } | null;
  /** Converts a waiting plain installation with its data key, found with the recovery code. */
  convertWithRecoveryCode(code: string): Promise<void>;
  /** Re-keys the open database from one data key to another (`PRAGMA rekey`). */
  rekey(oldKey: Buffer, newKey: Buffer): Promise<void>;
  /** Restores a backup where no practice is open (main/services/backup/first-run-restore.ts). */
  firstRunRestore: {
    preview(
      upload: { name: string; base64: string },
      recoveryCode: string,
    ): Promise<RestorePreview>;
    commit(token: string): Promise<RestorePreview>;
  };
  schemaVersion: number;
}

export interface GatePorts {
  vault: Vault;
  session: WorkstationSession;
  clock: Clock;
  settings: SettingsStore;
  door: PracticeDoor;
  /** True when this data folder holds a reviewer profile (issue 20): no practice is set up here. */
  reviewerHere(): boolean;
  /** True when the practice's database is on its PostgreSQL server (issue 21). */
  onServer(): boolean;
}

/**
 * The way into the practice: set-up, sign-in, unlock, the recovery code, sign-out and locking.
 * The database is open only while someone is signed in and the app is unlocked: each of these
 * opens it with a person's password (or the recovery code) or closes it and overwrites the keys.
 */
/** Refuses unless `typed` is the end of `code`: the owner typing back what they wrote down. */
function assertTypedBack(code: string, typed: string, which: string): void {
  const want = normalizeRecoveryCode(code).slice(-RECOVERY_CHECK_CHARS);
  if (normalizeRecoveryCode(typed) !== want)
    throw validationError({
      recoveryCodeCheck: `This does not match the last two groups of ${which}`,
    });
}

export function makeGate({
  vault,
  session,
  clock,
  settings,
  door,
  reviewerHere,
  onServer,
}: GatePorts) {
  const refuseOnReviewerComputer = () => {
    if (reviewerHere())
      throw new AppError(
        'conflict',
        'This computer holds a reviewer profile: a practice cannot be set up or restored in the same data folder.',
      );
  };

  let pendingSetup: { dataKey: Buffer; recoveryCode: string } | null = null;
  let pendingRotation: { recoveryCode: string } | null = null;

  const openServices = (): Services => {
    const services = door.services();
    if (!services) throw new AppError('locked', 'Hourkeep is locked. Unlock it to continue.');
    return services;
  };

  /** Appends to the audit trail now when the database is open, else at its next opening. */
  async function record(entry: AuditEntry & { userId?: number | null }): Promise<void> {
    const services = door.services();
    if (services) {
      await services.db.transaction((trx) => services.audit.append(trx, entry));
      return;
    }
    await vault.recordPending({
      action: entry.action,
      userId: entry.userId ?? entry.subjectId ?? null,
      detail: entry.detail ?? '',
    });
  }

  /** An entry about a user's own account: their sign-ins, sign-outs and password resets. */
  const aboutUser = (
    action: AuditEntry['action'],
    userId: number,
    detail?: string,
  ): AuditEntry => ({
    action,
    entity: 'users',
    entityId: userId,
    subjectType: 'user',
    subjectId: userId,
    ...(detail ? { detail } : {}),
  });

  const failureEntry = (
    action: AuditEntry['action'],
    userId: number | null,
    detail: string,
  ): AuditEntry & { userId: number | null } =>
    userId === null ? { action, detail, userId } : { ...aboutUser(action, userId, detail), userId };

  /** Ends a locked session before someone else takes the workstation; audited. */
  async function endLockedSession(services: Services, nextUsername: string): Promise<void> {
    const previous = session.user();
    if (!previous || !session.isLocked() || previous.username === nextUsername) return;
    await services.db.transaction((trx) =>
      services.audit.append(
        trx,
        aboutUser(
          'sign_out',
          previous.id,
          `locked session ended at the lock screen by a sign-in as ${nextUsername}`,
        ),
      ),
    );
    session.signOut();
  }

  function phase(): AuthPhase {
    const vp = vault.phase();
    switch (vp.phase) {
      case 'setup':
        return reviewerHere() ? 'reviewer' : 'setup';
      case 'legacy':
        return door.conversion() ? 'converting' : 'key-needed';
      case 'rebind':
        return 'key-needed';
      case 'damaged':
        return 'damaged';
      case 'ready': {
        const user = session.user();
        if (!user) return 'signed-out';
        return session.isLocked() || !door.services() ? 'locked' : 'active';
      }
    }
  }

  async function status(): Promise<AuthStatus> {
    const current = phase();
    const vp = vault.phase();
    const services = door.services();
    const user = session.user();
    const practiceName =
      current === 'setup'
        ? null
        : current === 'active' && services
          ? ((await services.practice.get())?.name ?? vault.practiceName())
          : vault.practiceName();
    return {
      phase: current,
      practiceName,
      user: user && (current === 'active' || current === 'locked') ? user : null,
      keychainMessage:
        vp.phase === 'rebind' || vp.phase === 'damaged'
          ? vp.message
          : vp.phase === 'legacy' && !door.conversion()
            ? "This installation's data is being moved into an encrypted database, and the key for it is not in this computer's keychain. Enter the recovery code to continue."
            : null,
      lockReason: current === 'locked' ? session.lockState().reason : null,
      idleMinutes: settings.get().idleMinutes,
      conversion: door.conversion(),
      kept: onServer() ? 'server' : 'file',
    };
  }

  /** Opens the practice for a person whose password (or recovery code) gave the keys. */
  async function admit(
    keys: OpenKeys,
    userId: number,
    how: string,
    password: { password: string; signing: SigningKeyPair | null } | null,
  ): Promise<SessionUser> {
    const services = await door.open(keys);
    const user = await services.accounts.forSignIn(userId);
    if (!user || user.disabled) {
      wipe(password?.signing?.privateKey);
      await services.db.transaction((trx) =>
        services.audit.append(trx, {
          ...failureEntry('sign_in_failed', userId, user ? 'account disabled' : 'no such account'),
        }),
      );
      if (!session.user()) await door.close();
      throw new AppError(
        'forbidden',
        user ? 'This account is disabled. Ask the practice owner.' : 'Wrong username or password.',
      );
    }
    await endLockedSession(services, user.username);
    session.signIn(user);
    // A supervisor from before signatures gets a signing key while the password is at hand.
    if (password) await services.accounts.afterSignIn(user, password.password, password.signing);
    await services.db.transaction((trx) =>
      services.audit.append(trx, aboutUser('sign_in', user.id, how)),
    );
    return user;
  }

  return {
    status,
    phase,

    prepareSetup(): { recoveryCode: string } {
      refuseOnReviewerComputer();
      if (vault.phase().phase !== 'setup')
        throw new AppError('conflict', 'Hourkeep is already set up on this computer.');
      pendingSetup ??= { dataKey: newDataKey(), recoveryCode: newRecoveryCode() };
      return { recoveryCode: pendingSetup.recoveryCode };
    },

    /**
     * First run: a new encrypted database, the practice, the owner's account and the key file,
     * committed together. A failure half-way leaves nothing behind.
     */
    async completeSetup(i: ApiParsed<'setup.complete'>): Promise<void> {
      refuseOnReviewerComputer();
      if (vault.phase().phase !== 'setup')
        throw new AppError('conflict', 'Hourkeep is already set up on this computer.');
      if (!pendingSetup)
        throw new AppError('conflict', 'Start the set-up again: no recovery code was prepared.');
      assertTypedBack(pendingSetup.recoveryCode, i.recoveryCodeCheck, 'the recovery code');
      const { dataKey, recoveryCode } = pendingSetup;
      let owner: SessionUser;
      try {
        const services = await door.create(dataKey);
        const policy = await services.securityPolicy.get();
        owner = await services.setup.complete(i, async (created) => {
          await vault.create({
            dataKey,
            recoveryCode,
            practiceName: i.practiceName,
            owner: created,
            password: i.password,
            policy,
          });
        });
      } catch (err) {
        await door.discard();
        throw err;
      }
      wipe(dataKey);
      pendingSetup = null;
      const services = door.services() as Services;
      session.signIn(owner);
      await services.db.transaction((trx) =>
        services.audit.append(trx, aboutUser('sign_in', owner.id)),
      );
    },

    async signIn(username: string, password: string): Promise<void> {
      if (vault.phase().phase !== 'ready') return;
      const name = username.trim().toLowerCase();
      await door.settled();
      const attempt = await vault.attempt(name, password);
      if (!attempt.ok) {
        await record(failureEntry('sign_in_failed', attempt.userId, attempt.detail));
        throw attempt.error;
      }
      await admit(attempt.keys, attempt.userId, '', { password, signing: attempt.signing });
    },

    /** Unlocks the locked session with its own person's password; failures count toward lockout. */
    async unlock(password: string): Promise<void> {
      const current = session.user();
      if (!current) throw new AppError('forbidden', 'Sign in first.');
      await door.settled();
      const attempt = await vault.attempt(current.username, password);
      if (!attempt.ok) {
        await record(failureEntry('unlock_failed', current.id, attempt.detail));
        // Locked out while locked: nobody stays signed in behind the lock screen.
        if (
          vault.lockedUntil(current.username) &&
          new Date(vault.lockedUntil(current.username) as string) > clock.now()
        ) {
          session.signOut();
          if (door.services()) await door.close();
        }
        throw attempt.error;
      }
      wipe(attempt.signing?.privateKey);
      const services = await door.open(attempt.keys);
      session.unlock();
      await services.db.transaction((trx) =>
        services.audit.append(trx, { action: 'unlock', detail: 'password' }),
      );
    },

    /**
     * The recovery code on a computer whose keychain does not open the key file (or with an
     * installation from before encryption whose key is not in the keychain): binds the file to
     * this keychain, or converts the installation. Nobody is signed in by it.
     */
    async recover(code: string): Promise<void> {
      const vp = vault.phase().phase;
      if (vp === 'legacy') {
        await door.convertWithRecoveryCode(code);
        return;
      }
      if (vp !== 'rebind') {
        throw new AppError(
          'conflict',
          'This computer already opens the practice. Sign in with your password, or use the recovery code to set a new owner password.',
        );
      }
      await door.settled();
      const keys = await vault.recover(code);
      const services = await door.open(keys);
      await services.db.transaction((trx) =>
        services.audit.append(trx, {
          action: 'keys_rebound',
          detail: "the key file was bound to this computer's keychain with the recovery code",
        }),
      );
      if (!session.user()) await door.close();
    },

    /**
     * Forgotten password: the recovery code sets a new password for an owner account and signs
     * that owner in. A locked session of someone else is ended first; both are audited.
     */
    async resetOwnerPassword(i: ApiParsed<'auth.resetWithRecoveryCode'>): Promise<void> {
      if (vault.phase().phase !== 'ready') {
        throw new AppError(
          'conflict',
          'Enter the recovery code on the recovery screen first: this computer does not open the practice yet.',
        );
      }
      await door.settled();
      const keys = await vault.recover(i.code).catch(async (err: unknown) => {
        await record({
          action: 'sign_in_failed',
          detail: 'wrong recovery code for a password reset',
        });
        throw err;
      });
      const services = await door.open(keys);
      const owner = await services.accounts.ownerByUsername(i.username);
      if (!owner) {
        if (!session.user()) await door.close();
        throw validationError({ username: 'No active owner account has this username' });
      }
      await vault.setPassword(owner, i.newPassword);
      await services.db.transaction((trx) =>
        services.audit.append(trx, aboutUser('password_reset', owner.id, 'with the recovery code')),
      );
      await admit(vault.keys(), owner.id, 'recovery code', null);
    },

    async signOut(): Promise<void> {
      const user = session.user();
      if (!user) return;
      await record({ action: 'sign_out' });
      session.signOut();
      if (door.services()) await door.close();
    },

    /** The menu, the shortcut or the lock button. */
    lock(reason: 'manual' | 'os-lock' | 'suspend'): Promise<void> {
      return this.afterLock(session.lockEvent({ type: reason }), reason);
    },

    /** Input seen in the renderer: the person is at the computer. */
    activity(): void {
      session.lockEvent({ type: 'activity' });
    },

    /** A new recovery code for a change of keys, shown once; nothing changes until `rotate`. */
    prepareRotation(): { recoveryCode: string } {
      openServices();
      pendingRotation ??= { recoveryCode: newRecoveryCode() };
      return { recoveryCode: pendingRotation.recoveryCode };
    },

    /**
     * Replaces the data key and the recovery code: the owner has written the new code down
     * (typed back its end) and confirms with their password. The database is re-keyed; backups
     * made before keep opening with the recovery code that was current when they were made.
     */
    async rotate(i: ApiParsed<'keys.rotate'>): Promise<{ rotatedAt: string }> {
      const services = openServices();
      if (!pendingRotation)
        throw new AppError('conflict', 'Start again: no new recovery code was prepared.');
      assertTypedBack(pendingRotation.recoveryCode, i.recoveryCodeCheck, 'the new recovery code');
      await services.accounts.withPasswordConfirmation(
        (_trx, confirm) => confirm(i.password),
        'approve_failed',
      );
      const code = pendingRotation.recoveryCode;
      await vault.rotate(code, (oldKey, newKey) => door.rekey(oldKey, newKey));
      pendingRotation = null;
      const rotatedAt = clock.now().toISOString();
      await services.db.transaction((trx) =>
        services.audit.append(trx, {
          action: 'keys_rotated',
          detail:
            'data key and recovery code replaced; backups made before open with the recovery code of their time',
        }),
      );
      return { rotatedAt };
    },

    previewFirstRunBackup: async (
      upload: { name: string; base64: string },
      recoveryCode: string,
    ) => {
      refuseOnReviewerComputer();
      return door.firstRunRestore.preview(upload, recoveryCode);
    },

    async restoreFirstRunBackup(token: string): Promise<RestoreOutcome> {
      refuseOnReviewerComputer();
      const restored = await door.firstRunRestore.commit(token);
      return {
        restored,
        safetyBackup: null,
        migratedFrom: restored.summary.schemaVersion,
        migratedTo: door.schemaVersion,
      };
    },

    /**
     * A password check inside the practice (a change of one's own password) that locked the
     * account out has signed the session out: close the practice too, as a locked-out unlock
     * does, so nobody's keys stay open behind the sign-in screen.
     */
    async closeIfSignedOut(): Promise<void> {
      if (session.user() || !door.services()) return;
      await door.close();
    },

    /** Every lock trigger ends here; `locked` says whether this one locked the app. */
    afterLock(locked: boolean, reason: LockReason): Promise<void> {
      if (!locked || !door.services() || !session.user()) return Promise.resolve();
      return door.close((services) =>
        services.db.transaction((trx) =>
          services.audit.append(trx, { action: 'lock', detail: reason }),
        ),
      );
    },
  };
}

export type Gate = ReturnType<typeof makeGate>;
