import type { Knex } from 'knex';
import type { ApiParsed } from '../../shared/api/contract.js';
import type { Clock } from '../../shared/domain/clock.js';
import type { UserAccount } from '../../shared/domain/records.js';
import type { Accounts } from './accounts.js';
import type { AuditLog } from './audit.js';
import { publishDefaultNotice } from './privacy/notices.js';
import type { SessionUser } from './session.js';

/**
 * First run, on the new encrypted database: the practice, the owner's account and the default
 * privacy notice, in one transaction. `bindKeys` writes the key file (with the owner's slot)
 * before the transaction commits, so either both exist or neither does (main/services/gate.ts
 * removes the database when anything fails).
 */
export function makeSetup(deps: { db: Knex; clock: Clock; accounts: Accounts; audit: AuditLog }) {
  const { db, clock, accounts, audit } = deps;
  return {
    async complete(
      i: ApiParsed<'setup.complete'>,
      bindKeys: (owner: UserAccount, trx: Knex.Transaction) => Promise<void>,
    ): Promise<SessionUser> {
      return db.transaction(async (trx) => {
        const now = clock.now().toISOString();
        await trx('practice').insert({ name: i.practiceName, created_at: now, updated_at: now });
        await audit.append(trx, { action: 'setup', detail: 'practice set up; data key created' });
        const owner = await accounts.insertUser(trx, {
          username: i.username,
          displayName: i.ownerName,
          role: 'owner',
          workerId: null,
          supervisorId: null,
        });
        // The wizard's last step shows the default notice; finishing it is the owner's acknowledgement.
        await publishDefaultNotice(trx, { clock, audit }, owner.id);
        await bindKeys(owner, trx);
        return {
          id: owner.id,
          username: owner.username,
          displayName: owner.displayName,
          role: owner.role,
          workerId: owner.workerId,
          supervisorId: owner.supervisorId,
        };
      });
    },
  };
}
