import type { Knex } from 'knex';
import type { ApiParsed } from '../api/contract.js';
import { AppError, validationError } from '../api/envelope.js';
import type { Clock } from '../domain/clock.js';
import { normalizeRecoveryCode } from '../platform/crypto.js';
import type { Accounts } from './accounts.js';
import type { AuditLog } from './audit.js';
import type { KeyManager } from './keys.js';
import { publishDefaultNotice } from './privacy/notices.js';

/** How much of the recovery code the owner types back to show it was written down. */
export const RECOVERY_CHECK_CHARS = 10;

/**
 * First run: practice details, the owner's account and the data key, committed together. The
 * key and recovery code are made by `prepare` and held in memory until `complete`, so closing
 * the wizard half-way leaves nothing behind.
 */
export function makeSetup(deps: {
  db: Knex;
  clock: Clock;
  keys: KeyManager;
  accounts: Accounts;
  audit: AuditLog;
}) {
  const { db, clock, keys, accounts, audit } = deps;
  let pending: { key: Buffer; recoveryCode: string } | null = null;

  const refuseIfSetUp = async () => {
    if (await keys.isSetUp())
      throw new AppError('conflict', 'Hourkeep is already set up on this computer.');
  };

  return {
    async prepare(): Promise<{ recoveryCode: string }> {
      await refuseIfSetUp();
      pending ??= keys.prepare();
      return { recoveryCode: pending.recoveryCode };
    },

    async complete(i: ApiParsed<'setup.complete'>): Promise<void> {
      await refuseIfSetUp();
      if (!pending)
        throw new AppError('conflict', 'Start the set-up again: no recovery code was prepared.');
      const want = normalizeRecoveryCode(pending.recoveryCode).slice(-RECOVERY_CHECK_CHARS);
      if (normalizeRecoveryCode(i.recoveryCodeCheck) !== want) {
        throw validationError({
          recoveryCodeCheck: 'This does not match the last two groups of the recovery code',
        });
      }
      const { key, recoveryCode } = pending;
      const now = clock.now().toISOString();
      try {
        await db.transaction(async (trx) => {
          const practice = await trx('practice').orderBy('id').first('id');
          if (practice)
            await trx('practice')
              .where({ id: practice.id })
              .update({ name: i.practiceName, updated_at: now });
          else
            await trx('practice').insert({
              name: i.practiceName,
              created_at: now,
              updated_at: now,
            });
          await keys.commit(trx, key, recoveryCode, now);
          await audit.append(trx, { action: 'setup', detail: 'practice set up; data key created' });
          const owner = await accounts.create(
            {
              username: i.username,
              displayName: i.ownerName,
              role: 'owner',
              workerId: null,
              supervisorId: null,
              password: i.password,
            },
            trx,
          );
          // The wizard's last step shows the default notice; finishing it is the owner's acknowledgement.
          await publishDefaultNotice(trx, { clock, audit }, owner.id);
        });
      } catch (err) {
        keys.forget();
        throw err;
      }
      pending = null;
      await accounts.signIn(i.username, i.password);
    },
  };
}
