import { latestConsents } from '../../db/tables/consents.js';
import type { Q } from '../../db/query.js';
import type {
  ConsentPurpose,
  PersonKey,
  PersonType,
} from '../../../shared/domain/privacy/people.js';

/**
 * Consents are an event log; a purpose's state is its latest row. No row means not granted:
 * counting someone, surveying or emailing them needs a recorded yes, and a withdrawal (a newer
 * row with granted = 0) takes effect on the next read.
 */
export async function consentedPeople(
  db: Q,
  purpose: ConsentPurpose,
  personType: PersonType,
): Promise<Set<number>> {
  const rows = await latestConsents(db, purpose, personType);
  return new Set(rows.filter((r) => Boolean(r.granted)).map((r) => Number(r.person_id)));
}

export async function hasConsent(
  db: Q,
  person: PersonKey,
  purpose: ConsentPurpose,
): Promise<boolean> {
  const latest = await db('consents')
    .where({ person_type: person.personType, person_id: person.personId, purpose })
    .orderBy('id', 'desc')
    .first('granted');
  return Boolean(latest?.granted);
}
