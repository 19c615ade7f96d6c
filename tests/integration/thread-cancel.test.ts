import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection.js';
import { checkpointWal } from '../../main/db/dialect/sqlite.js';
import { JobCancelled, makeWorkerJobs } from '../../main/services/reports/worker-jobs.js';
import { buildSlowReadJob } from '../support/slow-read-job.js';

/**
 * Cancelling a job whose thread is in the middle of a database query. Terminating that thread
 * ended the whole process: the driver's answer reached a thread being torn down (a fatal
 * N-API error, "napi_throw"), so a person-record export cancelled while it was still reading
 * took the app down. The thread now finishes the query, closes its connection and ends; the
 * caller has its answer at once.
 */
describe('cancelling a thread that is reading the database', () => {
  let folder: string;
  let job: ReturnType<typeof buildSlowReadJob>;
  const key = randomBytes(32);
  let file: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'hourkeep-thread-cancel-'));
    file = join(folder, 'practice.db');
    job = buildSlowReadJob();
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
    job.remove();
  });

  it('answers at once, leaves the process running, and the thread lets go of the file', async () => {
    const db = openDatabase(file, { key });
    try {
      await db.schema.createTable('workers', (t) => {
        t.increments('id');
        t.text('name');
      });
      const jobs = makeWorkerJobs(job.folder);
      expect(jobs.threaded).toBe(true);
      for (let run = 0; run < 3; run++) {
        const controller = new AbortController();
        let reading = false;
        const running = jobs.run(
          'slow-read',
          { file, key: [...key], steps: 10_000_000 },
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
        await expect(running).rejects.toBeInstanceOf(JobCancelled);
        expect(reading).toBe(true);
        // A write leaves a frame in the WAL: a full checkpoint is busy while the thread still
        // holds its read, and succeeds once the thread has closed its connection and ended.
        await db.raw('INSERT INTO workers (name) VALUES (?)', [`after cancel ${run}`]);
        let busy = (await checkpointWal(db)).busy;
        for (let wait = 0; busy !== 0 && wait < 300; wait++) {
          await new Promise((r) => setTimeout(r, 100));
          busy = (await checkpointWal(db)).busy;
        }
        expect(busy).toBe(0);
      }
      expect(await db.raw('SELECT count(*) AS n FROM workers')).toEqual([{ n: 3 }]);
    } finally {
      await db.destroy();
    }
  }, 120_000);
});
