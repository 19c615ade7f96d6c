import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

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
  const cache = join(ROOT, 'node_modules', '.cache', 'hourkeep-workers');
  mkdirSync(cache, { recursive: true });
  const folder = mkdtempSync(join(cache, 'slow-read-'));
  buildSync({
    stdin: { contents: SCRIPT, resolveDir: ROOT, sourcefile: 'slow-read.ts', loader: 'ts' },
    outfile: join(folder, 'slow-read.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['@journeyapps/sqlcipher', 'knex', 'keytar', 'pdfkit', 'electron'],
    logLevel: 'warning',
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
