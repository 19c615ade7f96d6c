import type { Knex } from 'knex';
import { AppError } from '../../shared/errors.js';
import type { AuditLog } from './audit.js';
import type { SessionUser } from './session.js';

/** What a supervisor is told when they write hours under another supervisor's name. */
export const NOT_IN_OWN_NAME =
  'You can log hours only in your own name: choose yourself as the supervisor.';

/**
 * A supervisor writes hours only in their own name (dispatch has already checked that the
 * worker is a current supervisee). The owner writes for anyone; a worker's supervisor is checked
 * by the hour rules (an assignment must cover it). A refusal is audited like dispatch's own.
 * Returns normally when `user` may write entries under every one of `supervisorIds`.
 */
export async function assertOwnName(
  db: Knex,
  audit: AuditLog,
  user: SessionUser | null,
  supervisorIds: readonly number[],
  what: string,
  message = NOT_IN_OWN_NAME,
): Promise<void> {
  if (!user || user.role !== 'supervisor') return;
  const other = supervisorIds.find((id) => id !== user.supervisorId);
  if (other === undefined) return;
  await db.transaction((trx) =>
    audit.append(trx, {
      action: 'forbidden',
      detail: `${what}: supervisor ${other} is not the caller (supervisor ${user.supervisorId ?? 'none'})`,
    }),
  );
  throw new AppError('forbidden', message);
}
