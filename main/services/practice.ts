import { practiceFromRow } from '../db/rows.js';
import type { Practice } from '../domain/records.js';
import type { CorePorts } from './ports.js';

const DEFAULT_NAME = 'My practice';

/** The one practice this database belongs to; created on first use. */
export function makePracticeService({ db, clock }: CorePorts) {
  async function get(): Promise<Practice> {
    const row = await db('practice').orderBy('id').first();
    if (row) return practiceFromRow(row);
    const now = clock.now().toISOString();
    await db('practice').insert({ name: DEFAULT_NAME, created_at: now, updated_at: now });
    return practiceFromRow(await db('practice').orderBy('id').first());
  }
  return {
    get,
    async update(name: string): Promise<Practice> {
      const current = await get();
      await db('practice')
        .where({ id: current.id })
        .update({ name, updated_at: clock.now().toISOString() });
      return get();
    },
  };
}
