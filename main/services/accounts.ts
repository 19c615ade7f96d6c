import type { UserRow } from '../db/tables/users.js';
import type { Knex } from 'knex';
import type { Q } from '../db/query.js';
import type { ApiParsed, Role } from '../../shared/api/contract.js';
import { AppError, notFound, validationError } from '../../shared/errors.js';
import type { Clock } from '../../shared/domain/clock.js';
import type { UserAccount } from '../../shared/domain/records.js';
import { activeLockout } from '../../shared/domain/throttle.js';
import type { AuditLog } from './audit.js';
import type { SessionUser, WorkstationSession } from './session.js';
import type { Vault } from './vault.js';
import type { WeekSignatures } from './week-signatures.js';
import { newSigningKeyPair, type SigningKeyPair } from '../platform/signing.js';
import { wipe } from '../platform/crypto.js';
import { insertedId } from '../db/dialect/index.js';

export interface AccountPorts {
  db: Knex;
  clock: Clock;
  session: WorkstationSession;
  vault: Vault;
  audit: AuditLog;
  /** Supervisors' public signing keys, recorded and audited (main/services/week-signatures.ts). */
  signingKeys: Pick<WeekSignatures, 'recordKey'>;
}

const toSessionUser = (r: UserRow): SessionUser => ({
  id: Number(r.id),
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  workerId: r.worker_id === null ? null : Number(r.worker_id),
  supervisorId: r.supervisor_id === null ? null : Number(r.supervisor_id),
});

export { throttleSeconds } from '../../shared/domain/throttle.js';

/**
 * Local accounts. Passwords live only in the key slots (main/services/vault.ts): a password is
 * right when it opens its slot, and every check — sign-in, unlock, a password change, signing a
 * week, restoring, erasing — goes through the same throttling and lockout there.
 */
export function makeAccounts({ db, clock, session, vault, audit, signingKeys }: AccountPorts) {
  const nowIso = () => clock.now().toISOString();

  const toAccount = (r: UserRow): UserAccount => ({
    ...toSessionUser(r),
    disabled: Boolean(r.disabled),
    lockedUntil: activeLockout(
      { failures: 0, nextAttemptAt: null, lockedUntil: vault.lockedUntil(r.username) },
      clock.now(),
    ),
  });

  type FailAction = 'approve_failed' | 'restore_failed' | 'erase_failed' | 'password_change_failed';

  /**
   * Checks the signed-in person's password against their key slot, inside `trx`. A wrong one
   * counts toward lockout and is audited (the audit row is kept although the act fails); a
   * lockout signs the session out, as it does at the lock screen.
   */
  async function confirmPassword(
    trx: Knex.Transaction,
    password: string,
    failAction: FailAction,
    wrong: AppError,
  ): Promise<SigningKeyPair | null> {
    const current = session.user();
    if (!current) throw new AppError('forbidden', 'Sign in first.');
    const row = await findUser(trx, { id: current.id });
    if (!row || row.disabled)
      throw new AppError('forbidden', 'This account can no longer sign in.');
    const attempt = await vault.attempt(current.username, password);
    if (attempt.ok) return ensureSigningKey(trx, toSessionUser(row), password, attempt.signing);
    await audit.append(trx, {
      action: failAction,
      entity: 'users',
      entityId: current.id,
      subjectType: 'user',
      subjectId: current.id,
      detail: attempt.detail,
    });
    const lockedOut = attempt.detail.includes('locked out');
    if (lockedOut) session.signOut();
    throw new CommittedFailure(
      attempt.detail.startsWith('wrong password (') ? wrong : attempt.error,
    );
  }

  /**
   * A supervisor without a signing key (an account from before signatures) gets one the first
   * time their password is at hand; anyone else's key is overwritten and forgotten.
   */
  async function ensureSigningKey(
    trx: Knex.Transaction,
    user: SessionUser,
    password: string,
    signing: SigningKeyPair | null,
  ): Promise<SigningKeyPair | null> {
    if (user.role !== 'supervisor' || user.supervisorId === null) {
      wipe(signing?.privateKey);
      return null;
    }
    if (signing) return signing;
    const made = newSigningKeyPair();
    await vault.setPassword(user, password, made);
    await signingKeys.recordKey(
      trx,
      user.supervisorId,
      user.id,
      made.publicKey,
      'first signing key',
    );
    return made;
  }

  /** Runs fn in a transaction; a CommittedFailure commits the work done so far, then throws. */
  async function withRecordedFailure<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    let failure: AppError | null = null;
    const result = await db.transaction(async (trx) => {
      try {
        return await fn(trx);
      } catch (err) {
        if (err instanceof CommittedFailure) {
          failure = err.error;
          return undefined as T;
        }
        throw err;
      }
    });
    if (failure) throw failure;
    return result;
  }

  async function findUser(trx: Q, where: object) {
    return (await trx('users').where(where).first()) as UserRow | undefined;
  }

  async function mustFind(trx: Knex.Transaction, id: number): Promise<UserRow> {
    const row = await findUser(trx, { id });
    if (!row) throw notFound('User');
    return row;
  }

  /**
   * Writes `user`'s key slot for `password`; a supervisor's holds a new signing key, whose public
   * half is recorded with `why` (the private half is wiped from memory either way).
   */
  async function setPasswordWithNewKey(
    trx: Knex.Transaction,
    user: SessionUser,
    password: string,
    why: string,
  ): Promise<void> {
    const signing =
      user.role === 'supervisor' && user.supervisorId !== null ? newSigningKeyPair() : null;
    try {
      await vault.setPassword(user, password, signing);
      if (signing && user.supervisorId !== null)
        await signingKeys.recordKey(trx, user.supervisorId, user.id, signing.publicKey, why);
    } finally {
      wipe(signing?.privateKey);
    }
  }

  async function assertLinks(
    trx: Knex.Transaction,
    role: Role,
    workerId: number | null,
    supervisorId: number | null,
  ) {
    if (role === 'worker') {
      if (workerId === null)
        throw validationError({ workerId: 'A worker account is linked to a worker record' });
      if (!(await trx('workers').where({ id: workerId }).first('id')))
        throw validationError({ workerId: 'No such worker' });
    }
    if (role === 'supervisor') {
      if (supervisorId === null)
        throw validationError({
          supervisorId: 'A supervisor account is linked to a supervisor record',
        });
      if (!(await trx('supervisors').where({ id: supervisorId }).first('id')))
        throw validationError({ supervisorId: 'No such supervisor' });
    }
    // One login per record (a unique index holds it too): a second login could sign as them.
    for (const [field, column, id] of [
      ['workerId', 'worker_id', workerId],
      ['supervisorId', 'supervisor_id', supervisorId],
    ] as const) {
      if (id === null) continue;
      const taken = (await trx('users')
        .where({ [column]: id })
        .first('username')) as { username: string } | undefined;
      if (taken)
        throw new AppError(
          'conflict',
          `This ${field === 'workerId' ? 'worker' : 'supervisor'} already has a login (${taken.username}); each record has one login.`,
          { [field]: `Already linked to the login ${taken.username}` },
        );
    }
  }

  return {
    /** The account a key slot belongs to, for the gate's sign-in; null when it is gone. */
    async forSignIn(userId: number): Promise<(SessionUser & { disabled: boolean }) | null> {
      const row = await findUser(db, { id: userId });
      return row ? { ...toSessionUser(row), disabled: Boolean(row.disabled) } : null;
    },

    /** An active owner by username, for a password reset with the recovery code. */
    async ownerByUsername(username: string): Promise<SessionUser | null> {
      const row = await findUser(db, { username: username.trim().toLowerCase() });
      return row && row.role === 'owner' && !row.disabled ? toSessionUser(row) : null;
    },

    /**
     * Runs `act` in one transaction, handing it `confirm(password)`, which re-checks the
     * signed-in user's password for an act that needs it (signing a week). A wrong password
     * counts toward lockout exactly like a failed sign-in, and its audit row is kept although
     * the act fails; a lockout signs the session out, as it does at the lock screen.
     */
    async withPasswordConfirmation<T>(
      act: (
        trx: Knex.Transaction,
        confirm: (password: string) => Promise<SigningKeyPair | null>,
      ) => Promise<T>,
      failAction: 'approve_failed' | 'restore_failed' | 'erase_failed' = 'approve_failed',
    ): Promise<T> {
      if (!session.user()) throw new AppError('forbidden', 'Sign in first.');
      // The password also opens a supervisor's signing key; it is overwritten once `act` ends.
      const opened: SigningKeyPair[] = [];
      try {
        return await withRecordedFailure((trx) =>
          act(trx, async (password) => {
            const signing = await confirmPassword(
              trx,
              password,
              failAction,
              validationError({
                password:
                  'This is not your password. Wrong passwords count toward locking your account.',
              }),
            );
            if (signing) opened.push(signing);
            return signing;
          }),
        );
      } finally {
        for (const k of opened) wipe(k.privateKey);
      }
    },

    /** At sign-in: a supervisor from before signatures gets their signing key now. */
    async afterSignIn(user: SessionUser, password: string, signing: SigningKeyPair | null) {
      const made = await db.transaction((trx) => ensureSigningKey(trx, user, password, signing));
      wipe(made?.privateKey);
    },

    /**
     * Logins the one-login-per-record migration unlinked (and disabled) go into the audit trail
     * when the practice opens: the migration itself cannot key audit rows.
     */
    async recordLoginUnlinks(): Promise<number> {
      return db.transaction(async (trx) => {
        const rows = (await trx('login_unlinks').whereNull('audited_at').orderBy('id')) as {
          id: number;
          user_id: number;
          record_type: 'worker' | 'supervisor';
          record_id: number;
          kept_user_id: number;
          was_enabled: number | boolean;
          at: string;
        }[];
        for (const r of rows) {
          const link = r.record_type === 'worker' ? 'workerId' : 'supervisorId';
          await audit.append(trx, {
            action: 'update',
            entity: 'users',
            entityId: Number(r.user_id),
            subjectType: 'user',
            subjectId: Number(r.user_id),
            before: { [link]: Number(r.record_id), disabled: !r.was_enabled },
            after: { [link]: null, disabled: true },
            detail: `one login per record: unlinked from ${r.record_type} ${r.record_id}, which login ${r.kept_user_id} keeps, and disabled (upgrade at ${r.at})`,
          });
          await trx('login_unlinks').where({ id: r.id }).update({ audited_at: nowIso() });
        }
        return rows.length;
      });
    },

    async list(): Promise<UserAccount[]> {
      return ((await db('users').orderBy('username')) as UserRow[]).map(toAccount);
    },

    /**
     * The account's row and audit entry, in the caller's transaction, without its key slot (the
     * set-up wizard writes the owner's slot with the new key file).
     */
    async insertUser(
      trx: Knex.Transaction,
      i: Omit<ApiParsed<'users.create'>, 'password'>,
    ): Promise<UserAccount> {
      if (await findUser(trx, { username: i.username }))
        throw validationError({ username: 'This username is taken' });
      const workerId = i.role === 'worker' ? (i.workerId ?? null) : null;
      const supervisorId = i.role === 'supervisor' ? (i.supervisorId ?? null) : null;
      await assertLinks(trx, i.role, workerId, supervisorId);
      const now = nowIso();
      const id = insertedId(
        await trx('users')
          .insert({
            username: i.username,
            display_name: i.displayName,
            role: i.role,
            worker_id: workerId,
            supervisor_id: supervisorId,
            password_hash: '',
            password_changed_at: now,
            created_at: now,
            updated_at: now,
          })
          .returning('id'),
      );
      const created = toAccount(await mustFind(trx, Number(id)));
      await audit.append(trx, {
        action: 'create',
        entity: 'users',
        entityId: created.id,
        subjectType: 'user',
        subjectId: created.id,
        after: created,
      });
      return created;
    },

    /**
     * A new account and its key slot (a supervisor's with a new signing key, its public half
     * recorded); the slot is written before the row commits.
     */
    async create(i: ApiParsed<'users.create'>): Promise<UserAccount> {
      return db.transaction(async (trx) => {
        const { password, ...rest } = i;
        const created = await this.insertUser(trx, rest);
        await setPasswordWithNewKey(trx, created, password, 'made with the account');
        return created;
      });
    },

    async setDisabled(id: number, disabled: boolean): Promise<UserAccount> {
      return db.transaction(async (trx) => {
        const row = await findUser(trx, { id });
        if (!row) throw notFound('User');
        if (disabled && session.user()?.id === id)
          throw new AppError('conflict', 'You cannot disable your own account.');
        if (disabled && row.role === 'owner') {
          const owners = await trx('users')
            .where({ role: 'owner', disabled: false })
            .count({ n: '*' })
            .first();
          if (Number(owners?.n ?? 0) <= 1)
            throw new AppError('conflict', 'The last active owner cannot be disabled.');
        }
        await trx('users').where({ id }).update({ disabled, updated_at: nowIso() });
        const after = toAccount(await mustFind(trx, id));
        await audit.append(trx, {
          action: 'update',
          entity: 'users',
          entityId: id,
          subjectType: 'user',
          subjectId: id,
          before: toAccount(row),
          after,
        });
        return after;
      });
    },

    /** The owner sets a new password: a new key slot, failed attempts and lockout cleared. */
    async resetPassword(id: number, newPassword: string): Promise<void> {
      await db.transaction(async (trx) => {
        const row = await findUser(trx, { id });
        if (!row) throw notFound('User');
        await trx('users')
          .where({ id })
          .update({ password_changed_at: nowIso(), updated_at: nowIso() });
        await audit.append(trx, {
          action: 'password_reset',
          entity: 'users',
          entityId: id,
          subjectType: 'user',
          subjectId: id,
        });
        // Nobody but the supervisor may hold their signing key: a reset makes a new one, and
        // the old one can no longer sign (it still verifies what it signed).
        await setPasswordWithNewKey(
          trx,
          toSessionUser(row),
          newPassword,
          'password reset by the owner',
        );
      });
    },

    /**
     * A person changes their own password. The current one is checked like any other password
     * (throttled, counted toward lockout, audited when wrong); the slot is rewritten atomically.
     */
    async changeOwnPassword(current: string, next: string): Promise<void> {
      const me = session.user();
      if (!me) throw new AppError('forbidden', 'Sign in first.');
      await withRecordedFailure(async (trx) => {
        const signing = await confirmPassword(
          trx,
          current,
          'password_change_failed',
          validationError({ currentPassword: 'This is not your current password' }),
        );
        await trx('users')
          .where({ id: me.id })
          .update({ password_changed_at: nowIso(), updated_at: nowIso() });
        await audit.append(trx, {
          action: 'password_changed',
          entity: 'users',
          entityId: me.id,
          subjectType: 'user',
          subjectId: me.id,
        });
        // The signing key moves to the new password's slot unchanged.
        try {
          await vault.setPassword(me, next, signing);
        } finally {
          wipe(signing?.privateKey);
        }
      });
    },
  };
}

class CommittedFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export type Accounts = ReturnType<typeof makeAccounts>;
