import type { Practice } from '../../../shared/domain/records.js';
import type { Q } from '../query.js';
import { num, str } from './columns.js';

/** `practice`: the one row naming the practice this database belongs to. */
export type PracticeRow = {
  id: number;
  name: string;
  sensitive_text_policy: string;
  created_at: string;
  updated_at: string;
};

export const practiceFromRow = (r: PracticeRow): Practice => ({
  id: num(r.id),
  name: str(r.name),
  createdAt: str(r.created_at),
});

/** The practice's name; undefined before the first-run wizard has made the row. */
export async function practiceName(q: Q): Promise<string | undefined> {
  const row = await q('practice').orderBy('id').first('name');
  return row?.name;
}
