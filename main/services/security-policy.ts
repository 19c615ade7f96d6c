import type { Knex } from 'knex';
import type { Q } from '../db/query.js';
import type { Clock } from '../../shared/domain/clock.js';
import type { LockoutPolicy } from '../../shared/domain/throttle.js';
import type { SettingsBackend } from '../platform/settings.js';
import type { AuditLog } from './audit.js';

type Row = { max_failed_sign_ins: number; lockout_minutes: number };

/**
 * The lockout policy lives in the encrypted database, where a change is audited, rather than in
 * the workstation's settings file, which anyone at the computer could edit. The key file keeps a
 * copy for sign-ins while the database is closed (main/services/vault.ts).
 */
export function makeSecurityPolicy(deps: {
  db: Knex;
  clock: Clock;
  audit: AuditLog;
  /** The settings file, where versions before encryption kept the policy. */
  settingsBackend: SettingsBackend | null;
}) {
  const { db, clock, audit } = deps;
  const read = async (q: Q = db): Promise<LockoutPolicy> => {
    const row = (await q('security_policy').where({ id: 1 }).first()) as Row | undefined;
    return {
      maxFailedSignIns: Number(row?.max_failed_sign_ins ?? 5),
      lockoutMinutes: Number(row?.lockout_minutes ?? 15),
    };
  };

  async function update(patch: Partial<LockoutPolicy>, detail?: string): Promise<LockoutPolicy> {
    return db.transaction(async (trx) => {
      const before = await read(trx);
      const after = { ...before, ...patch };
      if (
        after.maxFailedSignIns === before.maxFailedSignIns &&
        after.lockoutMinutes === before.lockoutMinutes
      )
        return before;
      await trx('security_policy').where({ id: 1 }).update({
        max_failed_sign_ins: after.maxFailedSignIns,
        lockout_minutes: after.lockoutMinutes,
        updated_at: clock.now().toISOString(),
      });
      await audit.append(trx, {
        action: 'update',
        entity: 'security_policy',
        before,
        after,
        ...(detail ? { detail } : {}),
      });
      return after;
    });
  }

  return {
    get: () => read(),
    update,
    /** Moves a policy an older version kept in the settings file into the database, once. */
    async adoptWorkstationCopy(): Promise<void> {
      const backend = deps.settingsBackend;
      const stored = backend?.get('settings') as Record<string, unknown> | undefined;
      if (!backend || !stored) return;
      const { maxFailedSignIns, lockoutMinutes, ...rest } = stored;
      if (maxFailedSignIns === undefined && lockoutMinutes === undefined) return;
      const patch: Partial<LockoutPolicy> = {};
      if (typeof maxFailedSignIns === 'number') patch.maxFailedSignIns = maxFailedSignIns;
      if (typeof lockoutMinutes === 'number') patch.lockoutMinutes = lockoutMinutes;
      await update(patch, 'moved from the workstation settings file into the database');
      backend.set('settings', rest);
    },
  };
}

export type SecurityPolicy = ReturnType<typeof makeSecurityPolicy>;
