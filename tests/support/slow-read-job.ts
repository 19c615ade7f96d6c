import { buildSync } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { WORKER_SCRIPT_BUILD, checkoutRoot, workerScriptsFolder } from './build-workers.js';

/** What the slow-read job is handed: the database file, its key, and how long to read. */
export interface SlowReadInput {
  file: string;
  key: number[];
  /** Steps of the recursive count: 10 million take about 2.5 s here. */
  steps: number;
}

/**
 * A job that holds one read of the database for seconds (a recursive count beside a count of
 * the workers table, in one statement), as a person-record export of a long-serving worker or
 * a full audit verification does: built like the app's worker scripts, into a folder of its own
 * for makeWorkerJobs, as `slow-read`. Returns the folder and its removal.
 */
export function buildSlowReadJob(): { folder: string; remove: () => void } {
  const folder = workerScriptsFolder('slow-read-');
  buildSync({
    ...WORKER_SCRIPT_BUILD,
    stdin: {
      contents: SCRIPT,
      resolveDir: checkoutRoot(),
      sourcefile: 'slow-read.ts',
      loader: 'ts',
    },
    outfile: join(folder, 'slow-read.cjs'),
  });
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

const SCRIPT = `
import { openDatabase } from './main/db/connection.js';
import { serveJob } from './main/workers/job-port.js';
import type { SlowReadInput } from './tests/support/slow-read-job.js';

serveJob<SlowReadInput, number>(
  async (input, progress, control) => {
    const db = openDatabase(input.file, { key: Buffer.from(input.key), readOnly: true });
    try {
      progress(0, 1);
      const rows = (await db.raw(
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT sum(x) + (SELECT count(*) FROM workers) AS s FROM c',
        [input.steps],
      )) as { s: number }[];
      return Number(rows[0]?.s);
    } finally {
      await db.destroy();
      control.stoppable();
    }
  },
  { readsDatabase: true },
);
`;
