import type { Knex } from 'knex';
import { AUDIT_TEXT_COLUMNS, unredactedAuditRowsAbout } from '../../db/tables/audit-log.js';
import type { AuditLog, RedactionPatch } from '../audit.js';
import type { GatheredPerson } from './deletion-facts.js';
import { DELETED_PERSON } from './deletion-erase.js';

const TEXT_COLUMNS = AUDIT_TEXT_COLUMNS;

/** The strings that identify the person in free text and JSON images. */
function needles(g: GatheredPerson): { any: string[]; both: [string, string] | null } {
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

/**
 * Redacts every audit row about the person: rows whose subject or entity is them or their
 * account, rows they made, and rows whose text names them. The database allows one sealed
 * update per row, each with its own seal (audit.redactRows); the chain's HMACs are untouched.
 */
export async function redactAudit(
  trx: Knex.Transaction,
  audit: AuditLog,
  g: GatheredPerson,
): Promise<number> {
  const { personType, personId } = g.person;
  const entityTable = personType === 'worker' ? 'workers' : 'supervisors';
  const uid = g.userId;
  const words = needles(g);
  const probes = [...words.any, ...(words.both ? [words.both[1]] : [])].map(lower);

  const candidates = await unredactedAuditRowsAbout(
    trx,
    { subjectType: personType, subjectId: personId, entity: entityTable, userId: uid },
    probes,
  );

  const redactions: { row: Record<string, unknown>; patch: RedactionPatch }[] = [];
  for (const r of candidates) {
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
    redactions.push({ row: r, patch });
  }
  // One write for thousands of rows: a long-serving worker has an audit row per save and view.
  return audit.redactRows(trx, redactions);
}
