import type { Knex } from 'knex';
import type { Q } from '../../db/query.js';
import type { DataCategory, PersonKey } from '../../../shared/domain/privacy/people.js';
import {
  categoriesLabel,
  type DisclosureFormat,
  type DisclosureReportRow,
} from '../../../shared/domain/privacy/disclosures.js';
import type { DisclosureView } from '../../../shared/domain/privacy/person-record.js';
import type { AuditLog } from '../audit.js';
import { disclosureView } from './person-record.js';

export interface DisclosureInput {
  people: readonly PersonKey[];
  recipient: string;
  purpose: string;
  categories: readonly DataCategory[];
  format: DisclosureFormat;
  /** What was produced: person-record, weekly-log, experience-summary, hours-csv … */
  document: string;
}

/**
 * Records that a file holding these people's data left the app: one disclosures row per person
 * and one audit row, in the caller's transaction so the file's making and its record commit
 * together. Who and when are taken from that audit row, so the two never disagree.
 */
export async function recordDisclosure(
  trx: Knex.Transaction,
  audit: AuditLog,
  input: DisclosureInput,
): Promise<void> {
  const people = [
    ...new Map(input.people.map((p) => [`${p.personType}:${p.personId}`, p])).values(),
  ];
  const only = people.length === 1 ? people[0] : undefined;
  await audit.append(trx, {
    action: 'disclose',
    entity: 'disclosures',
    ...(only ? { subjectType: only.personType, subjectId: only.personId } : {}),
    detail:
      `${input.document} (${input.format.toUpperCase()}) to ${input.recipient} for ${input.purpose}; ` +
      `${categoriesLabel(input.categories)}; ${people.length} ${people.length === 1 ? 'person' : 'people'}`,
    after: {
      recipient: input.recipient,
      purpose: input.purpose,
      categories: input.categories,
      format: input.format,
      document: input.document,
      people,
    },
  });
  const made = (await trx('audit_log')
    .orderBy('id', 'desc')
    .first('at', 'actor_user_id', 'actor')) as {
    at: string;
    actor_user_id: number | null;
    actor: string;
  };
  const categories = JSON.stringify([...input.categories]);
  for (const p of people) {
    await trx('disclosures').insert({
      person_type: p.personType,
      person_id: p.personId,
      recipient: input.recipient,
      purpose: input.purpose,
      categories,
      format: input.format,
      document: input.document,
      made_at: made.at,
      made_by_user_id: made.actor_user_id,
      made_by: made.actor,
    });
  }
}

export async function listDisclosures(db: Q, person: PersonKey): Promise<DisclosureView[]> {
  const rows = (await db('disclosures')
    .where({ person_type: person.personType, person_id: person.personId })
    .orderBy('id', 'desc')) as Record<string, unknown>[];
  return rows.map(disclosureView);
}

/** Every disclosure made in a calendar year (UTC), oldest first, with the person's name. */
export async function yearlyDisclosures(db: Q, year: number): Promise<DisclosureReportRow[]> {
  const rows = (await db('disclosures as d')
    .leftJoin('workers as w', (j) =>
      j.on('w.id', '=', 'd.person_id').andOnVal('d.person_type', '=', 'worker'),
    )
    .leftJoin('supervisors as s', (j) =>
      j.on('s.id', '=', 'd.person_id').andOnVal('d.person_type', '=', 'supervisor'),
    )
    .where('d.made_at', '>=', `${year}-01-01`)
    .where('d.made_at', '<', `${year + 1}-01-01`)
    .orderBy('d.id')
    .select(
      'd.*',
      'w.first_name as wf',
      'w.last_name as wl',
      's.first_name as sf',
      's.last_name as sl',
    )) as Record<string, unknown>[];
  return rows.map((r) => {
    const first = (r.wf ?? r.sf) as string | null;
    const last = (r.wl ?? r.sl) as string | null;
    return {
      ...disclosureView(r),
      personType: r.person_type as PersonKey['personType'],
      personId: Number(r.person_id),
      personName: first === null ? null : `${first} ${last ?? ''}`.trim(),
    };
  });
}
