import type { Knex } from 'knex';
import { isPostgres } from '../../db/dialect/index.js';
import {
  AUDIT_TEXT_COLUMNS,
  auditMentionIds,
  lastAuditId,
  unredactedAuditIdsAbout,
  unredactedAuditIdsLinkedTo,
  unredactedAuditRowsByIds,
  type AuditLogRow,
  type AuditPerson,
  type AuditRedaction,
} from '../../db/tables/audit-log.js';
import type { AuditLog, RedactionPatch } from '../audit.js';
import type { PersonKey } from '../../../shared/domain/privacy/people.js';
import { readerOf, withSpareReader } from '../../db/connection.js';
import { chunked } from '../../db/query.js';
import { identityOf, type GatheredPerson, type PersonIdentity } from './deletion-facts.js';
import { DELETED_PERSON } from './deletion-erase.js';

const TEXT_COLUMNS = AUDIT_TEXT_COLUMNS;

/** The strings that identify the person in free text and JSON images. */
function needles(g: PersonIdentity): { any: string[]; both: [string, string] | null } {
  const any = [
    g.email,
    g.firstName && g.lastName ? `${g.firstName} ${g.lastName}` : '',
    g.firstName && g.lastName ? `${g.lastName}, ${g.firstName}` : '',
    g.displayName ?? '',
    g.username ? `"${g.username}"` : '',
  ].filter((s) => s.length >= 3);
  // A JSON image of the profile holds the names as separate quoted values.
  const both: [string, string] | null =
    g.firstName && g.lastName ? [`"${g.firstName}"`, `"${g.lastName}"`] : null;
  return { any, both };
}

const lower = (s: string) => s.toLowerCase();

/** What the audit search looks for; `key` tells two searches for the same things apart. */
function searchOf(p: PersonIdentity): { who: AuditPerson; probes: string[]; key: string } {
  const { personType, personId } = p.person;
  const who: AuditPerson = {
    subjectType: personType,
    subjectId: personId,
    entity: personType === 'worker' ? 'workers' : 'supervisors',
    userId: p.userId,
  };
  const words = needles(p);
  const probes = [...words.any, ...(words.both ? [words.both[1]] : [])].map(lower);
  return { who, probes, key: JSON.stringify([who, probes]) };
}

/** The mentions found up to `upTo`, and what was searched for. */
export interface MentionScan {
  key: string;
  upTo: number;
  ids: number[];
}

/**
 * The trail is read in this many id ranges at once, each on a connection of its own. One: on
 * two cores a second lane took the core the transaction's own work (password check, deletes,
 * sealed redactions) needs, and the deletion as a whole was slower (1M-entry practice, 50k-entry
 * worker, 8 interleaved runs each: median 2.64 s with one lane, 2.98 s with two; p95 3.28 s,
 * 3.81 s). The ranges stay so a machine with more cores can take more.
 */
const SCAN_LANES = 1;

/**
 * Reads the whole trail for rows that name the person or that their account made (seconds at
 * a million rows) on connections of their own beside the writer, each a part of the ids, so it
 * runs while the password is checked and the person's rows are deleted: the transaction then
 * reads only the rows appended since, and the linked ones through their indexes. Null on
 * PostgreSQL (no spare reader; there a row with a lower id can commit after a higher one) and
 * when the scan fails: the transaction then reads everything itself.
 */
export function startMentionScan(db: Knex, person: PersonKey): Promise<MentionScan | null> {
  if (isPostgres(db)) return Promise.resolve(null);
  const scan = async (): Promise<MentionScan | null> => {
    // Two short reads on the twin; without one (a closed database) there is no spare reader.
    const twin = readerOf(db);
    if (twin === db) return null;
    const search = searchOf(await identityOf(twin, person));
    // SQLite's one writer gives ids in commit order: every row up to upTo is committed.
    const upTo = await lastAuditId(twin);
    const step = Math.ceil(upTo / SCAN_LANES);
    const parts = await Promise.all(
      Array.from({ length: SCAN_LANES }, (_, i) =>
        withSpareReader(db, (reader) =>
          auditMentionIds(reader, search.who, search.probes, {
            after: i * step,
            upTo: Math.min(upTo, (i + 1) * step),
          }),
        ),
      ),
    );
    if (parts.some((p) => p === null)) return null;
    return { key: search.key, upTo, ids: parts.flatMap((p) => p ?? []) };
  };
  return scan().catch(() => null);
}

/** How many people's scans are kept for a deletion that may follow (the owner looks at a few). */
const KEPT_SCANS = 4;

/**
 * Scans begun when the owner opens a person's deletion plan, kept for the deletion they may then
 * confirm: reading the trail takes seconds at a million rows, and the owner reads the plan and
 * types their password meanwhile. A kept scan stays right however old it is (the trail is only
 * appended to, and a redaction only removes text): the deletion reads the rows appended since,
 * and a scan for other words (the person renamed since) is not used.
 */
export function makeMentionScans(db: Knex) {
  const kept = new Map<string, Promise<MentionScan | null>>();
  /** Every begun scan until it ends, also those no longer kept. */
  const reading = new Set<Promise<unknown>>();
  const keyOf = (p: PersonKey) => `${p.personType}:${p.personId}`;
  const keep = (person: PersonKey, scan: Promise<MentionScan | null>) => {
    kept.set(keyOf(person), scan);
    reading.add(scan);
    void scan.finally(() => reading.delete(scan));
    for (const old of kept.keys()) if (kept.size > KEPT_SCANS) kept.delete(old);
  };
  return {
    /** Begins reading the trail for the person, unless a kept scan is already under way. */
    begin(person: PersonKey): void {
      if (!kept.has(keyOf(person))) keep(person, startMentionScan(db, person));
    },
    /** The kept scan for the person (handed over once), or a new one. */
    take(person: PersonKey): Promise<MentionScan | null> {
      const key = keyOf(person);
      const scan = kept.get(key) ?? startMentionScan(db, person);
      kept.delete(key);
      return scan;
    },
    /** Keeps a taken scan again: its deletion did not happen (a mistyped password, say). */
    giveBack(person: PersonKey, scan: Promise<MentionScan | null>): void {
      if (!kept.has(keyOf(person))) keep(person, scan);
    },
    /** Resolves when no scan begun here reads any more (before the database closes). */
    async settled(): Promise<void> {
      await Promise.all(reading);
    },
  };
}

/**
 * Rows read, checked, sealed and written per step. The steps keep the main thread's share
 * small: reading and sealing a worker's 50,000 linked rows in one go held it for 0.55–0.6 s,
 * and every other call (the hours screen's week) waited that long.
 */
export const REDACT_STEP = 2000;

/**
 * The redactions of the rows linked to the person (their subject or entity is them or their
 * account, found through the indexes), read and sealed: nothing is written, so this runs while
 * the owner's password is checked. Their text is cleared anyway and is not read: every one of
 * them is about the person.
 */
export async function sealLinkedRedactions(
  trx: Knex.Transaction,
  audit: AuditLog,
  g: GatheredPerson,
): Promise<AuditRedaction[]> {
  const ids = await unredactedAuditIdsLinkedTo(trx, searchOf(g).who);
  const sealed: AuditRedaction[] = [];
  for (const part of chunked(ids, REDACT_STEP)) {
    const rows = await unredactedAuditRowsByIds(trx, part, { text: false });
    sealed.push(...audit.sealRedactions(redactionsOf(g, rows)));
  }
  return sealed;
}

/**
 * Redacts every audit row about the person: rows whose subject or entity is them or their
 * account, rows they made, and rows whose text names them. The database allows one sealed
 * update per row, each with its own seal (audit.sealRedactions); the chain's HMACs are untouched.
 *
 * The linked rows go first (`linked`, sealed earlier by sealLinkedRedactions, and any linked
 * since), while `scan` may still be reading the trail beside this transaction; then the rows it
 * found, and the rows appended since it began. Without a usable scan the whole trail is read
 * here.
 */
export async function redactAudit(
  trx: Knex.Transaction,
  audit: AuditLog,
  g: GatheredPerson,
  /** startMentionScan's, begun before the transaction. */
  scan: Promise<MentionScan | null> | null = null,
  linked: readonly AuditRedaction[] = [],
): Promise<number> {
  const search = searchOf(g);
  const write = async (sealed: readonly AuditRedaction[]) => {
    let count = 0;
    for (const part of chunked(sealed, REDACT_STEP))
      count += await audit.writeRedactions(trx, part);
    return count;
  };
  /** The rows among `ids` that are about the person, read with their text, redacted. */
  const redactNamed = async (ids: readonly number[]) => {
    let count = 0;
    const sorted = [...new Set(ids)].sort((a, b) => a - b);
    for (const part of chunked(sorted, REDACT_STEP)) {
      const rows = await unredactedAuditRowsByIds(trx, part);
      count += await audit.redactRows(trx, redactionsOf(g, rows));
    }
    return count;
  };
  let count = await write(linked);
  // The rows already redacted no longer match: only rows linked since the seal are left.
  count += await write(await sealLinkedRedactions(trx, audit, g));
  // The earlier scan counts only if it looked for what this transaction looks for (a rename
  // in between would make it miss rows).
  const earlier = scan ? await scan : null;
  if (earlier && earlier.key === search.key) {
    const after = await auditMentionIds(trx, search.who, search.probes, { after: earlier.upTo });
    count += await redactNamed([...earlier.ids, ...after]);
  } else {
    count += await redactNamed(await unredactedAuditIdsAbout(trx, search.who, search.probes));
  }
  return count;
}

/** The redaction of each row that is about the person; rows that are not are left out. */
function redactionsOf(g: GatheredPerson, rows: readonly AuditLogRow[]) {
  const { personType, personId } = g.person;
  const entityTable = personType === 'worker' ? 'workers' : 'supervisors';
  const uid = g.userId;
  const words = needles(g);
  const redactions: { row: Record<string, unknown>; patch: RedactionPatch }[] = [];
  for (const r of rows) {
    const isPerson = (type: unknown, id: unknown) =>
      (type === personType && Number(id) === personId) ||
      (uid !== null && type === 'user' && Number(id) === uid);
    const isEntity =
      (r.entity === entityTable && Number(r.entity_id) === personId) ||
      (uid !== null && r.entity === 'users' && Number(r.entity_id) === uid);
    const byThem = uid !== null && Number(r.actor_user_id) === uid;
    const text = TEXT_COLUMNS.map((c) => lower(String(r[c] ?? ''))).join('\n');
    const named =
      words.any.some((n) => text.includes(lower(n))) ||
      (words.both !== null && words.both.every((n) => text.includes(lower(n))));
    if (!isPerson(r.subject_type, r.subject_id) && !isEntity && !byThem && !named) continue;

    const patch: RedactionPatch = { detail: null };
    if (isPerson(r.subject_type, r.subject_id)) {
      patch.subjectType = null;
      patch.subjectId = null;
    }
    if (isEntity) patch.entityId = null;
    if (byThem || words.any.some((n) => lower(String(r.actor)).includes(lower(n)))) {
      patch.actorUserId = null;
      patch.actor = DELETED_PERSON;
    }
    redactions.push({ row: r as Record<string, unknown>, patch });
  }
  return redactions;
}
