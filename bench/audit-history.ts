import type { Knex } from 'knex';
import type { Core } from '../main/core.js';
import { insertBatched } from '../main/db/connection.js';
import { AUDIT_COLUMNS, auditTail } from '../main/db/tables/audit-log.js';
import { hourEntryFromRow } from '../main/db/tables/hour-entries.js';
import { hmacHex } from '../main/platform/crypto.js';
import { GENESIS, chainedValues, content, type ChainedRow } from '../main/services/audit-chain.js';

/** What the app audits for a save or a view, as audit.append would be given it. */
export interface HistoryEvent {
  at: string;
  action: 'create' | 'view';
  entity: string;
  entityId?: number | null;
  subjectType: 'worker';
  subjectId: number;
  after?: unknown;
  detail?: string | null;
}

/**
 * The audit history the app would have written for a generated practice: one row per save and
 * per view, chained and sealed under the practice's real audit key exactly as audit.append
 * does (so audit.verify walks it), but computed here and written in batches. The actor is the
 * owner who set the practice up. Rows are appended after the chain's current tail.
 */
export async function makeAuditHistory(core: Core) {
  const ring = core.services.auditKeys.ring();
  if (!ring) throw new Error('The audit key is not loaded');
  const key = ring.current;
  const owner = (await core
    .db('audit_log')
    .orderBy('id', 'desc')
    .first('actor_user_id', 'actor')) as
    { actor_user_id: number | null; actor: string } | undefined;
  let tail = (await auditTail(core.db)) ?? { id: 0, hmac: GENESIS };
  let pending: Record<string, string | number | null>[] = [];
  let written = 0;
  return {
    add(e: HistoryEvent): void {
      const row: ChainedRow = {
        id: tail.id + 1,
        at: e.at,
        actorUserId: owner?.actor_user_id ?? null,
        actor: owner?.actor ?? 'Bench Owner',
        action: e.action,
        entity: e.entity,
        entityId: e.entityId ?? null,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        before: null,
        after: e.after === undefined ? null : JSON.stringify(e.after),
        detail: e.detail ?? null,
        prevHmac: tail.hmac,
      };
      const hmac = hmacHex(key, content(row));
      const values = [...chainedValues(row), hmac];
      pending.push(Object.fromEntries(AUDIT_COLUMNS.map((c, i) => [c, values[i] ?? null])));
      tail = { id: row.id, hmac };
    },
    /**
     * A 'create' row for each of the worker's entries just inserted (`rows`, in insertion
     * order), as hours.add writes it: the entry as read back, with its id. Resolves to the ids.
     */
    async addSaves(
      trx: Knex.Transaction,
      workerId: number,
      rows: readonly Record<string, unknown>[],
    ): Promise<number[]> {
      const ids = (
        (await trx('hour_entries').where({ worker_id: workerId }).orderBy('id').select('id')) as {
          id: number;
        }[]
      ).map((r) => Number(r.id));
      rows.forEach((row, k) => {
        const after = hourEntryFromRow({ ...row, id: ids[k] ?? 0 });
        this.add({
          at: `${after.date}T17:00:00.000Z`,
          action: 'create',
          entity: 'hour_entries',
          entityId: after.id,
          subjectType: 'worker',
          subjectId: workerId,
          after,
        });
      });
      return ids;
    },
    /** Writes the rows added so far in the caller's transaction (in chain order). */
    async flush(trx: Knex.Transaction): Promise<void> {
      await insertBatched(trx, 'audit_log', pending);
      written += pending.length;
      pending = [];
    },
    written: () => written,
  };
}
