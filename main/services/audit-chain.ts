import type { Knex } from 'knex';
import type { AuditChainVerdict, AuditEntryView } from '../../shared/domain/records.js';
import { hmacHex } from '../platform/crypto.js';
import { lastAuditId } from '../db/tables/audit-log.js';
import type { AuditKeyRing } from './audit-keys.js';

/**
 * The audit chain's rows, seals and the walk that verifies them: pure functions of a database
 * handle and the key ring, so the walk runs the same in the main process and in a worker
 * thread (main/workers/audit-verify.ts) on its own read-only connection.
 */

/** A row of the trail as the audit screen shows it, with what the chain itself keeps. */
export interface AuditRow extends AuditEntryView {
  actorUserId: number | null;
  prevHmac: string;
  hmac: string;
  redactionSeal: string | null;
}

export type AuditVerdict = AuditChainVerdict;

export const GENESIS = '0'.repeat(64);
/** The action a restore's row records (main/core.ts and the first-run restore write it). */
export const RESTORE_ACTION = 'restore';

/** A row as the chain covers it: every column up to its link to the previous row. */
export type ChainedRow = Omit<AuditRow, 'hmac' | 'redactedAt' | 'redactionSeal'>;

/** A row's columns up to its link to the previous row, in audit_log's column order. */
export const chainedValues = (r: ChainedRow): (string | number | null)[] => [
  r.id,
  r.at,
  r.actorUserId,
  r.actor,
  r.action,
  r.entity,
  r.entityId,
  r.subjectType,
  r.subjectId,
  r.before,
  r.after,
  r.detail,
  r.prevHmac,
];

/** The HMAC covers every column and the previous row's HMAC, so an edit, a deletion or a
 * reordering anywhere breaks the chain at that row. */
export function content(r: ChainedRow): string {
  return JSON.stringify(chainedValues(r));
}

/**
 * A redacted row no longer matches its HMAC, so the seal vouches for it instead: it covers the
 * row as redacted and the original HMAC, which still links the chain, so neither the redacted
 * content nor its place in the chain can be changed without the key.
 */
export function sealContent(r: AuditRow): string {
  return JSON.stringify([...chainedValues(r), r.redactedAt, r.hmac]);
}

export const fromRow = (r: Record<string, unknown>): AuditRow => ({
  id: Number(r.id),
  at: String(r.at),
  actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
  actor: String(r.actor),
  action: String(r.action),
  entity: (r.entity as string | null) ?? null,
  entityId: r.entity_id === null ? null : Number(r.entity_id),
  subjectType: (r.subject_type as string | null) ?? null,
  subjectId: r.subject_id === null ? null : Number(r.subject_id),
  before: (r.before_json as string | null) ?? null,
  after: (r.after_json as string | null) ?? null,
  detail: (r.detail as string | null) ?? null,
  prevHmac: String(r.prev_hmac),
  hmac: String(r.hmac),
  redactedAt: (r.redacted_at as string | null | undefined) ?? null,
  redactionSeal: (r.redaction_seal as string | null | undefined) ?? null,
});

/** The chain's head, sealed under the audit key, kept outside the database. */
export interface AuditAnchor {
  lastId: number;
  lastHmac: string;
  count: number;
  at: string;
  mac: string;
}

export const anchorContent = (a: Omit<AuditAnchor, 'mac'>) =>
  JSON.stringify(['hourkeep audit anchor v1', a.lastId, a.lastHmac, a.count, a.at]);
/** A checkpoint is sealed under its own label, so an anchor cannot pass for one. */
export const checkpointContent = (a: Omit<AuditAnchor, 'mac'>) =>
  JSON.stringify(['hourkeep audit checkpoint v1', a.lastId, a.lastHmac, a.count, a.at]);

export interface VerifyOptions {
  /** Called with the rows checked so far, after each page. */
  onProgress?: (done: number) => void;
  /** Start after this sealed checkpoint instead of at row 1 (ignored when its seal fails). */
  from?: AuditAnchor | null;
  /** Checked after each page: stops the walk with VerifyCancelled. */
  signal?: AbortSignal;
}

/** A verification stopped by the person who asked for it. */
export class VerifyCancelled extends Error {
  constructor() {
    super('The verification was cancelled.');
    this.name = 'VerifyCancelled';
  }
}

/** The key a row was sealed with: the legacy key for rows from before encryption. */
const keyForRow = (ring: AuditKeyRing, id: number): Buffer | null =>
  id <= ring.legacyUntil ? ring.legacy : ring.current;

/**
 * A chain that verifies row by row can still have lost its end (rows deleted from the tail,
 * or all of them): the anchor outside the database says how far it reached.
 */
function anchorProblem(
  ring: AuditKeyRing,
  a: AuditAnchor | null,
  rows: number,
  lastHmac: string,
  restoredAt: string | null,
): string | null {
  // A practice's trail starts at its set-up, so an empty one was emptied.
  if (!a)
    return rows === 0
      ? 'the audit trail is empty, but every practice has one from its set-up'
      : null;
  if (a.mac !== hmacHex(ring.current, anchorContent(a)))
    return "the anchor kept in the key file was changed, so the trail's length cannot be confirmed";
  if (restoredSince(restoredAt, a.at)) return null;
  if (rows < a.count) {
    const missing = a.count - rows;
    return rows === 0
      ? `the audit trail is empty, but it held ${a.count} rows on ${a.at.slice(0, 10)}`
      : `the trail ends at row ${rows}, but it reached row ${a.count} on ${a.at.slice(0, 10)}: ${missing} row${missing === 1 ? ' is' : 's are'} missing from its end`;
  }
  if (rows === a.count && a.count > 0 && lastHmac !== a.lastHmac)
    return `row ${a.count} is not the row anchored on ${a.at.slice(0, 10)}`;
  return null;
}

/**
 * Whether the trail was replaced by a restore made after `since` (an anchor's or a checkpoint's
 * time): the restore's own row, sealed in the chain under the audit key, says when. On a server
 * (issue 21) another workstation's restore replaces the trail this workstation anchored; its
 * anchor then says nothing of the new trail's length, until it anchors again (its next backup).
 * Rows cut from the end after a restore are still found by the anchor of any workstation that
 * anchored after it (the one that restored anchors at once).
 */
const restoredSince = (restoredAt: string | null, since: string): boolean =>
  restoredAt !== null && Date.parse(restoredAt) > Date.parse(since);

/**
 * Walks the chain in id order in pages; reports the first row whose link does not hold. From a
 * checkpoint it reads only the rows after it (the row at the checkpoint must still be the one
 * verified); the anchor says how far the chain reached, so a cut end is found.
 */
export async function walkAuditChain(
  db: Knex,
  ring: AuditKeyRing,
  anchor: AuditAnchor | null,
  options: VerifyOptions = {},
): Promise<AuditVerdict & { resumedAfter: number }> {
  const { onProgress } = options;
  const from =
    options.from && options.from.mac === hmacHex(ring.current, checkpointContent(options.from))
      ? options.from
      : null;
  let prev = GENESIS;
  let expectedId = 1;
  let rows = 0;
  let start = 0;
  /** The time of the newest restore row walked (restoredSince). */
  let restoredAt: string | null = null;
  // The trail as it stands now: rows appended while it is walked are the next verify's (from
  // its checkpoint). A walk that chased the head behind a practice still writing could take
  // many times as long, holding a core all the while (issue 18's busy bench: 1,061 s, not 48).
  const head = await lastAuditId(db);
  if (from && from.lastId > 0) {
    const at = (await db('audit_log').where({ id: from.lastId }).first('hmac')) as
      { hmac: string } | undefined;
    if (at?.hmac !== from.lastHmac) {
      // Only a walk from the start can tell a restore made since from rows changed or cut.
      const whole = await walk(0);
      if (!whole.intact || restoredSince(restoredAt, from.at)) return { ...whole, resumedAfter: 0 };
      return {
        intact: false,
        rows: from.count - 1,
        firstBrokenId: from.lastId,
        reason: at
          ? `it is not the row verified on ${from.at.slice(0, 10)}`
          : `it was verified on ${from.at.slice(0, 10)} and is now missing`,
        resumedAfter: 0,
      };
    }
    prev = from.lastHmac;
    expectedId = from.lastId + 1;
    rows = from.count;
    start = from.lastId;
  }
  const verdict = await walk(start);
  return { ...verdict, resumedAfter: start };

  async function walk(startAfter: number): Promise<AuditVerdict> {
    for (let after = startAfter; ;) {
      const page = (
        await db('audit_log')
          .where('id', '>', after)
          .andWhere('id', '<=', head)
          .orderBy('id')
          .limit(5000)
      ).map(fromRow);
      if (page.length === 0) {
        const cut = anchorProblem(ring, anchor, rows, prev, restoredAt);
        if (cut) return { intact: false, rows, firstBrokenId: expectedId, reason: cut };
        return { intact: true, rows };
      }
      for (const r of page) {
        const broken = (reason: string): AuditVerdict => ({
          intact: false,
          rows,
          firstBrokenId: r.id,
          reason,
        });
        if (r.id !== expectedId) return broken(`row ${expectedId} is missing`);
        if (r.prevHmac !== prev) return broken('its link to the previous row does not match');
        const k = keyForRow(ring, r.id);
        if (!k) return broken('the key that sealed the rows from before encryption is missing');
        if (r.redactedAt !== null || r.redactionSeal !== null) {
          // A seal is made with the key current when the row was redacted.
          const seal = sealContent(r);
          const sealed =
            r.redactionSeal === hmacHex(ring.current, seal) ||
            (ring.legacy !== null && r.redactionSeal === hmacHex(ring.legacy, seal));
          if (r.redactedAt === null || !sealed) return broken('its redaction was changed');
        } else if (hmacHex(k, content(r)) !== r.hmac) return broken('its content was changed');
        prev = r.hmac;
        expectedId = r.id + 1;
        rows += 1;
        if (r.action === RESTORE_ACTION) restoredAt = r.at;
      }
      after = page.at(-1)?.id ?? after;
      onProgress?.(rows);
      if (options.signal?.aborted) throw new VerifyCancelled();
    }
  }
}
