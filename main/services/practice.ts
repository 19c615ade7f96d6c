import { practiceFromRow } from '../db/tables/practice.js';
import type { Practice } from '../../shared/domain/records.js';
import type { CorePorts } from './ports.js';

const DEFAULT_NAME = 'My practice';

/** The one practice this database belongs to; created on first use. */
export function makePracticeService({ db, clock, audit }: CorePorts) {
  async function get(): Promise<Practice> {
    const row = await db('practice').orderBy('id').first();
    if (row) return practiceFromRow(row);
    const now = clock.now().toISOString();
    await db('practice').insert({ name: DEFAULT_NAME, created_at: now, updated_at: now });
    const made = await db('practice').orderBy('id').first();
    if (!made) throw new Error('The practice row was not written');
    return practiceFromRow(made);
  }
  return {
    get,
    async update(name: string): Promise<Practice> {
      const before = await get();
      await db.transaction(async (trx) => {
        await trx('practice')
          .where({ id: before.id })
          .update({ name, updated_at: clock.now().toISOString() });
        await audit.append(trx, {
          action: 'update',
          entity: 'practice',
          entityId: before.id,
          before,
          after: { ...before, name },
        });
      });
      return get();
    },
  };
}
