import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { sqlPieces } from '../db/dialect/index.js';
import { chunked } from '../db/query.js';
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
 * Workers computed together on a cache miss: one read per table each. Few, because the driver
 * turns a batch's rows into objects in one go on the main thread: with 100 workers a batch held
 * other calls for up to 0.45 s at a time, with 20 the warm-up's slowest `hours.week` is under
 * 100 ms, and the cold overview takes no longer (two batches are under way at once).
 */
export const REFRESH_BATCH = 20;

/**
 * Each worker's overview row, cached per day in progress_cache. Writes to the inputs null rows
 * through triggers (migrations/20261124310000_progress_cache.ts); this side reads valid rows and
 * stores fresh ones only when no write happened while they were being computed. `compute` gives
 * the rows of several workers at once, in the order asked.
 */
export function makeProgressCache(
  db: Knex,
  compute: (workerIds: number[], on: IsoDate) => Promise<OverviewRow[]>,
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

  /**
   * Computes the workers' rows and stores each unless a write to its inputs came in meanwhile:
   * three statements for the batch, not three per worker.
   */
  async function refreshMany(workerIds: number[], on: IsoDate): Promise<Map<number, OverviewRow>> {
    if (workerIds.length === 0) return new Map();
    const sql = sqlPieces(db);
    // The rows exist before the inputs are read, so a concurrent write bumps their version.
    await db.raw(
      `INSERT INTO progress_cache (worker_id, data_version)
       SELECT value, 0 FROM (${sql.jsonIntegers}) AS ids WHERE true ON CONFLICT DO NOTHING`,
      [JSON.stringify(workerIds)],
    );
    const versions = new Map(
      (
        (await db('progress_cache')
          .whereIn('worker_id', workerIds)
          .select('worker_id', 'data_version')) as { worker_id: number; data_version: number }[]
      ).map((r) => [Number(r.worker_id), Number(r.data_version)]),
    );
    const rows = await compute(workerIds, on);
    await db.raw(
      `UPDATE progress_cache
          SET computed_for = ?, code_version = ?, result_json = j.value ->> 2
         FROM ${sql.jsonRows('j')}
        WHERE progress_cache.worker_id = CAST(j.value ->> 0 AS INTEGER)
          AND progress_cache.data_version = CAST(j.value ->> 1 AS INTEGER)`,
      [
        on,
        PROGRESS_CODE_VERSION,
        JSON.stringify(workerIds.map((id, i) => [id, versions.get(id), JSON.stringify(rows[i])])),
      ],
    );
    return new Map(workerIds.map((id, i) => [id, rows[i] as OverviewRow]));
  }

  /**
   * The workers' rows, computed and stored in batches, two batches under way at once: while
   * one batch's rows are computed on this thread, the next one's inputs are read by the
   * database driver on its own (a third of the time is reading, which otherwise waited).
   */
  async function refreshBatches(
    workerIds: number[],
    on: IsoDate,
    afterEach: () => Promise<void> = async () => {},
  ): Promise<Map<number, OverviewRow>> {
    const parts = chunked(workerIds, REFRESH_BATCH);
    const rows = new Map<number, OverviewRow>();
    let next = 0;
    const lane = async () => {
      while (next < parts.length) {
        const part = parts[next++] as number[];
        for (const [id, row] of await refreshMany(part, on)) rows.set(id, row);
        await afterEach();
      }
    };
    await Promise.all([lane(), lane()]);
    return rows;
  }

  /** Every asked worker's row: valid cached rows, the rest computed in batches and stored. */
  async function rowsFor(on: IsoDate, workerIds: number[], all: boolean): Promise<OverviewRow[]> {
    const rows = await valid(on, all ? 'all' : workerIds);
    const missing = workerIds.filter((id) => !rows.has(id));
    for (const [id, row] of await refreshBatches(missing, on)) rows.set(id, row);
    return workerIds.map((id) => rows.get(id) as OverviewRow);
  }

  let warming: Promise<number> | null = null;

  return {
    valid,
    rowsFor,
    /** One worker's row, computed and stored as refreshMany does. */
    refresh: async (workerId: number, on: IsoDate): Promise<OverviewRow> =>
      (await refreshMany([workerId], on)).get(workerId) as OverviewRow,
    /**
     * Fills in every worker's row missing for `on`, a batch at a time and yielding between
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
          await refreshBatches(ids, on, () => new Promise<void>((done) => setImmediate(done)));
          return ids.length;
        } finally {
          warming = null;
        }
      })();
      return warming;
    },
  };
}
