import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveKey } from '../../main/platform/crypto.js';
import { DATABASE_FILE } from '../../main/services/vault.js';
import { makeWorkerJobs } from '../../main/services/reports/worker-jobs.js';
import { encryptedPagesHolding, filesHolding } from '../support/canaries.js';
import {
  addAssignedWorker,
  call,
  createAccount,
  keepNothing,
  seedPractice,
} from '../support/seed.js';
import { buildSlowReadJob } from '../support/slow-read-job.js';
import { OWNER, fakeClock, openTempCore, type TempCore } from '../support/temp-core.js';

/**
 * An erasure under the privacy rules leaves no trace on disk: every page of the database file
 * (free pages included) and every frame of its write-ahead log, decrypted with the data key,
 * and every file of the data folder and its tmp/ in clear, hold nothing of the person. The same
 * scan finds the person before the erasure, so it can fail.
 */
/** Only the erased person spells these; the rest of the practice uses other names. */
const PERSON = ['Zephyrine', 'Pemberton', '@lakeside.example'] as const;

describe('an erasure leaves no trace in the file or the log', () => {
  const clock = fakeClock('2026-11-20T10:00:00Z');
  let core: TempCore;
  afterEach(() => core?.dispose());

  const scan = () =>
    encryptedPagesHolding(
      join(core.folder, DATABASE_FILE),
      deriveKey(core.vault.keys().dataKey, 'database'),
      PERSON,
    );
  const where = (s: Awaited<ReturnType<typeof scan>>) =>
    [...new Set(s.found.map((f) => f.file.slice(core.folder.length + 1)))].sort();

  /** The person, with an account and 45 hours whose notes name them, some still in the log. */
  const personWithHours = async () => {
    const { site, supervisor } = await seedPractice(core);
    const worker = await addAssignedWorker(
      core,
      {
        firstName: 'Zephyrine',
        lastName: 'Pemberton',
        email: 'z.pemberton@lakeside.example',
        phone: '555-0199',
      },
      { supervisorId: supervisor.id, siteId: site.id },
    );
    await createAccount(
      core,
      'zephyrine',
      'worker',
      { workerId: worker.id },
      { displayName: 'Zephyrine Pemberton' },
    );
    const hour = (date: string, note: string) =>
      call(core, 'hours.add', {
        workerId: worker.id,
        date,
        siteId: site.id,
        supervisorId: supervisor.id,
        category: 'direct_individual',
        minutes: 30,
        note,
      });
    const days = Array.from({ length: 40 }, (_, i) =>
      new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10),
    );
    for (const [i, day] of days.entries()) {
      await hour(
        day,
        `Session ${i} with Zephyrine Pemberton's client, z.pemberton@lakeside.example`,
      );
    }
    // Into the database file; the next notes stay in the log for now.
    await core.db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    for (const day of days.slice(0, 5)) await hour(day, 'Zephyrine Pemberton, late note');
    return worker;
  };

  it('finds the person in pages and log frames before, and nowhere after', async () => {
    core = await openTempCore(clock);
    const worker = await personWithHours();

    // The scan can fail: before the erasure it finds the person in the file and in the log.
    const before = await scan();
    expect(before.unreadable).toEqual([]);
    expect(where(before)).toEqual([DATABASE_FILE, `${DATABASE_FILE}-wal`]);
    // None of it is in clear anywhere.
    expect(await filesHolding(core.folder, PERSON)).toEqual([]);

    // The practice keeps nothing of a person who leaves.
    await keepNothing(core);
    const result = await call(core, 'privacy.deletion.execute', {
      personType: 'worker',
      personId: worker.id,
      password: OWNER.password,
    });
    expect(result.verdict).toBe('complete');

    // While the practice is still open, and again once it is closed.
    const after = await scan();
    expect(after.unreadable).toEqual([]);
    expect(after.pages).toBeGreaterThan(10);
    expect(after.found).toEqual([]);
    expect(await filesHolding(core.folder, PERSON)).toEqual([]);
    const key = deriveKey(core.vault.keys().dataKey, 'database');
    await core.close();
    const closed = await encryptedPagesHolding(join(core.folder, DATABASE_FILE), key, PERSON);
    expect(closed.unreadable).toEqual([]);
    expect(closed.found).toEqual([]);
    expect(await filesHolding(core.folder, PERSON)).toEqual([]);
    // tmp/ holds no copy (encrypted or not) that the page scan would have to open as well.
    const tmp = join(core.folder, 'tmp');
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
  }, 60_000);

  it('erased while a worker thread holds a long read: the log is emptied once the thread ends', async () => {
    core = await openTempCore(clock);
    const worker = await personWithHours();
    await keepNothing(core);
    // A thread reading for longer than the writer's 5 s busy timeout (an export of a
    // long-serving worker's record, a full verification at a million rows).
    const job = buildSlowReadJob();
    try {
      let reading: () => void = () => undefined;
      const started = new Promise<void>((done) => (reading = done));
      const read = makeWorkerJobs(job.folder).run(
        'slow-read',
        {
          file: join(core.folder, DATABASE_FILE),
          key: [...deriveKey(core.vault.keys().dataKey, 'database')],
          steps: 40_000_000,
        },
        () => Promise.reject(new Error('the job must run in its thread')),
        { signal: new AbortController().signal, onProgress: () => reading() },
      );
      await started;
      // Its statement under way, holding its snapshot of the log.
      await new Promise((r) => setTimeout(r, 300));
      const result = await call(core, 'privacy.deletion.execute', {
        personType: 'worker',
        personId: worker.id,
        password: OWNER.password,
      });
      expect(result.verdict).toBe('complete');
      // The checkpoint could not wait the reader out (its snapshot may need the old pages):
      // the file keeps the person's pages as they were, and the log their pages before.
      expect(where(await scan())).toEqual([DATABASE_FILE, `${DATABASE_FILE}-wal`]);
      expect(await read).toBeGreaterThan(0);
      // Once the thread has ended, the log is folded in and emptied without anyone asking.
      let after = await scan();
      for (let wait = 0; after.found.length > 0 && wait < 100; wait++) {
        await new Promise((r) => setTimeout(r, 100));
        after = await scan();
      }
      expect(after.unreadable).toEqual([]);
      expect(after.found).toEqual([]);
    } finally {
      job.remove();
    }
  }, 120_000);
});
