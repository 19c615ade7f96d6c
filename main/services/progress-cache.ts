import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { IsoDate } from '../../shared/domain/dates.js';
import { BUILT_IN_PACKS } from '../../shared/domain/packs/index.js';
import type { OverviewRow } from '../../shared/domain/progress-view.js';

/**
 * Bump when the overview row's shape or the progress rules change in a way the built-in packs
 * do not show; a row made by other code (an older app, a restored backup) is then recomputed.
 */
const CACHE_FORMAT = 2;

export const PROGRESS_CODE_VERSION = createHash('sha256')
  .update(JSON.stringify({ format: CACHE_FORMAT, packs: BUILT_IN_PACKS }))
  .digest('hex')
  .slice(0, 16);

/**
 * Each worker's overview row, cached per day in progress_cache. Writes to the inputs null rows
 * through triggers (migrations/20261124310000_progress_cache.ts); this side reads valid rows and
 * stores fresh ones only when no write happened while they were being computed.
 */
export function makeProgressCache(
  db: Knex,
  compute: (workerId: number, on: IsoDate) => Promise<OverviewRow>,
) {
  async function valid(
    on: IsoDate,
    workerIds: number[] | 'all',
  ): Promise<Map<number, OverviewRow>> {
    const q = db('progress_cache')
      .where({ computed_for: on, code_version: PROGRESS_CODE_VERSION })
      .whereNotNull('result_json')
      .select('worker_id', 'result_json');
    if (workerIds !== 'all') q.whereIn('worker_id', workerIds);
    const rows = (await q) as { worker_id: number; result_json: string }[];
    return new Map(
      rows.map((r) => [Number(r.worker_id), JSON.parse(r.result_json) as OverviewRow]),
    );
  }

  /** Computes a worker's row and stores it unless a write to their inputs came in meanwhile. */
  async function refresh(workerId: number, on: IsoDate): Promise<OverviewRow> {
    // The row exists before the inputs are read, so a concurrent write bumps its version.
    await db.raw(
      'INSERT INTO progress_cache (worker_id, data_version) VALUES (?, 0) ON CONFLICT DO NOTHING',
      [workerId],
    );
    const version = (
      (await db('progress_cache').where({ worker_id: workerId }).first('data_version')) as {
        data_version: number;
      }
    ).data_version;
    const row = await compute(workerId, on);
    await db('progress_cache')
      .where({ worker_id: workerId, data_version: version })
      .update({
        computed_for: on,
        code_version: PROGRESS_CODE_VERSION,
        result_json: JSON.stringify(row),
      });
    return row;
  }

  let warming: Promise<number> | null = null;

  return {
    valid,
    refresh,
    /**
     * Fills in every worker's row missing for `on`, one worker at a time and yielding between
     * them, so the single connection is never held long and the owner's first overview of the
     * day reads the cache. Concurrent calls share one run. Resolves to the rows computed.
     */
    warm(on: IsoDate): Promise<number> {
      warming ??= (async () => {
        try {
          const fresh = await valid(on, 'all');
          const ids = ((await db('workers').orderBy('id').select('id')) as { id: number }[])
            .map((r) => Number(r.id))
            .filter((id) => !fresh.has(id));
          for (const id of ids) {
            await refresh(id, on);
            await new Promise<void>((done) => setImmediate(done));
          }
          return ids.length;
        } finally {
          warming = null;
        }
      })();
      return warming;
    },
  };
}
