import { performance } from 'node:perf_hooks';
import type { Core } from '../main/core.js';
import { checkpointWal } from '../main/db/dialect/sqlite.js';
import { OWNER } from './generate.js';
import { HEAVY_WORKER_ENTRIES, addHeavyWorker } from './progress.bench.js';
import { ms } from './report.js';
import type { Row } from './row.js';
import { ratio, summarize, type Interleaved, type Timing } from './stats.js';

/** What benchDeletion reports: the owner's deletion, one without the plan, and the search. */
export interface DeletionFigures extends Interleaved {
  entries: number;
  /** privacy.deletion.execute with no plan looked at first (a scheduled run, a script). */
  withoutPlan: Interleaved;
  /** The search of the trail the plan begins, from the plan's answer until it ends. */
  searchAfterPlan: Timing;
}

/**
 * Deleting a 50,000-entry worker (issue 18 target: ≤ 5× the raw deletes), as the owner does it
 * in the app: the deletion screen shows the plan (`privacy.deletion.plan`, which begins the
 * search of the audit trail for the person's name), the owner reads it and types their
 * password, and the timed part is what they then wait for: `privacy.deletion.execute` through
 * dispatch (password check, plan, redaction of the audit rows about them, the deletes, the
 * register, the erasure's audit row, the WAL checkpoint that leaves no trace). The bench waits
 * for the search to end before confirming (its time is reported: the owner has that long to
 * read and type). Against the raw deletes of another such worker's rows in one transaction
 * plus the same checkpoint; the same deletion with no plan first is reported too. Each run adds
 * three fresh workers untimed; the order of the three rotates.
 */
export async function benchDeletion(core: Core, runs = 5): Promise<DeletionFigures> {
  const afterPlan: number[] = [];
  const cold: number[] = [];
  const raw: number[] = [];
  const search: number[] = [];
  const execute = async (workerId: number, into: number[]) => {
    const t = performance.now();
    const res = await core.invoke('privacy.deletion.execute', {
      personType: 'worker',
      personId: workerId,
      password: OWNER.password,
    });
    into.push(performance.now() - t);
    if (!res.ok) throw new Error(`privacy.deletion.execute: ${JSON.stringify(res.error)}`);
  };
  const ownersDeletion = async (workerId: number) => {
    const plan = await core.invoke('privacy.deletion.plan', {
      personType: 'worker',
      personId: workerId,
    });
    if (!plan.ok) throw new Error(`privacy.deletion.plan: ${JSON.stringify(plan.error)}`);
    const t = performance.now();
    await core.services.privacyDeletion.settled();
    search.push(performance.now() - t);
    await execute(workerId, afterPlan);
  };
  const rawDeletes = async (workerId: number) => {
    const t = performance.now();
    await core.db.transaction(async (trx) => {
      await trx('hour_entries').where({ worker_id: workerId }).delete();
      await trx('progress_cache').where({ worker_id: workerId }).delete();
      await trx('workers').where({ id: workerId }).delete();
    });
    await checkpointWal(core.db);
    raw.push(performance.now() - t);
  };
  for (let i = 0; i < runs; i++) {
    const ids = [
      await addHeavyWorker(core, `-erased-${i}`, true),
      await addHeavyWorker(core, `-cold-${i}`, true),
      await addHeavyWorker(core, `-raw-${i}`, true),
    ];
    await checkpointWal(core.db);
    const steps = [
      () => ownersDeletion(ids[0] ?? 0),
      () => execute(ids[1] ?? 0, cold),
      () => rawDeletes(ids[2] ?? 0),
    ];
    for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]?.();
  }
  const baseline = summarize(raw);
  const subject = summarize(afterPlan);
  const withoutPlan = summarize(cold);
  return {
    subject,
    baseline,
    ratio: ratio(subject, baseline),
    entries: HEAVY_WORKER_ENTRIES,
    withoutPlan: { subject: withoutPlan, baseline, ratio: ratio(withoutPlan, baseline) },
    searchAfterPlan: summarize(search),
  };
}

/** The table rows of a deletion (issue 18): the owner's, and one with no plan first. */
export function deletionRows(deletion: DeletionFigures): Row[] {
  return [
    {
      name: `Deletion of a worker with ${deletion.entries.toLocaleString('en-US')} entries and their audit history (one row per save, a view a week), as the owner does it: privacy.deletion.execute through dispatch (password check, plan, audit redaction, deletes, register, WAL checkpoint) after the deletion screen showed the plan, whose search of the trail ends while the owner reads it and types their password (its search took ${ms(deletion.searchAfterPlan.medianMs)} median, ${ms(deletion.searchAfterPlan.p95Ms)} p95), vs the raw deletes of another such worker plus the same checkpoint (interleaved)`,
      subject: deletion.subject,
      baseline: deletion.baseline,
      ratio: deletion.ratio,
      target: '≤ 5×',
      met: deletion.ratio <= 5,
    },
    {
      name: 'The same deletion with no plan shown first (a scheduled deletion, a script): the search of the trail runs inside the call, vs the same raw deletes (interleaved)',
      subject: deletion.withoutPlan.subject,
      baseline: deletion.withoutPlan.baseline,
      ratio: deletion.withoutPlan.ratio,
      target: '— (reference)',
      met: null,
    },
  ];
}
