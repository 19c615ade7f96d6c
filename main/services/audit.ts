import type { Knex } from 'knex';
import { AppError } from '../../shared/errors.js';
import type { Clock } from '../../shared/domain/clock.js';
import type { AuditAction } from '../../shared/domain/audit-actions.js';
import { storableText } from '../../shared/domain/text.js';
import { hmacHex } from '../platform/crypto.js';
import {
  appendAudit,
  appendAuditAfter,
  auditTail,
  writeAuditRedactions,
  type AuditRedaction,
  type RedactionClear,
} from '../db/tables/audit-log.js';
import { lockAuditChain } from '../db/dialect/index.js';
import type { AuditKeyRing } from './audit-keys.js';
import {
  GENESIS,
  chainedValues,
  anchorContent,
  checkpointContent,
  content,
  fromRow,
  sealContent,
  walkAuditChain,
  type AuditAnchor,
  type AuditRow,
  type ChainedRow,
  type VerifyOptions,
} from './audit-chain.js';

export type { AuditAnchor, AuditRow, AuditVerdict, VerifyOptions } from './audit-chain.js';

/** Who did it: the signed-in user, or the system (set-up, schedules) when nobody is. */
export interface Actor {
  userId: number | null;
  label: string;
}

export type { AuditAction } from '../../shared/domain/audit-actions.js';

export interface AuditEntry {
  action: AuditAction;
  entity?: string;
  entityId?: number;
  /** The person the entry is about, so their record's history can be listed. */
  subjectType?: 'worker' | 'supervisor' | 'user';
  subjectId?: number;
  before?: unknown;
  after?: unknown;
  detail?: string;
}

/** What a redaction may clear; the JSON before/after images are always cleared. */
export interface RedactionPatch {
  actorUserId?: null;
  actor?: string;
  entityId?: null;
  subjectType?: null;
  subjectId?: null;
  detail?: null;
}

/** The patch's fields that empty a column, and the column. */
const CLEARED_BY: readonly [Exclude<keyof RedactionPatch, 'actor'>, RedactionClear][] = [
  ['actorUserId', 'actor_user_id'],
  ['entityId', 'entity_id'],
  ['subjectType', 'subject_type'],
  ['subjectId', 'subject_id'],
  ['detail', 'detail'],
];

/**
 * Text exactly as the database will hand it back. SQLite stores UTF-8, so a lone UTF-16
 * surrogate comes back as U+FFFD, and NUL ends text in C and in PostgreSQL. Replacing both
 * before hashing means the HMAC covers the stored bytes: any string that reaches the trail (a
 * mistyped username, a recipient) can no longer break the chain at its row for good.
 */
const text = (v: string | null): string | null => (v === null ? null : storableText(v));

/** JSON.stringify escapes lone surrogates and NUL itself; the rest goes through `text`. */
const json = (v: unknown): string | null => (v === undefined ? null : text(JSON.stringify(v)));

interface Tail {
  id: number;
  hmac: string;
}
type AuditInsert = ChainedRow & { hmac: string };

/** A row's values in the order of audit_log's AUDIT_COLUMNS. */
const insertValues = (r: AuditInsert): (string | number | null)[] => [...chainedValues(r), r.hmac];

export interface AuditPorts {
  clock: Clock;
  actor: () => Actor;
  /** The audit HMAC keys (main/services/audit-keys.ts); null until the database is open. */
  keys: () => AuditKeyRing | null;
  /** The chain's head as last anchored outside the database (the key file), if ever. */
  anchor?: () => AuditAnchor | null;
}

export function makeAuditLog({ clock, actor, keys, anchor }: AuditPorts) {
  const requireRing = (): AuditKeyRing => {
    const ring = keys();
    if (!ring) throw new AppError('locked', 'The data key is not unlocked.');
    return ring;
  };
  const requireKey = (): Buffer => requireRing().current;

  /** The last row appended by this log, as a guess at the chain's tail (see `append`). */
  let tail: Tail | null = null;

  /**
   * The redactions of rows already read (audit_log rows as stored), each sealed; rows already
   * redacted are left out. Nothing is written: `writeRedactions` does that, so an erasure can
   * read and seal while the owner's password is still being checked. A patch that keeps the
   * detail needs the row read with its text (the seal covers what stays).
   */
  function sealRedactions(
    items: readonly { row: Record<string, unknown>; patch: RedactionPatch }[],
  ): AuditRedaction[] {
    const k = requireKey();
    const redactedAt = clock.now().toISOString();
    return items
      .map(({ row, patch }) => ({ row: fromRow(row), patch }))
      .filter(({ row }) => row.redactedAt === null)
      .map(({ row, patch }) => {
        const redacted: AuditRow = {
          ...row,
          ...patch,
          ...(patch.actor === undefined ? {} : { actor: storableText(patch.actor) }),
          before: null,
          after: null,
          redactedAt,
        };
        return {
          id: redacted.id,
          clears: CLEARED_BY.filter(([field]) => patch[field] === null).map(([, c]) => c),
          actor: patch.actor === undefined ? null : redacted.actor,
          redacted_at: redactedAt,
          redaction_seal: hmacHex(k, sealContent(redacted)),
        };
      });
  }

  /** Writes sealed redactions in the caller's transaction; resolves to how many there were. */
  async function writeRedactions(
    trx: Knex.Transaction,
    sealed: readonly AuditRedaction[],
  ): Promise<number> {
    await writeAuditRedactions(trx, sealed);
    return sealed.length;
  }

  /**
   * sealRedactions and writeRedactions at once: clears the rows' personal columns in the
   * caller's transaction and seals the results. The database allows exactly this one update
   * per row (migrations/20261124000000_privacy.ts); a row already redacted is left as it is.
   */
  const redactRows = (
    trx: Knex.Transaction,
    items: readonly { row: Record<string, unknown>; patch: RedactionPatch }[],
  ): Promise<number> => writeRedactions(trx, sealRedactions(items));

  /** View rows waiting for the writer (`appendQueued`), and whether a flush has asked for it. */
  let queued: {
    entry: AuditEntry;
    said: { who: Actor; at: string };
    resolve: () => void;
    reject: (err: unknown) => void;
  }[] = [];
  let flushing = false;

  function flushQueued(db: Knex): void {
    flushing = true;
    let taken: typeof queued = [];
    db.transaction(async (trx) => {
      // Taken once the writer is ours: every row queued while we waited goes in this flush.
      taken = queued;
      queued = [];
      for (const row of taken) await log.append(trx, row.entry, row.said);
    })
      .then(
        () => taken.forEach((row) => row.resolve()),
        (err: unknown) => {
          // Failed before taking any (the database closed): what waits fails too, no retry loop.
          const failed = taken.length > 0 ? taken : queued.splice(0);
          failed.forEach((row) => row.reject(err));
        },
      )
      .finally(() => {
        flushing = false;
        if (queued.length > 0) flushQueued(db);
      });
  }

  const log = {
    /**
     * Appends behind any write in progress on `db`, for a row that need not commit with
     * anything (a view): who acted and when are taken now, so a row written after a long import
     * still names the right person and moment. Rows queued meanwhile are written together in
     * one transaction, so a thousand views during an import wait as one request for the
     * connection, not a thousand. The promise settles when the row is written.
     */
    appendQueued(db: Knex, entry: AuditEntry): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        queued.push({
          entry,
          said: { who: actor(), at: clock.now().toISOString() },
          resolve,
          reject,
        });
        if (!flushing) flushQueued(db);
      });
    },

    /** Appends inside the caller's transaction, so the record and its audit row commit together. */
    async append(
      trx: Knex.Transaction,
      entry: AuditEntry,
      /** Who acted and when, when the row is written later than the act (`appendQueued`). */
      said: { who: Actor; at: string } = { who: actor(), at: clock.now().toISOString() },
    ): Promise<void> {
      const k = requireKey();
      const { who, at } = said;
      const rowAfter = (last: Tail | null): AuditInsert => {
        const row: ChainedRow = {
          id: (last ? last.id : 0) + 1,
          at,
          actorUserId: who.userId,
          actor: storableText(who.label),
          action: storableText(entry.action),
          entity: text(entry.entity ?? null),
          entityId: entry.entityId ?? null,
          subjectType: entry.subjectType ?? null,
          subjectId: entry.subjectId ?? null,
          before: json(entry.before),
          after: json(entry.after),
          detail: text(entry.detail ?? null),
          prevHmac: last ? last.hmac : GENESIS,
        };
        return { ...row, hmac: hmacHex(k, content(row)) };
      };
      // The last row this log wrote is the likely tail; the INSERT checks that it still is (a
      // rolled-back transaction, a restore or another writer make it stale), so a stale guess
      // costs a second try, never a broken chain.
      await lockAuditChain(trx);
      const guess = tail;
      if (guess) {
        const row = rowAfter(guess);
        if (await appendAuditAfter(trx, insertValues(row), guess)) {
          tail = { id: row.id, hmac: row.hmac };
          return;
        }
      }
      const row = rowAfter((await auditTail(trx)) ?? null);
      await appendAudit(trx, insertValues(row));
      tail = { id: row.id, hmac: row.hmac };
    },

    /** The chain's head now, sealed: what the key file and backup headers anchor. */
    async head(db: Knex): Promise<AuditAnchor> {
      const ring = requireRing();
      const last = await auditTail(db);
      const head = {
        lastId: last ? Number(last.id) : 0,
        lastHmac: last ? String(last.hmac) : GENESIS,
        // Ids run 1, 2, 3… without gaps (verify checks it), so the last id is the count.
        count: last ? Number(last.id) : 0,
        at: clock.now().toISOString(),
      };
      return { ...head, mac: hmacHex(ring.current, anchorContent(head)) };
    },

    /** Seals the head a verification reached, for the next one to start after. */
    sealCheckpoint(head: Omit<AuditAnchor, 'mac' | 'at'>): AuditAnchor {
      const c = { ...head, at: clock.now().toISOString() };
      return { ...c, mac: hmacHex(requireRing().current, checkpointContent(c)) };
    },

    /**
     * Walks the chain in id order in pages; reports the first row whose link does not hold.
     * From a checkpoint it reads only the rows after it (main/services/audit-chain.ts).
     */
    verify: (db: Knex, options: VerifyOptions = {}) =>
      walkAuditChain(db, requireRing(), anchor?.() ?? null, options),

    redactRows,
    sealRedactions,
    writeRedactions,

    async list(
      db: Knex,
      filter: {
        action?: string;
        subjectType?: string;
        subjectId?: number;
        from?: string;
        to?: string;
        limit: number;
        beforeId?: number;
      },
    ): Promise<AuditRow[]> {
      const q = db('audit_log').orderBy('id', 'desc').limit(filter.limit);
      if (filter.action) q.where({ action: filter.action });
      if (filter.subjectType) q.where({ subject_type: filter.subjectType });
      if (filter.subjectId !== undefined) q.where({ subject_id: filter.subjectId });
      if (filter.from) q.where('at', '>=', filter.from);
      if (filter.to) q.where('at', '<', filter.to);
      if (filter.beforeId !== undefined) q.where('id', '<', filter.beforeId);
      return (await q).map(fromRow);
    },
  };
  return log;
}

export type AuditLog = ReturnType<typeof makeAuditLog>;
