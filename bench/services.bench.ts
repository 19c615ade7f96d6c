import { randomBytes, scryptSync } from 'node:crypto';
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Core } from '../main/core.js';
import { openCore } from '../main/core.js';
import { DATABASE_FILE } from '../main/services/vault.js';
import { insertBatched, openDatabase } from '../main/db/connection.js';
import { findPack } from '../shared/domain/packs/index.js';
import { computeProgress, projectCompletion } from '../shared/domain/progress.js';
import type { SecretStore } from '../main/platform/secret-store.js';
import { BENCH_NOW, LARGE_PRACTICE, OWNER, type PracticeShape } from './generate.js';
import {
  alternate,
  ratio,
  round,
  summarize,
  time,
  type Interleaved,
  type Timing,
} from './stats.js';

/** A measurement against its baseline, both timed in this process on the same file, interleaved. */
export type Compared = Interleaved;

const compare = (subject: Timing, baseline: Timing): Compared => ({
  subject,
  baseline,
  ratio: ratio(subject, baseline),
});

/** The weeks the generator leaves open (not submitted): the last two, up to today. */
const TODAY = '2026-11-20';
const THIS_WEEK = '2026-11-16';
const OPEN_DAYS = Array.from({ length: 12 }, (_, i) =>
  new Date(Date.UTC(2026, 10, 9 + i)).toISOString().slice(0, 10),
);

/** The generator gives worker i (from 1) site 1 + (i-1) % sites and supervisor 1 + (i-1) % supervisors. */
export const placeOf = (workerId: number, shape: PracticeShape = LARGE_PRACTICE) => ({
  siteId: 1 + ((workerId - 1) % shape.sites),
  supervisorId: 1 + ((workerId - 1) % shape.supervisors),
});

async function ok<T>(core: Core, name: string, input: unknown): Promise<T> {
  const res = await core.invoke(name as never, input as never);
  if (!res.ok) throw new Error(`${name}: ${JSON.stringify(res.error).slice(0, 500)}`);
  return res.value as T;
}

const maxEntryId = async (core: Core) =>
  Number(((await core.db('hour_entries').max({ m: 'id' }).first()) as { m: number }).m);

const WARM_UP_RUNS = 300;

/**
 * The i-th save of the bench: one minute on a rotating worker and open day, so no day nears
 * its 24-hour limit.
 */
function oneMinuteEntry(i: number, workers: number) {
  const workerId = 1 + (i % workers);
  return {
    workerId,
    date: OPEN_DAYS[i % OPEN_DAYS.length] as string,
    ...placeOf(workerId),
    category: 'direct_individual',
    minutes: 1,
    note: null,
  };
}

/** 1. One hour entry through dispatch vs a raw single-row INSERT in a transaction. */
export async function benchSave(core: Core, workers: number, runs = 200): Promise<Compared> {
  const before = await maxEntryId(core);
  const input = (i: number) => oneMinuteEntry(i, workers);
  const save = (i: number) => ok(core, 'hours.add', input(i));
  const stamp = BENCH_NOW.toISOString();
  const rawInsert = (i: number) => {
    const x = input(i);
    return core.db.transaction((trx) =>
      trx('hour_entries').insert({
        worker_id: x.workerId,
        date: x.date,
        site_id: x.siteId,
        supervisor_id: x.supervisorId,
        category: x.category,
        minutes: x.minutes,
        note: null,
        created_at: stamp,
        updated_at: stamp,
      }),
    );
  };
  // Both warm up until V8 has optimised their code: after 20 runs the save's figure still
  // depended on what the process had run before (3.4x fresh, 2.4x after other work).
  for (let i = 0; i < WARM_UP_RUNS; i++) {
    await save(i);
    await rawInsert(i);
  }
  // The warm-up dropped every worker's cached overview row; refilled, each timed write drops a
  // full row again, as the first save of a worker's day does (the rollup triggers drop it for
  // the raw insert too). Saves take the even-numbered entries and raw inserts the odd ones, so
  // neither finds a row the other has just dropped until the workers wrap around, for both.
  await ok(core, 'progress.overview', {});
  const figures = await alternate(
    runs,
    (i) => save(2 * i),
    (i) => rawInsert(2 * i + 1),
  );
  await core.db('hour_entries').where('id', '>', before).delete();
  return figures;
}

/**
 * The audit anchor's cost on the save path (issue 16): a save as shipped (the head is anchored
 * by a timer within a minute, not per write) against a save followed by an anchor (the key
 * file rewritten and fsynced), interleaved run by run.
 */
export async function benchAnchoring(
  core: Core,
  workers: number,
  runs = 100,
): Promise<{ save: Timing; saveAndAnchor: Timing; anchor: Timing; ratio: number }> {
  const before = await maxEntryId(core);
  const input = (i: number) => oneMinuteEntry(i, workers);
  const save: number[] = [];
  const both: number[] = [];
  const anchor: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    await ok(core, 'hours.add', input(2 * i));
    save.push(performance.now() - start);
    start = performance.now();
    await ok(core, 'hours.add', input(2 * i + 1));
    const anchorStart = performance.now();
    await core.services.anchorAudit(true);
    const end = performance.now();
    both.push(end - start);
    anchor.push(end - anchorStart);
  }
  await core.db('hour_entries').where('id', '>', before).delete();
  const saveT = summarize(save);
  const bothT = summarize(both);
  return {
    save: saveT,
    saveAndAnchor: bothT,
    anchor: summarize(anchor),
    ratio: ratio(bothT, saveT),
  };
}

/**
 * Audit verification from a sealed checkpoint (issue 18): 1,000 new rows (real saves, each
 * with its audit row) then the chain walked from the checkpoint, against the full walk of the
 * same trail, interleaved.
 */
export async function benchAuditCheckpoint(
  core: Core,
  workers: number,
  runs = 10,
): Promise<{ incremental: Timing; full: Timing; rows: number; ratio: number }> {
  const { audit } = core.services;
  const before = await maxEntryId(core);
  const checkpointNow = async () => {
    const head = await audit.head(core.db);
    return audit.sealCheckpoint({
      lastId: head.lastId,
      lastHmac: head.lastHmac,
      count: head.count,
    });
  };
  const incremental: number[] = [];
  const full: number[] = [];
  let rows = 0;
  for (let r = 0; r < runs; r++) {
    const from = await checkpointNow();
    for (let i = 0; i < 1000; i++) {
      await ok(core, 'hours.add', oneMinuteEntry(r * 1000 + i, workers));
    }
    let start = performance.now();
    const quick = await audit.verify(core.db, { from });
    incremental.push(performance.now() - start);
    if (!quick.intact || quick.resumedAfter !== from.lastId) throw new Error('checkpoint not used');
    start = performance.now();
    const whole = await audit.verify(core.db);
    full.push(performance.now() - start);
    rows = whole.rows;
    await core.db('hour_entries').where('id', '>', before).delete();
  }
  const inc = summarize(incremental);
  const all = summarize(full);
  return { incremental: inc, full: all, rows, ratio: ratio(inc, all) };
}

/** 2 and 4. A worker's week through dispatch vs the raw SELECT of the same rows. */
export async function benchWeek(core: Core, workers: number, runs = 300): Promise<Compared> {
  const workerOf = (i: number) => 1 + ((i * 7) % workers);
  for (let i = 0; i < 20; i++)
    await ok(core, 'hours.week', { workerId: workerOf(i), weekStart: THIS_WEEK });
  return alternate(
    runs,
    (i) => ok(core, 'hours.week', { workerId: workerOf(i), weekStart: THIS_WEEK }),
    (i) =>
      core
        .db('hour_entries')
        .where({ worker_id: workerOf(i) })
        .whereBetween('date', [THIS_WEEK, '2026-11-22'])
        .orderBy([{ column: 'date' }, { column: 'id' }]),
  );
}

/** 2. A worker's progress against their pack vs the raw SELECT of that worker's entries. */
export async function benchWorkerProgress(
  core: Core,
  workers: number,
  runs = 30,
): Promise<Compared> {
  const workerOf = (i: number) => 1 + ((i * 13) % workers);
  for (let i = 0; i < 3; i++) await ok(core, 'progress.worker', { workerId: workerOf(i) });
  return alternate(
    runs,
    (i) => ok(core, 'progress.worker', { workerId: workerOf(i) }),
    (i) =>
      core
        .db('hour_entries')
        .where({ worker_id: workerOf(i) })
        .orderBy([{ column: 'date' }, { column: 'id' }])
        .select('date', 'category', 'minutes', 'supervisor_id', 'site_id'),
  );
}

export interface OverviewFigures extends Compared {
  /** The first overview of a day: every worker computed from their entries (cache empty). */
  cold: Timing;
  /** The full scan, interleaved with the cold runs. */
  coldBaseline: Timing;
  coldRatio: number;
  /** Where the overview's time goes, summed over every worker (one pass each). */
  profile: { readEntriesMs: number; computeProgressMs: number; projectMs: number };
}

/**
 * 3. The owner's overview of every worker vs the raw full-scan aggregate. `subject` is the
 * overview with today's cache in place (warmCache at start-up and hourly fills it off the
 * user's path; a write drops only its worker's row); `cold` empties progress_cache before each
 * run, as on the first overview of a day before the warm-up has run. Each is interleaved with
 * the scan. Cold runs go first, so the cache is full afterwards and later measurements (the
 * save) drop real rows.
 */
export async function benchOverview(
  core: Core,
  workers: number,
  coldRuns = 5,
  warmRuns = 10,
): Promise<OverviewFigures> {
  const scan = () =>
    core.db.raw(
      'SELECT worker_id, category, SUM(minutes) AS minutes FROM hour_entries GROUP BY worker_id, category',
    );
  const overview = () => ok(core, 'progress.overview', {});
  const coldFigures = await alternate(coldRuns, overview, scan, () =>
    core.db('progress_cache').delete(),
  );
  await overview();
  const warm = await alternate(warmRuns, overview, scan);
  // The profile repeats the overview's two big steps on their own: reading each worker's
  // entries, and the pure progress functions over them.
  const pack = findPack('ca-bbs-lmft');
  if (!pack) throw new Error('The bench practice uses the built-in pack ca-bbs-lmft');
  let readEntriesMs = 0;
  let computeProgressMs = 0;
  let projectMs = 0;
  for (let workerId = 1; workerId <= workers; workerId++) {
    let t = performance.now();
    const rows = (await core
      .db('hour_entries')
      .where({ worker_id: workerId })
      .orderBy([{ column: 'date' }, { column: 'id' }])
      .select('date', 'category', 'minutes', 'supervisor_id', 'site_id')) as Record<
      string,
      string | number
    >[];
    const entries = rows.map((r) => ({
      date: String(r.date),
      category: r.category as never,
      minutes: Number(r.minutes),
      supervisorId: Number(r.supervisor_id),
      siteId: Number(r.site_id),
    }));
    readEntriesMs += performance.now() - t;
    const { supervisorId } = placeOf(workerId);
    t = performance.now();
    const progress = computeProgress(
      pack,
      {
        entries,
        supervisors: [
          { id: supervisorId, licenseType: 'LMFT', licenseExpires: '2028-06-30', name: 'S' },
        ],
        supervisionStartDate: entries[0]?.date ?? null,
        assignments: [
          {
            supervisorId,
            startDate: entries[0]?.date ?? TODAY,
            endDate: null,
            agreementSignedOn: entries[0]?.date ?? TODAY,
          },
        ],
        submittedWeeks: [],
      },
      TODAY,
    );
    computeProgressMs += performance.now() - t;
    t = performance.now();
    projectCompletion(pack, progress, { entries, supervisors: [] }, TODAY);
    projectMs += performance.now() - t;
  }
  const r = (ms: number) => Math.round(ms);
  return {
    ...warm,
    cold: coldFigures.subject,
    coldBaseline: coldFigures.baseline,
    coldRatio: coldFigures.ratio,
    profile: {
      readEntriesMs: r(readEntriesMs),
      computeProgressMs: r(computeProgressMs),
      projectMs: r(projectMs),
    },
  };
}

/** An import file of `rows` valid rows in the open weeks, one minute each, spread over workers. */
export function importCsv(rows: number, offset: number, workers: number): string {
  const lines = ['date,worker_id,site,supervisor_email,category,minutes'];
  for (let k = offset; k < offset + rows; k++) {
    const workerId = 1 + (k % workers);
    const day = OPEN_DAYS[Math.floor(k / workers) % OPEN_DAYS.length] as string;
    const { siteId, supervisorId } = placeOf(workerId);
    lines.push(
      `${day},${workerId},Site ${siteId},supervisor${supervisorId}@bench.example,direct_individual,1`,
    );
  }
  return lines.join('\n') + '\n';
}

export interface CsvFigures extends Compared {
  rows: number;
  filesPerRun: number;
  rowsPerFile: number;
  /** Check (read-only preview) of one file at the limit, through dispatch. */
  previewOneFile: Timing;
}

/**
 * 6. 100,000 rows imported through dispatch, as five files at the 20,000-row limit, vs a raw
 * batched insert (500 rows a statement, one transaction per 20,000) of the same rows. Each run's
 * rows are deleted afterwards so every run starts from the same file.
 */
export async function benchCsvImport(
  core: Core,
  workers: number,
  runs = 4,
  rowsPerFile = 20_000,
  files = 5,
): Promise<CsvFigures> {
  const before = await maxEntryId(core);
  const csvs = Array.from({ length: files }, (_, f) =>
    importCsv(rowsPerFile, f * rowsPerFile, workers),
  );
  const previewOneFile = await time(runs, () =>
    ok(core, 'csv.previewImport', { csv: csvs[0] as string }),
  );
  // The rollup triggers follow the raw delete, as they follow every write.
  const reset = async () => {
    await core.db('hour_entries').where('id', '>', before).delete();
  };
  const subject = async () => {
    for (const csv of csvs) await ok(core, 'csv.importHours', { csv });
  };
  const stamp = BENCH_NOW.toISOString();
  const rowsOf = (f: number) =>
    Array.from({ length: rowsPerFile }, (_, j) => {
      const k = f * rowsPerFile + j;
      const workerId = 1 + (k % workers);
      const { siteId, supervisorId } = placeOf(workerId);
      return {
        worker_id: workerId,
        date: OPEN_DAYS[Math.floor(k / workers) % OPEN_DAYS.length],
        site_id: siteId,
        supervisor_id: supervisorId,
        category: 'direct_individual',
        minutes: 1,
        note: null,
        created_at: stamp,
        updated_at: stamp,
      };
    });
  const baseline = async () => {
    for (let f = 0; f < files; f++) {
      const rows = rowsOf(f);
      await core.db.transaction((trx) => insertBatched(trx, 'hour_entries', rows));
    }
  };
  // Interleaved; each run starts from the same file: the rows of the run before are deleted
  // first, outside the timing.
  const figures = await alternate(runs, subject, baseline, reset, reset);
  await reset();
  return {
    ...figures,
    rows: rowsPerFile * files,
    filesPerRun: files,
    rowsPerFile,
    previewOneFile,
  };
}

/** 7. openCore on the large file (open, migrations check, settings, keychain) vs a bare open. */
export async function benchColdStart(
  folder: string,
  secrets: SecretStore,
  databaseKey: Buffer,
  runs = 10,
): Promise<Compared & { firstMs: number; kdf: Timing; withoutKdfMs: number }> {
  const clock = { now: () => new Date(BENCH_NOW) };
  const opened: number[] = [];
  const kdf: number[] = [];
  const bare: number[] = [];
  // Interleaved: the app's start to the owner's first read, scrypt alone at the slots'
  // parameters (what a sign-in must pay by design), and a keyed open plus one query.
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    const core = await openCore({ dataFolder: folder, version: 'bench', secrets, clock });
    const res = await core.invoke('auth.signIn', {
      username: OWNER.username,
      password: OWNER.password,
    });
    if (!res.ok) throw new Error(`sign-in failed: ${JSON.stringify(res.error)}`);
    await core.invoke('progress.overview', {});
    opened.push(performance.now() - start);
    await core.close();

    start = performance.now();
    scryptSync(OWNER.password, randomBytes(16), 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 << 20 });
    kdf.push(performance.now() - start);

    start = performance.now();
    const db = openDatabase(join(folder, DATABASE_FILE), { key: databaseKey, readOnly: true });
    await db('knex_migrations').count({ n: '*' });
    bare.push(performance.now() - start);
    await db.destroy();
  }
  const subject = summarize(opened);
  const kdfTiming = summarize(kdf);
  return {
    ...compare(subject, summarize(bare)),
    firstMs: round(opened[0] ?? 0),
    kdf: kdfTiming,
    withoutKdfMs: round(subject.medianMs - kdfTiming.medianMs),
  };
}

/**
 * A plain SQLite copy of the practice, opened by its own core: the baseline of the encryption
 * figures. `sqlcipher_export` on the keyed connection writes every table, index and trigger
 * into a database attached with an empty key (plain); the key file and settings are copied, so
 * the owner signs in as on the original, and the core opens the copy with the same driver and
 * settings, only without a key (CoreOptions.benchPlainDatabase).
 */
export async function openPlainCopy(
  core: Core,
  folder: string,
  plainFolder: string,
  secrets: SecretStore,
): Promise<Core> {
  const target = join(plainFolder, DATABASE_FILE);
  await core.db.raw("ATTACH DATABASE ? AS plain KEY ''", [target]);
  try {
    await core.db.raw("SELECT sqlcipher_export('plain')");
  } finally {
    await core.db.raw('DETACH DATABASE plain');
  }
  const head = readFileSync(target).subarray(0, 16).toString('latin1');
  if (head !== 'SQLite format 3\0') throw new Error('The baseline copy is not a plain SQLite file');
  for (const name of readdirSync(folder)) {
    if (name.startsWith(DATABASE_FILE) || name === 'tmp' || name === 'backups') continue;
    cpSync(join(folder, name), join(plainFolder, name), { recursive: true });
  }
  const plain = await openCore({
    dataFolder: plainFolder,
    version: 'bench',
    secrets,
    clock: { now: () => new Date(BENCH_NOW) },
    benchPlainDatabase: true,
  });
  await ok(plain, 'auth.signIn', { username: OWNER.username, password: OWNER.password });
  return plain;
}

export interface EncryptionFigures {
  save: Compared;
  week: Compared;
  progress: Compared;
}

/**
 * The cost of encryption (issue 14): the same call through dispatch on the encrypted practice
 * and on its plain copy, interleaved. The saves write the same rows into both and are deleted
 * from both afterwards.
 */
export async function benchEncryption(
  encrypted: Core,
  plain: Core,
  workers: number,
  runs = { save: 200, week: 300, progress: 60 },
): Promise<EncryptionFigures> {
  const before = await maxEntryId(encrypted);
  const beforePlain = await maxEntryId(plain);
  const save = (core: Core) => (i: number) => ok(core, 'hours.add', oneMinuteEntry(i, workers));
  for (let i = 0; i < WARM_UP_RUNS; i++) {
    await save(encrypted)(i);
    await save(plain)(i);
  }
  // As in benchSave: refilled, each timed save drops a cached overview row again.
  await ok(encrypted, 'progress.overview', {});
  await ok(plain, 'progress.overview', {});
  const saveFigures = await alternate(runs.save, save(encrypted), save(plain));
  await encrypted.db('hour_entries').where('id', '>', before).delete();
  await plain.db('hour_entries').where('id', '>', beforePlain).delete();

  const weekOf = (core: Core) => (i: number) =>
    ok(core, 'hours.week', { workerId: 1 + ((i * 7) % workers), weekStart: THIS_WEEK });
  for (let i = 0; i < 20; i++) {
    await weekOf(encrypted)(i);
    await weekOf(plain)(i);
  }
  const week = await alternate(runs.week, weekOf(encrypted), weekOf(plain));

  const progressOf = (core: Core) => (i: number) =>
    ok(core, 'progress.worker', { workerId: 1 + ((i * 13) % workers) });
  for (let i = 0; i < 3; i++) {
    await progressOf(encrypted)(i);
    await progressOf(plain)(i);
  }
  const progress = await alternate(runs.progress, progressOf(encrypted), progressOf(plain));
  return { save: saveFigures, week, progress };
}
