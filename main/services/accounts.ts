import { addMilliseconds, format } from 'date-fns';
import type { Knex } from 'knex';
import type { ApiParsed, Role } from '../api/contract.js';
import { AppError, notFound, validationError } from '../api/envelope.js';
import type { Clock } from '../domain/clock.js';
import type { UserAccount } from '../domain/records.js';
import { hashPassword, verifyPassword } from '../platform/crypto.js';
import type { SettingsStore } from '../platform/settings.js';
import type { AuditLog } from './audit.js';
import type { KeyManager } from './keys.js';
import type { SessionUser, WorkstationSession } from './session.js';

export interface AccountPorts {
  db: Knex;
  clock: Clock;
  session: WorkstationSession;
  keys: KeyManager;
  audit: AuditLog;
  settings: SettingsStore;
}

type UserRow = {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  worker_id: number | null;
  supervisor_id: number | null;
  password_hash: string;
  disabled: number | boolean;
  failed_attempts: number;
  next_attempt_at: string | null;
  locked_until: string | null;
};

const toSessionUser = (r: UserRow): SessionUser => ({
  id: Number(r.id),
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  workerId: r.worker_id === null ? null : Number(r.worker_id),
  supervisorId: r.supervisor_id === null ? null : Number(r.supervisor_id),
});

/** A lockout that has run out is reported as none, so screens need no clock of their own. */
const toAccount = (r: UserRow, now: Date): UserAccount => ({
  ...toSessionUser(r),
  disabled: Boolean(r.disabled),
  lockedUntil: r.locked_until && new Date(r.locked_until) > now ? r.locked_until : null,
});

/** Seconds to wait after the nth consecutive failure: 1, 2, 4, 8 … capped at 30. */
export const throttleSeconds = (failures: number): number =>
  Math.min(30, 2 ** Math.max(0, failures - 1));

/** Compared against even when the username is unknown, so timing does not reveal which names exist. */
const DUMMY_HASH = hashPassword('not a real password');

export function makeAccounts({ db, clock, session, keys, audit, settings }: AccountPorts) {
  const nowIso = () => clock.now().toISOString();
  const local = (iso: string) => format(new Date(iso), 'HH:mm');

  /** Password check with throttling and lockout; used by sign-in and by unlock. */
  async function checkPassword(
    trx: Knex.Transaction,
    row: UserRow,
    password: string,
    failAction:
      'sign_in_failed' | 'unlock_failed' | 'approve_failed' | 'restore_failed' | 'erase_failed',
    wrongPassword: AppError = new AppError('forbidden', 'Wrong username or password.'),
  ): Promise<void> {
    const now = clock.now();
    const subject = {
      entity: 'users',
      entityId: row.id,
      subjectType: 'user' as const,
      subjectId: row.id,
    };
    if (row.locked_until && new Date(row.locked_until) > now) {
      await audit.append(trx, { action: failAction, ...subject, detail: 'account locked out' });
      throw refusal(
        `This account is locked after too many failed attempts. Try again after ${local(row.locked_until)}, or ask the practice owner.`,
      );
    }
    if (row.next_attempt_at && new Date(row.next_attempt_at) > now) {
      const wait = Math.ceil((new Date(row.next_attempt_at).getTime() - now.getTime()) / 1000);
      await audit.append(trx, { action: failAction, ...subject, detail: 'throttled' });
      throw refusal(`Too many attempts. Wait ${wait} s before trying again.`);
    }
    if (await verifyPassword(password, row.password_hash)) {
      await trx('users')
        .where({ id: row.id })
        .update({ failed_attempts: 0, next_attempt_at: null, locked_until: null });
      return;
    }
    const { maxFailedSignIns, lockoutMinutes } = settings.get();
    const failures = Number(row.failed_attempts) + 1;
    const lockedOut = failures >= maxFailedSignIns;
    await trx('users')
      .where({ id: row.id })
      .update({
        failed_attempts: lockedOut ? 0 : failures,
        next_attempt_at: lockedOut
          ? null
          : addMilliseconds(now, throttleSeconds(failures) * 1000).toISOString(),
        locked_until: lockedOut
          ? addMilliseconds(now, lockoutMinutes * 60_000).toISOString()
          : null,
      });
    await audit.append(trx, {
      action: failAction,
      ...subject,
      detail: lockedOut
        ? `wrong password; locked out for ${lockoutMinutes} min`
        : `wrong password (${failures})`,
    });
    // The failure must be recorded even though the call fails: commit, then report.
    throw new CommittedFailure(
      lockedOut
        ? new AppError(
            'forbidden',
            `Too many failed attempts: this account is locked for ${lockoutMinutes} minutes.`,
          )
        : wrongPassword,
    );
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

  async function findUser(trx: Knex | Knex.Transaction, where: object) {
    return (await trx('users').where(where).first()) as UserRow | undefined;
  }

  async function mustFind(trx: Knex.Transaction, id: number): Promise<UserRow> {
    const row = await findUser(trx, { id });
    if (!row) throw notFound('User');
    return row;
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
  }

  return {
    async signIn(username: string, password: string): Promise<SessionUser> {
      return withRecordedFailure(async (trx) => {
        const row = await findUser(trx, { username: username.trim().toLowerCase() });
        if (!row) {
          await verifyPassword(password, await DUMMY_HASH);
          await audit.append(trx, {
            action: 'sign_in_failed',
            detail: `unknown username "${username.slice(0, 60)}"`,
          });
          throw new CommittedFailure(new AppError('forbidden', 'Wrong username or password.'));
        }
        await checkPassword(trx, row, password, 'sign_in_failed');
        if (row.disabled) {
          await audit.append(trx, {
            action: 'sign_in_failed',
            entity: 'users',
            entityId: row.id,
            detail: 'account disabled',
          });
          throw new CommittedFailure(
            new AppError('forbidden', 'This account is disabled. Ask the practice owner.'),
          );
        }
        const user = toSessionUser(row);
        session.signIn(user);
        await audit.append(trx, {
          action: 'sign_in',
          entity: 'users',
          entityId: row.id,
          subjectType: 'user',
          subjectId: row.id,
        });
        return user;
      });
    },

    async signOut(): Promise<void> {
      if (!session.user()) return;
      await db.transaction((trx) => audit.append(trx, { action: 'sign_out' }));
      session.signOut();
    },

    /** Unlocks the locked session with the signed-in user's password; failures count toward lockout. */
    async unlockWithPassword(password: string): Promise<void> {
      const current = session.user();
      if (!current) throw new AppError('forbidden', 'Sign in first.');
      await withRecordedFailure(async (trx) => {
        const row = await findUser(trx, { id: current.id });
        if (!row || row.disabled)
          throw new AppError('forbidden', 'This account can no longer sign in.');
        try {
          await checkPassword(trx, row, password, 'unlock_failed');
        } catch (err) {
          // Locked out while locked: nobody stays signed in behind the lock screen.
          const after = await findUser(trx, { id: current.id });
          if (after?.locked_until) session.signOut();
          throw err;
        }
        session.unlock();
        await audit.append(trx, { action: 'unlock', detail: 'password' });
      });
    },

    /**
     * Runs `act` in one transaction, handing it `confirm(password)`, which re-checks the
     * signed-in user's password for an act that needs it (signing a week). A wrong password
     * counts toward lockout exactly like a failed sign-in, and its audit row is kept although
     * the act fails; a lockout signs the session out, as it does at the lock screen.
     */
    async withPasswordConfirmation<T>(
      act: (trx: Knex.Transaction, confirm: (password: string) => Promise<void>) => Promise<T>,
      failAction: 'approve_failed' | 'restore_failed' | 'erase_failed' = 'approve_failed',
    ): Promise<T> {
      const current = session.user();
      if (!current) throw new AppError('forbidden', 'Sign in first.');
      return withRecordedFailure((trx) =>
        act(trx, async (password) => {
          const row = await findUser(trx, { id: current.id });
          if (!row || row.disabled)
            throw new AppError('forbidden', 'This account can no longer sign in.');
          try {
            await checkPassword(
              trx,
              row,
              password,
              failAction,
              validationError({
                password:
                  'This is not your password. Wrong passwords count toward locking your account.',
              }),
            );
          } catch (err) {
            const after = await findUser(trx, { id: current.id });
            if (after?.locked_until && new Date(after.locked_until) > clock.now())
              session.signOut();
            throw err;
          }
        }),
      );
    },

    async unlockWithRecoveryCode(code: string): Promise<void> {
      if (!(await keys.unlockWithRecoveryCode(code))) {
        throw validationError({ code: 'This recovery code does not unlock this practice' });
      }
      if (session.user()) {
        session.unlock();
        await db.transaction((trx) =>
          audit.append(trx, { action: 'unlock', detail: 'recovery code' }),
        );
      }
    },

    /**
     * Records a lock in the audit trail. Locks come from timers and OS signals with nobody to
     * tell, so a failed write (say, at quit) is reported to `onError` instead of rejecting.
     */
    async recordLock(reason: string, onError?: (err: unknown) => void): Promise<void> {
      if (!keys.state.key || !session.user()) return;
      try {
        await db.transaction((trx) => audit.append(trx, { action: 'lock', detail: reason }));
      } catch (err) {
        onError?.(err);
      }
    },

    async list(): Promise<UserAccount[]> {
      return ((await db('users').orderBy('username')) as UserRow[]).map((r) =>
        toAccount(r, clock.now()),
      );
    },

    async create(i: ApiParsed<'users.create'>, trxIn?: Knex.Transaction): Promise<UserAccount> {
      const run = async (trx: Knex.Transaction) => {
        if (await findUser(trx, { username: i.username }))
          throw validationError({ username: 'This username is taken' });
        const workerId = i.role === 'worker' ? (i.workerId ?? null) : null;
        const supervisorId = i.role === 'supervisor' ? (i.supervisorId ?? null) : null;
        await assertLinks(trx, i.role, workerId, supervisorId);
        const now = nowIso();
        const [id] = await trx('users').insert({
          username: i.username,
          display_name: i.displayName,
          role: i.role,
          worker_id: workerId,
          supervisor_id: supervisorId,
          password_hash: await hashPassword(i.password),
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        });
        const created = toAccount(await mustFind(trx, Number(id)), clock.now());
        await audit.append(trx, {
          action: 'create',
          entity: 'users',
          entityId: created.id,
          subjectType: 'user',
          subjectId: created.id,
          after: created,
        });
        return created;
      };
      return trxIn ? run(trxIn) : db.transaction(run);
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
        const after = toAccount(await mustFind(trx, id), clock.now());
        await audit.append(trx, {
          action: 'update',
          entity: 'users',
          entityId: id,
          subjectType: 'user',
          subjectId: id,
          before: toAccount(row, clock.now()),
          after,
        });
        return after;
      });
    },

    async resetPassword(id: number, newPassword: string): Promise<void> {
      await db.transaction(async (trx) => {
        if (!(await findUser(trx, { id }))) throw notFound('User');
        await trx('users')
          .where({ id })
          .update({
            password_hash: await hashPassword(newPassword),
            password_changed_at: nowIso(),
            failed_attempts: 0,
            next_attempt_at: null,
            locked_until: null,
            updated_at: nowIso(),
          });
        await audit.append(trx, {
          action: 'password_reset',
          entity: 'users',
          entityId: id,
          subjectType: 'user',
          subjectId: id,
        });
      });
    },

    async changeOwnPassword(current: string, next: string): Promise<void> {
      const me = session.user();
      if (!me) throw new AppError('forbidden', 'Sign in first.');
      const row = await findUser(db, { id: me.id });
      if (!row || !(await verifyPassword(current, row.password_hash))) {
        throw validationError({ currentPassword: 'This is not your current password' });
      }
      await db.transaction(async (trx) => {
        await trx('users')
          .where({ id: me.id })
          .update({
            password_hash: await hashPassword(next),
            password_changed_at: nowIso(),
            updated_at: nowIso(),
          });
        await audit.append(trx, {
          action: 'password_changed',
          entity: 'users',
          entityId: me.id,
          subjectType: 'user',
          subjectId: me.id,
        });
      });
    },
  };
}

/** A refusal whose audit rows must be kept: the transaction commits, then the error is thrown. */
const refusal = (message: string) => new CommittedFailure(new AppError('forbidden', message));

class CommittedFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export type Accounts = ReturnType<typeof makeAccounts>;
