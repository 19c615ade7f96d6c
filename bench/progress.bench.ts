import type { Core } from '../main/core.js';
import {
  hourEntryToRow,
  insertHourEntries,
  type NewHourEntry,
} from '../main/db/tables/hour-entries.js';
import { HOUR_CATEGORIES } from '../shared/domain/categories.js';
import { makeAuditHistory } from './audit-history.js';
import { BENCH_NOW } from './generate.js';
import type { Row } from './row.js';
import { alternate, type Interleaved } from './stats.js';

async function ok<T>(core: Core, name: string, input: unknown): Promise<T> {
  const res = await core.invoke(name as never, input as never);
  if (!res.ok) throw new Error(`${name}: ${JSON.stringify(res.error).slice(0, 500)}`);
  return res.value as T;
}

/** The sums the overview's cold path stands on, over the table the app keeps for it. */
export const ROLLUP_AGGREGATE_SQL =
  'SELECT worker_id, category, SUM(minutes) AS minutes FROM hour_rollups GROUP BY worker_id, category';

/**
 * The overview's cold path (progress_cache emptied before each run: the first overview of a
 * day before the warm-up ran, and what the warm-up itself computes) vs the rollup aggregate
 * (issue 18 target: ≤ 2×).
 */
export async function benchOverviewCold(core: Core, runs = 10): Promise<Interleaved> {
  await ok(core, 'progress.overview', {});
  const figures = await alternate(
    runs,
    () => ok(core, 'progress.overview', {}),
    () => core.db.raw(ROLLUP_AGGREGATE_SQL),
    () => core.db('progress_cache').delete(),
  );
  // Later figures expect today's cache in place.
  await ok(core, 'progress.overview', {});
  return figures;
}

export const HEAVY_WORKER_ENTRIES = 50_000;

/**
 * A worker with 50,000 entries over eight years (about 120 a week: six days of 20 short
 * entries, 5 to 30 minutes, every category, two sites and supervisors), added for a figure
 * and removed after it. `tag` keeps several apart (their emails are unique); `withHistory` adds
 * the audit rows the app writes for those saves and a view of each week.
 */
export async function addHeavyWorker(core: Core, tag = '', withHistory = false): Promise<number> {
  const stamp = BENCH_NOW.toISOString();
  const [workerId] = (await core.db('workers').insert({
    first_name: 'Heavy',
    last_name: `Worker${tag}`,
    email: `heavy.worker${tag}@bench.example`,
    title: 'Associate',
    registration_number: `A999999${tag}`,
    start_date: '2018-11-19',
    pack_id: 'ca-bbs-lmft',
    created_at: stamp,
    updated_at: stamp,
  })) as number[];
  if (workerId === undefined) throw new Error('The heavy worker was not written');
  const sites = (
    (await core.db('sites').orderBy('id').limit(2).select('id')) as { id: number }[]
  ).map((r) => Number(r.id));
  const supervisors = (
    (await core.db('supervisors').orderBy('id').limit(2).select('id')) as { id: number }[]
  ).map((r) => Number(r.id));
  const entries: NewHourEntry[] = [];
  const first = Date.UTC(2018, 10, 19);
  for (let i = 0; i < HEAVY_WORKER_ENTRIES; i++) {
    const day = Math.floor(i / 20);
    // Six working days a week.
    const date = new Date(first + (Math.floor(day / 6) * 7 + (day % 6)) * 86_400_000);
    entries.push({
      workerId,
      date: date.toISOString().slice(0, 10),
      siteId: sites[i % sites.length] ?? 1,
      supervisorId: supervisors[(i >> 3) % supervisors.length] ?? 1,
      category: HOUR_CATEGORIES[(i * 7 + day) % HOUR_CATEGORIES.length] ?? 'direct_individual',
      minutes: 5 + ((i * 11) % 26),
      note: null,
    });
  }
  const history = withHistory ? await makeAuditHistory(core) : null;
  await core.db.transaction(async (trx) => {
    await insertHourEntries(trx, entries, stamp);
    if (!history) return;
    // The audit rows the app writes for these saves and for a view of each week.
    await history.addSaves(trx, workerId, entries.map(hourEntryToRow));
    for (let k = 0; k < entries.length; k += 120)
      history.add({
        at: `${entries[k]?.date ?? ''}T18:00:00.000Z`,
        action: 'view',
        entity: 'hour_entries',
        subjectType: 'worker',
        subjectId: workerId,
        detail: `week of ${entries[k]?.date ?? ''}`,
      });
    await history.flush(trx);
  });
  return workerId;
}

/**
 * `progress.worker` for a 50,000-entry worker vs reading that worker's rollups (issue 18
 * target: ≤ 3×), interleaved, 20 runs after 3 untimed.
 */
export async function benchHeavyWorkerProgress(
  core: Core,
  runs = 20,
): Promise<Interleaved & { rollupRows: number }> {
  const workerId = await addHeavyWorker(core);
  try {
    const readRollups = () => core.db('hour_rollups').where({ worker_id: workerId }).select('*');
    const rollupRows = ((await readRollups()) as unknown[]).length;
    for (let i = 0; i < 3; i++) await ok(core, 'progress.worker', { workerId });
    const figures = await alternate(
      runs,
      () => ok(core, 'progress.worker', { workerId }),
      readRollups,
    );
    return { ...figures, rollupRows };
  } finally {
    await core.db('hour_entries').where({ worker_id: workerId }).delete();
    await core.db('progress_cache').where({ worker_id: workerId }).delete();
    await core.db('workers').where({ id: workerId }).delete();
  }
}

/** The table rows of the cold overview and a heavy worker's progress (issue 18). */
export function progressRows(
  overviewCold: Interleaved,
  heavyProgress: Interleaved & { rollupRows: number },
): Row[] {
  return [
    {
      name: 'Overview of all workers, cold (cache emptied before each run; what the hourly warm-up computes) vs the rollup aggregate SUM GROUP BY worker, category over hour_rollups (interleaved)',
      subject: overviewCold.subject,
      baseline: overviewCold.baseline,
      ratio: overviewCold.ratio,
      target: '≤ 2×',
      met: overviewCold.ratio <= 2,
    },
    {
      name: `Worker's progress, a 50,000-entry worker: progress.worker vs reading that worker's ${heavyProgress.rollupRows.toLocaleString('en-US')} rollup rows (interleaved)`,
      subject: heavyProgress.subject,
      baseline: heavyProgress.baseline,
      ratio: heavyProgress.ratio,
      target: '≤ 3×',
      met: heavyProgress.ratio <= 3,
    },
  ];
}
