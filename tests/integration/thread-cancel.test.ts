import { buildSync } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection.js';
import { checkpointWal } from '../../main/db/dialect/sqlite.js';
import { JobCancelled, makeWorkerJobs } from '../../main/services/reports/worker-jobs.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * A job that reads the database for a few seconds in one query (10 million steps of a recursive
 * count, holding a read of the notes table throughout): what a person-record export of a long-serving worker does in its first phase.
 */
const SLOW_READ = `
import { openDatabase } from './main/db/connection.js';
import { serveJob } from './main/workers/job-port.js';

serveJob<{ file: string; key: number[] }, number>(
  async (input, progress, control) => {
    const db = openDatabase(input.file, { key: Buffer.from(input.key), readOnly: true });
    try {
      progress(0, 1);
      const rows = (await db.raw(
        'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000) SELECT sum(x) + (SELECT count(*) FROM notes) AS s FROM c',
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

/**
 * Cancelling a job whose thread is in the middle of a database query. Terminating that thread
 * ended the whole process: the driver's answer reached a thread being torn down (a fatal
 * N-API error, "napi_throw"), so a person-record export cancelled while it was still reading
 * took the app down. The thread now finishes the query, closes its connection and ends; the
 * caller has its answer at once.
 */
describe('cancelling a thread that is reading the database', () => {
  let folder: string;
  let workers: string;
  const key = randomBytes(32);
  let file: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'hourkeep-thread-cancel-'));
    file = join(folder, 'practice.db');
    // Inside the checkout, so the script finds its node_modules as the app's bundle does.
    const cache = join(ROOT, 'node_modules', '.cache', 'hourkeep-workers');
    mkdirSync(cache, { recursive: true });
    workers = mkdtempSync(join(cache, 'cancel-'));
    buildSync({
      stdin: { contents: SLOW_READ, resolveDir: ROOT, sourcefile: 'slow-read.ts', loader: 'ts' },
      outfile: join(workers, 'slow-read.cjs'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['@journeyapps/sqlcipher', 'knex', 'keytar', 'pdfkit', 'electron'],
      logLevel: 'warning',
    });
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(workers, { recursive: true, force: true });
  });

  it('answers at once, leaves the process running, and the thread lets go of the file', async () => {
    const db = openDatabase(file, { key });
    try {
      await db.schema.createTable('notes', (t) => {
        t.increments('id');
        t.text('body');
      });
      const jobs = makeWorkerJobs(workers);
      expect(jobs.threaded).toBe(true);
      for (let run = 0; run < 3; run++) {
        const controller = new AbortController();
        let reading = false;
        const job = jobs.run(
          'slow-read',
          { file, key: [...key] },
          () => Promise.reject(new Error('the job must run in its thread')),
          {
            signal: controller.signal,
            onProgress: (done) => {
              // The thread has its connection open and is about to run the long query.
              if (done === 0 && !reading) {
                reading = true;
                setTimeout(() => controller.abort(), 100);
              }
            },
          },
        );
        await expect(job).rejects.toBeInstanceOf(JobCancelled);
        expect(reading).toBe(true);
        // A write leaves a frame in the WAL: a full checkpoint is busy while the thread still
        // holds its read, and succeeds once the thread has closed its connection and ended.
        await db('notes').insert({ body: `after cancel ${run}` });
        let busy = (await checkpointWal(db)).busy;
        for (let wait = 0; busy !== 0 && wait < 300; wait++) {
          await new Promise((r) => setTimeout(r, 100));
          busy = (await checkpointWal(db)).busy;
        }
        expect(busy).toBe(0);
      }
      expect(await db('notes').count({ n: '*' })).toEqual([{ n: 3 }]);
    } finally {
      await db.destroy();
    }
  }, 120_000);
});
