import type { Knex } from 'knex';
import { AppError } from '../api/envelope.js';
import type { Clock } from '../domain/clock.js';
import type { AuditAction } from '../domain/audit-actions.js';
import { storableText } from '../domain/text.js';
import { hmacHex } from '../platform/crypto.js';
import type { AuditKeyRing } from './audit-keys.js';

/** Who did it: the signed-in user, or the system (set-up, schedules) when nobody is. */
export interface Actor {
  userId: number | null;
  label: string;
}

export type { AuditAction } from '../domain/audit-actions.js';
import type { AuditChainVerdict } from '../domain/records.js';

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

export interface AuditRow {
  id: number;
  at: string;
  actorUserId: number | null;
  actor: string;
  action: string;
  entity: string | null;
  entityId: number | null;
  subjectType: string | null;
  subjectId: number | null;
  before: string | null;
  after: string | null;
  detail: string | null;
  prevHmac: string;
  hmac: string;
  /** Set when the row was redacted because the person it named was deleted. */
  redactedAt: string | null;
  redactionSeal: string | null;
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

export type AuditVerdict = AuditChainVerdict;

const GENESIS = '0'.repeat(64);

/** A row as the chain covers it: every column up to its link to the previous row. */
type ChainedRow = Omit<AuditRow, 'hmac' | 'redactedAt' | 'redactionSeal'>;

/** A row's columns up to its link to the previous row, in audit_log's column order. */
const chainedValues = (r: ChainedRow): (string | number | null)[] => [
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
function content(r: ChainedRow): string {
  return JSON.stringify(chainedValues(r));
}

/**
 * A redacted row no longer matches its HMAC, so the seal vouches for it instead: it covers the
 * row as redacted and the original HMAC, which still links the chain, so neither the redacted
 * content nor its place in the chain can be changed without the key.
 */
function sealContent(r: AuditRow): string {
  return JSON.stringify([...chainedValues(r), r.redactedAt, r.hmac]);
}

const fromRow = (r: Record<string, unknown>): AuditRow => ({
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

/** audit_log's columns as an insert writes them, in the order of `insertValues`. */
const AUDIT_COLUMNS = [
  'id',
  'at',
  'actor_user_id',
  'actor',
  'action',
  'entity',
  'entity_id',
  'subject_type',
  'subject_id',
  'before_json',
  'after_json',
  'detail',
  'prev_hmac',
  'hmac',
] as const;

const insertValues = (r: AuditInsert): (string | number | null)[] => [...chainedValues(r), r.hmac];

export interface AuditPorts {
  clock: Clock;
  actor: () => Actor;
  /** The audit HMAC keys (main/services/audit-keys.ts); null until the database is open. */
  keys: () => AuditKeyRing | null;
  /** The chain's head as last anchored outside the database (the key file), if ever. */
  anchor?: () => AuditAnchor | null;
}

/** The chain's head, sealed under the audit key, kept outside the database. */
export interface AuditAnchor {
  lastId: number;
  lastHmac: string;
  count: number;
  at: string;
  mac: string;
}

const anchorContent = (a: Omit<AuditAnchor, 'mac'>) =>
  JSON.stringify(['hourkeep audit anchor v1', a.lastId, a.lastHmac, a.count, a.at]);
/** A checkpoint is sealed under its own label, so an anchor cannot pass for one. */
const checkpointContent = (a: Omit<AuditAnchor, 'mac'>) =>
  JSON.stringify(['hourkeep audit checkpoint v1', a.lastId, a.lastHmac, a.count, a.at]);

export interface VerifyOptions {
  /** Called with the rows checked so far, after each page. */
  onProgress?: (done: number) => void;
  /** Start after this sealed checkpoint instead of at row 1 (ignored when its seal fails). */
  from?: AuditAnchor | null;
}

export function makeAuditLog({ clock, actor, keys, anchor }: AuditPorts) {
  const requireRing = (): AuditKeyRing => {
    const ring = keys();
    if (!ring) throw new AppError('locked', 'The data key is not unlocked.');
    return ring;
  };
  const requireKey = (): Buffer => requireRing().current;
  /** The key a row was sealed with: the legacy key for rows from before encryption. */
  const keyForRow = (ring: AuditKeyRing, id: number): Buffer | null =>
    id <= ring.legacyUntil ? ring.legacy : ring.current;

  /**
   * A chain that verifies row by row can still have lost its end (rows deleted from the tail,
   * or all of them): the anchor outside the database says how far it reached.
   */
  function anchorProblem(ring: AuditKeyRing, rows: number, lastHmac: string): string | null {
    const a = anchor?.();
    // A practice's trail starts at its set-up, so an empty one was emptied.
    if (!a)
      return rows === 0
        ? 'the audit trail is empty, but every practice has one from its set-up'
        : null;
    if (a.mac !== hmacHex(ring.current, anchorContent(a)))
      return "the anchor kept in the key file was changed, so the trail's length cannot be confirmed";
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

  /** The last row appended by this log, as a guess at the chain's tail (see `append`). */
  let tail: Tail | null = null;

  return {
    /** Appends inside the caller's transaction, so the record and its audit row commit together. */
    async append(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
      const k = requireKey();
      const who = actor();
      const at = clock.now().toISOString();
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
      const guess = tail;
      if (guess) {
        const row = rowAfter(guess);
        const written = (await trx.raw(
          `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')})
           SELECT ${AUDIT_COLUMNS.map(() => '?').join(', ')}
            WHERE (SELECT hmac FROM audit_log WHERE id = ?) = ?
              AND NOT EXISTS (SELECT 1 FROM audit_log WHERE id > ?)
           RETURNING id`,
          [...insertValues(row), guess.id, guess.hmac, guess.id],
        )) as unknown[];
        if (written.length === 1) {
          tail = { id: row.id, hmac: row.hmac };
          return;
        }
      }
      const last = (await trx('audit_log').orderBy('id', 'desc').first('id', 'hmac')) as
        { id: number; hmac: string } | undefined;
      const row = rowAfter(last ? { id: Number(last.id), hmac: String(last.hmac) } : null);
      const values = insertValues(row);
      await trx('audit_log').insert(
        Object.fromEntries(AUDIT_COLUMNS.map((c, i) => [c, values[i]])),
      );
      tail = { id: row.id, hmac: row.hmac };
    },

    /** The chain's head now, sealed: what the key file and backup headers anchor. */
    async head(db: Knex): Promise<AuditAnchor> {
      const ring = requireRing();
      const last = (await db('audit_log').orderBy('id', 'desc').first('id', 'hmac')) as
        { id: number; hmac: string } | undefined;
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
     * From a checkpoint it reads only the rows after it (the row at the checkpoint must still
     * be the one verified); a full walk remains for when the owner asks.
     */
    async verify(
      db: Knex,
      options: VerifyOptions = {},
    ): Promise<AuditVerdict & { resumedAfter: number }> {
      const { onProgress } = options;
      const ring = requireRing();
      const from =
        options.from && options.from.mac === hmacHex(ring.current, checkpointContent(options.from))
          ? options.from
          : null;
      let prev = GENESIS;
      let expectedId = 1;
      let rows = 0;
      let start = 0;
      if (from && from.lastId > 0) {
        const at = (await db('audit_log').where({ id: from.lastId }).first('hmac')) as
          { hmac: string } | undefined;
        if (at?.hmac !== from.lastHmac) {
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
            await db('audit_log').where('id', '>', after).orderBy('id').limit(5000)
          ).map(fromRow);
          if (page.length === 0) {
            const cut = anchorProblem(ring, rows, prev);
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
          }
          after = page.at(-1)?.id ?? after;
          onProgress?.(rows);
        }
      }
    },

    /**
     * Clears a row's personal columns in the caller's transaction and seals the result. The
     * database allows exactly this one update per row (migrations/20261124000000_privacy.ts);
     * a row already redacted is left as it is.
     */
    async redact(trx: Knex.Transaction, id: number, patch: RedactionPatch): Promise<boolean> {
      const k = requireKey();
      const found = (await trx('audit_log').where({ id }).first()) as
        Record<string, unknown> | undefined;
      if (!found) return false;
      const row = fromRow(found);
      if (row.redactedAt !== null) return false;
      const redacted: AuditRow = {
        ...row,
        ...patch,
        ...(patch.actor === undefined ? {} : { actor: storableText(patch.actor) }),
        before: null,
        after: null,
        redactedAt: clock.now().toISOString(),
      };
      await trx('audit_log')
        .where({ id })
        .update({
          actor_user_id: redacted.actorUserId,
          actor: redacted.actor,
          entity_id: redacted.entityId,
          subject_type: redacted.subjectType,
          subject_id: redacted.subjectId,
          before_json: null,
          after_json: null,
          detail: redacted.detail,
          redacted_at: redacted.redactedAt,
          redaction_seal: hmacHex(k, sealContent(redacted)),
        });
      return true;
    },

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
}

export type AuditLog = ReturnType<typeof makeAuditLog>;
