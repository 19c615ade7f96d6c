import type { Knex } from 'knex';
import { rawRows, sqlPieces } from '../dialect/index.js';
import type { Q } from '../query.js';

/** `audit_log`: the chained, HMAC-sealed trail of every read of a record and every write. */
export type AuditLogRow = {
  id: number;
  at: string;
  actor_user_id: number | null;
  actor: string;
  action: string;
  entity: string | null;
  entity_id: number | null;
  subject_type: string | null;
  subject_id: number | null;
  before_json: string | null;
  after_json: string | null;
  detail: string | null;
  prev_hmac: string;
  hmac: string;
  redacted_at: string | null;
  redaction_seal: string | null;
};

/** `audit_keys`: the trail's HMAC key (and, for old rows, the legacy key until a date). */
export type AuditKeyRow = {
  id: number;
  secret: string;
  legacy_key: string | null;
  legacy_until: number;
  created_at: string;
};

/** audit_log's columns as an append writes them, in the order of the values given. */
export const AUDIT_COLUMNS = [
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

/** The chain's last row, or undefined for an empty trail. */
export async function auditTail(q: Q): Promise<{ id: number; hmac: string } | undefined> {
  const last = await q('audit_log').orderBy('id', 'desc').first('id', 'hmac');
  return last ? { id: Number(last.id), hmac: String(last.hmac) } : undefined;
}

/**
 * Appends a row (values in AUDIT_COLUMNS order) only if `tail` is still the chain's last row,
 * in one statement; false when it is not (nothing is written then).
 */
export async function appendAuditAfter(
  q: Q,
  values: readonly (string | number | null)[],
  tail: { id: number; hmac: string },
): Promise<boolean> {
  const written = await rawRows(
    q,
    `INSERT INTO audit_log (${AUDIT_COLUMNS.join(', ')})
     SELECT ${AUDIT_COLUMNS.map(() => '?').join(', ')}
      WHERE (SELECT hmac FROM audit_log WHERE id = ?) = ?
        AND NOT EXISTS (SELECT 1 FROM audit_log WHERE id > ?)
     RETURNING id`,
    [...values, tail.id, tail.hmac, tail.id],
  );
  return written.length === 1;
}

/** Appends a row (values in AUDIT_COLUMNS order). */
export async function appendAudit(
  q: Q,
  values: readonly (string | number | null)[],
): Promise<void> {
  await q('audit_log').insert(Object.fromEntries(AUDIT_COLUMNS.map((c, i) => [c, values[i]])));
}

/** The columns of audit_log that hold free text (and JSON images of records). */
export const AUDIT_TEXT_COLUMNS = ['detail', 'before_json', 'after_json', 'actor'] as const;

/** Who an erasure looks for: their subject and entity ids, and their account. */
export interface AuditPerson {
  subjectType: string;
  subjectId: number;
  entity: string;
  userId: number | null;
}

/**
 * The ids of unredacted rows made by the account or whose text holds any of `probes` (lower
 * case), among the rows after id `range.after` (up to `range.upTo` when given). Over a long
 * range it is a read of the trail that no index serves, so an erasure runs it on connections
 * of its own beside its transaction (deletion-redact.ts).
 */
export async function auditMentionIds(
  q: Q,
  who: AuditPerson,
  probes: readonly string[],
  range: { after: number; upTo?: number },
): Promise<number[]> {
  const query = q('audit_log')
    .where('id', '>', range.after)
    .whereNull('redacted_at')
    .where((w) => mentions(q, w, who, probes))
    .orderBy('id')
    .select('id');
  if (range.upTo !== undefined) query.where('id', '<=', range.upTo);
  return ((await query) as { id: number }[]).map((r) => Number(r.id));
}

/** The newest audit row's id (0 for an empty trail). */
export async function lastAuditId(q: Q): Promise<number> {
  const row = (await q('audit_log').max('id as id').first()) as { id: number | null } | undefined;
  return Number(row?.id ?? 0);
}

/** Whose subject or entity is the person or their account. */
function linkedTo(w: Knex.QueryBuilder, who: AuditPerson) {
  const { subjectType, subjectId, entity, userId } = who;
  w.where({ subject_type: subjectType, subject_id: subjectId }).orWhere({
    entity,
    entity_id: subjectId,
  });
  if (userId !== null)
    w.orWhere({ subject_type: 'user', subject_id: userId }).orWhere({
      entity: 'users',
      entity_id: userId,
    });
}

/** Made by the account, or names the person in a text column. */
function mentions(q: Q, w: Knex.QueryBuilder, who: AuditPerson, probes: readonly string[]) {
  const { likeAnyCase } = sqlPieces(q);
  // Never true, so the terms below can all be ORs.
  w.whereRaw('1 = 0');
  if (who.userId !== null) w.orWhere({ actor_user_id: who.userId });
  // LIKE folds ASCII case as lower() does, without building a lower-case copy of every
  // text column of every row for every probe (most of an erasure's time on a long trail);
  // PostgreSQL's LIKE does not fold, its ILIKE does.
  for (const p of probes)
    for (const col of AUDIT_TEXT_COLUMNS)
      w.orWhereRaw(likeAnyCase(col), [`%${p.replace(/[\\%_]/g, '\\$&')}%`]);
}

/**
 * The ids of unredacted rows about a person, by id order: whose subject or entity is them (or
 * their account `userId`), made by that account, or whose text holds any of `probes` (lower
 * case). Ids, not rows: a long-serving worker has tens of thousands, and turning them all into
 * row objects at once held the main thread for a third of a second (read them in steps with
 * unredactedAuditRowsByIds).
 */
export async function unredactedAuditIdsAbout(
  q: Q,
  who: AuditPerson,
  probes: readonly string[],
): Promise<number[]> {
  const rows = (await q('audit_log')
    .whereNull('redacted_at')
    .where((w) => {
      linkedTo(w, who);
      w.orWhere((m) => mentions(q, m, who, probes));
    })
    .orderBy('id')
    .select('id')) as { id: number }[];
  return rows.map((r) => Number(r.id));
}

/**
 * The ids of unredacted rows whose subject or entity is the person or their account, found
 * through the indexes, by id order.
 */
export async function unredactedAuditIdsLinkedTo(q: Q, who: AuditPerson): Promise<number[]> {
  const rows = (await q('audit_log')
    .whereNull('redacted_at')
    .where((w) => linkedTo(w, who))
    .orderBy('id')
    .select('id')) as { id: number }[];
  return rows.map((r) => Number(r.id));
}

/** The columns a redaction clears (audit.redactRows), so a read for one need not fetch them. */
const CLEARED_BY_REDACTION = new Set<string>(['detail', 'before_json', 'after_json']);

/** The columns a row keeps through a redaction, in the order rowsWithoutText reads them. */
const KEPT_BY_REDACTION = AUDIT_COLUMNS.filter((c) => !CLEARED_BY_REDACTION.has(c));

/** Rows fetched per statement by id. */
const ROWS_PER_READ = 5000;

/**
 * The rows among `ids` not yet redacted, by id order. Without `text`, the columns a redaction
 * clears come back null: for rows known to be about the person, whose text need not be read.
 */
export async function unredactedAuditRowsByIds(
  q: Q,
  ids: readonly number[],
  { text = true }: { text?: boolean } = {},
): Promise<AuditLogRow[]> {
  const wanted = [...new Set(ids)].sort((a, b) => a - b);
  const rows: AuditLogRow[] = [];
  for (let i = 0; i < wanted.length; i += ROWS_PER_READ) {
    const part = JSON.stringify(wanted.slice(i, i + ROWS_PER_READ));
    rows.push(...(text ? await wholeRows(q, part) : await rowsWithoutText(q, part)));
  }
  return rows;
}

async function wholeRows(q: Q, idsJson: string): Promise<AuditLogRow[]> {
  return (await q('audit_log')
    .whereRaw(`id IN (${sqlPieces(q).jsonIntegers})`, [idsJson])
    .whereNull('redacted_at')
    .orderBy('id')
    .select('*')) as AuditLogRow[];
}

/**
 * The rows come as one JSON array, parsed at once: the driver building an object per row and
 * column took 0.39 s for a 50,000-entry worker's rows, against 0.13 s this way.
 */
async function rowsWithoutText(q: Q, idsJson: string): Promise<AuditLogRow[]> {
  const { jsonIntegers, jsonArrayAgg } = sqlPieces(q);
  const [found] = await rawRows<{ rows: string }>(
    q,
    `SELECT ${jsonArrayAgg(KEPT_BY_REDACTION)} AS rows
       FROM audit_log WHERE id IN (${jsonIntegers}) AND redacted_at IS NULL`,
    [idsJson],
  );
  // KEPT_BY_REDACTION's columns, in its order.
  type Kept = [
    id: number,
    at: string,
    actorUserId: number | null,
    actor: string,
    action: string,
    entity: string | null,
    entityId: number | null,
    subjectType: string | null,
    subjectId: number | null,
    prev: string,
    hmac: string,
  ];
  const values = JSON.parse(String(found?.rows ?? '[]')) as Kept[];
  return values
    .map(
      ([
        id,
        at,
        actorUserId,
        actor,
        action,
        entity,
        entityId,
        subjectType,
        subjectId,
        prev,
        hmac,
      ]) => ({
        id,
        at,
        actor_user_id: actorUserId,
        actor,
        action,
        entity,
        entity_id: entityId,
        subject_type: subjectType,
        subject_id: subjectId,
        before_json: null,
        after_json: null,
        detail: null,
        prev_hmac: prev,
        hmac,
        redacted_at: null,
        redaction_seal: null,
      }),
    )
    .sort((a, b) => a.id - b.id);
}

/** The columns a redaction may empty besides the JSON images (always emptied), by bit. */
export const REDACTION_CLEARS = [
  'actor_user_id',
  'entity_id',
  'subject_type',
  'subject_id',
  'detail',
] as const;
export type RedactionClear = (typeof REDACTION_CLEARS)[number];

/** A redaction as written: what it empties, the actor's new text, and its seal. */
export interface AuditRedaction {
  id: number;
  clears: readonly RedactionClear[];
  /** The actor's new text, or null to keep it. */
  actor: string | null;
  redacted_at: string;
  redaction_seal: string;
}

/** Rows per redaction statement: the JSON of a few thousand rows is a few hundred kB. */
const REDACTIONS_PER_STATEMENT = 2000;

/**
 * Writes redactions, many rows a statement (an erasure redacts every row about a person: one
 * statement per row took most of a long-serving worker's deletion). Each row's changes go as a
 * bit mask of the columns it empties: sending every new value took 0.12 s more for 50,000 rows.
 * The JSON images are cleared; a row already redacted is left as it is (its one sealed update
 * is spent).
 */
export async function writeAuditRedactions(q: Q, rows: readonly AuditRedaction[]): Promise<void> {
  const { jsonRows } = sqlPieces(q);
  const mask = 'CAST(r.value ->> 1 AS INTEGER)';
  const cleared = REDACTION_CLEARS.map(
    (c, bit) => `${c} = CASE WHEN (${mask} & ${1 << bit}) <> 0 THEN NULL ELSE audit_log.${c} END`,
  );
  for (let i = 0; i < rows.length; i += REDACTIONS_PER_STATEMENT) {
    const part = rows.slice(i, i + REDACTIONS_PER_STATEMENT);
    await q.raw(
      `UPDATE audit_log
          SET ${cleared.join(', ')}, actor = COALESCE(r.value ->> 2, audit_log.actor),
              before_json = NULL, after_json = NULL, redacted_at = r.value ->> 3,
              redaction_seal = r.value ->> 4
         FROM ${jsonRows('r')}
        WHERE audit_log.id = CAST(r.value ->> 0 AS INTEGER) AND audit_log.redacted_at IS NULL`,
      [
        JSON.stringify(
          part.map((r) => [
            r.id,
            r.clears.reduce((m, c) => m | (1 << REDACTION_CLEARS.indexOf(c)), 0),
            r.actor,
            r.redacted_at,
            r.redaction_seal,
          ]),
        ),
      ],
    );
  }
}
