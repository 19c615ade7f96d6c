import { performance } from 'node:perf_hooks';
import type { Core } from '../main/core.js';
import { checkpointWal } from '../main/db/dialect/sqlite.js';
import { OWNER } from './generate.js';
import { HEAVY_WORKER_ENTRIES, addHeavyWorker } from './progress.bench.js';
import { ratio, summarize, type Interleaved } from './stats.js';

/**
 * Deleting a 50,000-entry worker (issue 18 target: ≤ 5× the raw deletes): the owner's
 * `privacy.deletion.execute` through dispatch (password check, plan, redaction of the audit rows
 * about them, the deletes, the register, the erasure's audit row, the WAL checkpoint that
 * leaves no trace) against the raw deletes of another such worker's rows in one transaction
 * plus the same checkpoint. Each run adds two fresh workers untimed; which goes first
 * alternates. The password check alone (scrypt) is timed too: a deletion must pay it by design.
 */
export async function benchDeletion(
  core: Core,
  runs = 5,
): Promise<Interleaved & { entries: number }> {
  const s: number[] = [];
  const b: number[] = [];
  const subject = async (workerId: number) => {
    const t = performance.now();
    const res = await core.invoke('privacy.deletion.execute', {
      personType: 'worker',
      personId: workerId,
      password: OWNER.password,
    });
    s.push(performance.now() - t);
    if (!res.ok) throw new Error(`privacy.deletion.execute: ${JSON.stringify(res.error)}`);
  };
  const baseline = async (workerId: number) => {
    const t = performance.now();
    await core.db.transaction(async (trx) => {
      await trx('hour_entries').where({ worker_id: workerId }).delete();
      await trx('progress_cache').where({ worker_id: workerId }).delete();
      await trx('workers').where({ id: workerId }).delete();
    });
    await checkpointWal(core.db);
    b.push(performance.now() - t);
  };
  for (let i = 0; i < runs; i++) {
    const erased = await addHeavyWorker(core, `-erased-${i}`, true);
    const raw = await addHeavyWorker(core, `-raw-${i}`, true);
    await checkpointWal(core.db);
    if (i % 2 === 0) {
      await subject(erased);
      await baseline(raw);
    } else {
      await baseline(raw);
      await subject(erased);
    }
  }
  const subjectT = summarize(s);
  const baselineT = summarize(b);
  return {
    subject: subjectT,
    baseline: baselineT,
    ratio: ratio(subjectT, baselineT),
    entries: HEAVY_WORKER_ENTRIES,
  };
}
