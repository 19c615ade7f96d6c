import type { Q } from '../query.js';
import type { SqlBool } from './columns.js';

/** `consents`: each grant or withdrawal of a consent, newest last. */
export type ConsentRow = {
  id: number;
  person_type: string;
  person_id: number;
  purpose: string;
  granted: SqlBool;
  at: string;
  recorded_by_user_id: number | null;
};

/** Each person's latest answer on `purpose`: their id and whether it is a yes. */
export async function latestConsents(
  q: Q,
  purpose: string,
  personType: string,
): Promise<{ person_id: number; granted: SqlBool }[]> {
  return (await q('consents as c')
    .where({ 'c.purpose': purpose, 'c.person_type': personType })
    .whereRaw(
      'c.id = (select max(l.id) from consents l where l.person_type = c.person_type and l.person_id = c.person_id and l.purpose = c.purpose)',
    )
    .select('c.person_id', 'c.granted')) as { person_id: number; granted: SqlBool }[];
}
