import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMemorySecretStore } from '../main/platform/memory-secret-store.js';
import { backupRows, benchBackup } from './backup.bench.js';
import { benchBrowser } from './browser.bench.js';
import { benchScreens, screensRows } from './screens.bench.js';
import {
  LARGE_PRACTICE,
  generatePractice,
  type GeneratedPractice,
  type PracticeShape,
} from './generate.js';
import { renderMarkdown, renderRows, type Results, type Row } from './report.js';
import { updateLatest } from './update-latest.js';
import {
  benchColdStart,
  benchAnchoring,
  benchAuditCheckpoint,
  benchCsvImport,
  benchEncryption,
  openPlainCopy,
  benchOverview,
  benchSave,
  benchWeek,
  benchWorkerProgress,
} from './services.bench.js';
import { benchHeavyWorkerProgress, benchOverviewCold, progressRows } from './progress.bench.js';
import { BUSY_CALLS, benchWeekWhileBusy, busyRows, type BusyCall } from './offthread.bench.js';
import { benchDeletion, deletionRows } from './deletion.bench.js';
import { browserRows, serviceRows, type ServiceFigures } from './service-rows.js';
import { ratio } from './stats.js';
import { benchPostgres, postgresRows } from './postgres.bench.js';
import { deriveKey } from '../main/platform/crypto.js';

/**
 * `npm run bench [-- --entries N] [-- --no-browser] [-- --only-backup | --only-busy | --only-progress | --only-postgres | --only-screens | --only-services | --browser-only] [-- --update-latest]`: generates the large practice once and
 * measures everything on it (see bench/README.md). Only a full-size run writes
 * bench/results/latest.*; a smaller one writes bench/results/trial.*.
 */
const args = process.argv.slice(2);
const entriesArg = args.indexOf('--entries');
const entries = entriesArg >= 0 ? Number(args[entriesArg + 1]) : LARGE_PRACTICE.entries;
const withBrowser = !args.includes('--no-browser');
const scaled = (n: number): PracticeShape => ({
  ...LARGE_PRACTICE,
  entries: n,
  workers: Math.max(10, Math.round((LARGE_PRACTICE.workers * n) / LARGE_PRACTICE.entries)),
});
const log = (message: string) =>
  console.log(`[bench ${Math.round(performance.now() / 1000)}s] ${message}`);
/** With `--update-latest` at full size, the rows a partial mode measured go into latest.*. */
const remeasured = (rows: Row[], mode: string, details: Partial<Results['details']> = {}) => {
  if (!args.includes('--update-latest')) return;
  if (entries !== LARGE_PRACTICE.entries)
    throw new Error('--update-latest needs the full-size practice');
  for (const name of updateLatest(rows, mode, details))
    log(`latest.* now has: ${name.slice(0, 80)}…`);
};

if (args.includes('--browser-only')) {
  // The hours screen in Chromium alone (10,000 entries vs 10, no large practice), printed;
  // written to latest.* only with --update-latest.
  const browser = await benchBrowser(resolve('dist/renderer'));
  console.log(JSON.stringify(browser, null, 2));
  console.log(renderRows(browserRows(browser)));
  if (args.includes('--update-latest'))
    for (const name of updateLatest(browserRows(browser), '--browser-only'))
      log(`latest.* now has: ${name.slice(0, 80)}…`);
  process.exit(0);
}
const folder = mkdtempSync(join(tmpdir(), 'hourkeep-bench-'));
const smallFolder = mkdtempSync(join(tmpdir(), 'hourkeep-bench-10k-'));
const plainFolder = mkdtempSync(join(tmpdir(), 'hourkeep-bench-plain-'));
const started = performance.now();
try {
  const secrets = createMemorySecretStore();
  const shape = scaled(entries);
  const practice = await generatePractice(folder, shape, secrets);
  const generateMs = Math.round(performance.now() - started);
  log(`generated ${JSON.stringify(practice.counts)} in ${generateMs} ms`);
  if (args.includes('--only-backup')) {
    // Backup and restore alone, printed (bench/README.md); written to latest.* only with
    // --update-latest.
    const backup = await benchBackup(practice.core, folder);
    console.log(JSON.stringify(backup, null, 2));
    console.log(renderRows(backupRows(backup)));
    remeasured(backupRows(backup), '--only-backup', { backup });
    await practice.core.close();
    process.exit(0);
  }
  if (args.includes('--only-postgres')) {
    // Issue 21: the same calls on the practice in its file and moved to a PostgreSQL server
    // (HOURKEEP_PG_* from tests/pg/server.sh), each against raw SQL on its own database.
    const figures = await benchPostgres(practice.core, shape.workers);
    const name = entries === LARGE_PRACTICE.entries ? 'postgres' : 'postgres-trial';
    const notes = [
      `- ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}; practice ${JSON.stringify(practice.counts)}.`,
      `- The move to the server (every table copied and checked by count and checksum): ${(figures.moveMs / 1000).toFixed(1)} s.`,
      '- Each call and its baseline run in separate blocks on the same connection pool, medians and p95 over the runs shown.',
    ];
    const md = `# PostgreSQL beside SQLCipher (issue 21)\n\n${renderRows(postgresRows(figures))}\n\n${notes.join('\n')}\n`;
    mkdirSync(join('bench', 'results'), { recursive: true });
    writeFileSync(join('bench', 'results', `${name}.md`), md);
    writeFileSync(
      join('bench', 'results', `${name}.json`),
      JSON.stringify(figures, null, 2) + '\n',
    );
    console.log(md);
    process.exit(0);
  }
  if (args.includes('--only-progress')) {
    // The cold overview, a heavy worker's progress and a deletion alone, printed; written to
    // latest.* only with --update-latest.
    const overviewCold = await benchOverviewCold(practice.core);
    const heavyProgress = await benchHeavyWorkerProgress(practice.core);
    const deletion = await benchDeletion(practice.core);
    console.log(JSON.stringify({ overviewCold, heavyProgress, deletion }, null, 2));
    const rows = [...progressRows(overviewCold, heavyProgress), ...deletionRows(deletion)];
    console.log(renderRows(rows));
    remeasured(rows, '--only-progress');
    await practice.core.close();
    process.exit(0);
  }
  if (args.includes('--only-busy')) {
    // hours.week while each long call (or those --calls names) runs, alone and printed; written
    // to latest.* only with --update-latest.
    await practice.core.close();
    const callsArg = args.indexOf('--calls');
    const calls =
      callsArg >= 0 ? (String(args[callsArg + 1]).split(',') as BusyCall[]) : [...BUSY_CALLS];
    const unknown = calls.filter((c) => !(BUSY_CALLS as readonly string[]).includes(c));
    if (unknown.length) throw new Error(`--calls takes ${BUSY_CALLS.join(', ')}`);
    const busy = await benchWeekWhileBusy(folder, secrets, shape.workers, calls);
    remeasured(busyRows(busy), `--only-busy --calls ${calls.join(',')}`);
    for (const b of busy)
      console.log(
        `hours.week while ${b.call}: median ${b.subject.medianMs} ms, p95 ${b.subject.p95Ms} ms, slowest ${b.maxMs} ms (idle median ${b.baseline.medianMs} ms; the call took ${b.callMs.medianMs} ms)`,
      );
    process.exit(0);
  }
  const smallSecrets = createMemorySecretStore();
  const small = await generatePractice(smallFolder, scaled(10_000), smallSecrets);
  log(`generated the 10k practice ${JSON.stringify(small.counts)}`);
  /** Both practices closed, for the screens in Chromium: each opens again behind its harness. */
  const onDisk = () =>
    [
      { folder, secrets, entries: Number(practice.counts.hour_entries) },
      { folder: smallFolder, secrets: smallSecrets, entries: Number(small.counts.hour_entries) },
    ] as const;
  if (args.includes('--only-services')) {
    // The everyday calls (overview, save, week, progress, CSV import) alone, printed; written
    // to latest.* only with --update-latest.
    const figures = await measureServices(practice, small, shape.workers);
    await practice.core.close();
    await small.core.close();
    console.log(JSON.stringify(figures, null, 2));
    console.log(renderRows(serviceRows(figures)));
    remeasured(serviceRows(figures), '--only-services', {
      overview: figures.overview,
      csv: figures.csv,
    });
    process.exit(0);
  }
  if (args.includes('--only-screens')) {
    // The owner's overview, a worker's dashboard and the hours screen in Chromium, 1M vs 10k,
    // printed; written to latest.* only with --update-latest.
    await practice.core.close();
    await small.core.close();
    const screens = await benchScreens(...onDisk(), resolve('dist/renderer'));
    console.log(JSON.stringify(screens, null, 2));
    console.log(renderRows(screensRows(screens)));
    remeasured(screensRows(screens), '--only-screens');
    process.exit(0);
  }
  const core = practice.core;
  const workers = shape.workers;
  const sqliteVersion = String(
    ((await core.db.raw('SELECT sqlite_version() AS v')) as { v: string }[])[0]?.v,
  );

  // The overview first: it leaves today's progress cache full, so each save below also drops
  // a cached row, as saves do in use.
  const overview = await benchOverview(core, workers);
  log(`overview ${JSON.stringify(overview)}`);
  // Issue 18: the cold path from hour_rollups, against the rollup aggregate, interleaved.
  const overviewCold = await benchOverviewCold(core);
  log(`overview cold vs rollup aggregate ${JSON.stringify(overviewCold)}`);
  const heavyProgress = await benchHeavyWorkerProgress(core);
  log(`progress.worker, 50k entries ${JSON.stringify(heavyProgress)}`);
  const deletion = await benchDeletion(core);
  log(`deletion of a 50k-entry worker ${JSON.stringify(deletion)}`);
  const save = await benchSave(core, workers);
  log(`save ${JSON.stringify(save)}`);
  const week = await benchWeek(core, workers);
  const weekSmall = await benchWeek(small.core, scaled(10_000).workers);
  log(`week ${JSON.stringify({ week, weekSmall })}`);
  const progress = await benchWorkerProgress(core, workers);
  log(`progress.worker ${JSON.stringify(progress)}`);
  // The cost of encryption: the same calls on a plain copy of the same data, interleaved.
  const plainCore = await openPlainCopy(core, folder, plainFolder, secrets);
  log('made the plain copy');
  const encryption = await benchEncryption(core, plainCore, workers);
  await plainCore.close();
  rmSync(plainFolder, { recursive: true, force: true });
  log(`encrypted vs plain ${JSON.stringify(encryption)}`);
  const anchoring = await benchAnchoring(core, workers);
  log(`anchoring ${JSON.stringify(anchoring)}`);
  const auditCheckpoint = await benchAuditCheckpoint(core, workers);
  log(`audit checkpoint ${JSON.stringify(auditCheckpoint)}`);
  const csv = await benchCsvImport(core, workers);
  log(`csv ${JSON.stringify(csv)}`);
  const backup = await benchBackup(core, folder);
  log(`backup ${JSON.stringify(backup)}`);
  const databaseKey = deriveKey(core.vault.keys().dataKey, 'database');
  await small.core.close();
  await core.close();
  const coldStart = await benchColdStart(folder, secrets, databaseKey);
  log(`cold start ${JSON.stringify(coldStart)}`);
  // Issue 18: hours.week while each long call runs, the core reopened with its worker threads.
  const weekWhileBusy = await benchWeekWhileBusy(folder, secrets, workers);
  log(`hours.week while busy ${JSON.stringify(weekWhileBusy)}`);
  const browser = withBrowser ? await benchBrowser(resolve('dist/renderer')) : null;
  if (browser) log(`browser ${JSON.stringify(browser)}`);
  const screens = withBrowser ? await benchScreens(...onDisk(), resolve('dist/renderer')) : null;
  if (screens) log(`screens ${JSON.stringify(screens)}`);

  const rows: Row[] = [
    ...serviceRows({
      save,
      week,
      weekSmall,
      progress,
      overview,
      csv,
      counts: {
        large: Number(practice.counts.hour_entries),
        small: Number(small.counts.hour_entries),
      },
    }),
    {
      name: 'Save one hour entry, encrypted vs plain: hours.add through dispatch on the practice vs on a plain copy of the same data (interleaved)',
      subject: encryption.save.subject,
      baseline: encryption.save.baseline,
      ratio: encryption.save.ratio,
      target: '≤ 1.3×',
      met: encryption.save.ratio <= 1.3,
    },
    {
      name: "Worker's week, encrypted vs plain: hours.week on the practice vs on the plain copy (interleaved)",
      subject: encryption.week.subject,
      baseline: encryption.week.baseline,
      ratio: encryption.week.ratio,
      target: '≤ 1.5×',
      met: encryption.week.ratio <= 1.5,
    },
    {
      name: "Worker's progress, encrypted vs plain: progress.worker on the practice vs on the plain copy (interleaved)",
      subject: encryption.progress.subject,
      baseline: encryption.progress.baseline,
      ratio: encryption.progress.ratio,
      target: '≤ 1.5×',
      met: encryption.progress.ratio <= 1.5,
    },
    ...progressRows(overviewCold, heavyProgress),
    ...deletionRows(deletion),
    ...backupRows(backup),
    {
      name: `Audit verify of 1,000 new rows after a checkpoint vs the full walk (${auditCheckpoint.rows.toLocaleString('en-US')} rows)`,
      subject: auditCheckpoint.incremental,
      baseline: auditCheckpoint.full,
      ratio: auditCheckpoint.ratio,
      target: '≤ 50 ms',
      met: auditCheckpoint.incremental.medianMs <= 50,
    },
    {
      name: `Save as shipped (audit head anchored within a minute) vs a save anchored at once (one anchor alone: ${anchoring.anchor.medianMs} ms median)`,
      subject: anchoring.save,
      baseline: anchoring.saveAndAnchor,
      ratio: ratio(anchoring.save, anchoring.saveAndAnchor),
      target: 'no cost per save',
      met: anchoring.save.medianMs <= anchoring.saveAndAnchor.medianMs,
    },
    {
      name: `Cold start to the owner's overview: openCore, sign-in (keychain, key slot, scrypt N=2^17: ${coldStart.kdf.medianMs} ms alone), open, migration check, first read vs keyed open + one query; ${coldStart.withoutKdfMs} ms without the KDF`,
      subject: coldStart.subject,
      baseline: coldStart.baseline,
      ratio: coldStart.ratio,
      target: '≤ 200 ms without the KDF',
      met: coldStart.withoutKdfMs <= 200,
    },
    ...busyRows(weekWhileBusy),
  ];
  if (browser) rows.push(...browserRows(browser));
  if (screens) rows.push(...screensRows(screens));
  const cpu = cpus();
  const machine = {
    cores: cpu.length,
    cpu: cpu[0]?.model ?? 'unknown',
    ramGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite: sqliteVersion,
    platform: `${process.platform} ${process.arch}`,
  };
  const totalMs = Math.round(performance.now() - started);
  const results = {
    date: new Date().toISOString(),
    machine,
    practice: { shape, counts: practice.counts, generateMs, smallCounts: small.counts },
    totalMs,
    rows,
    details: {
      overviewCold,
      heavyProgress,
      deletion,
      save,
      anchoring,
      week,
      weekSmall,
      progress,
      encryption,
      overview,
      csv,
      backup,
      coldStart,
      weekWhileBusy,
      browser,
      screens,
    },
  };
  const name = entries === LARGE_PRACTICE.entries && withBrowser ? 'latest' : 'trial';
  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(join('bench', 'results', `${name}.json`), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join('bench', 'results', `${name}.md`), renderMarkdown(results));
  log(`wrote bench/results/${name}.md and .json in ${Math.round(totalMs / 1000)} s`);
} finally {
  rmSync(folder, { recursive: true, force: true });
  rmSync(smallFolder, { recursive: true, force: true });
  rmSync(plainFolder, { recursive: true, force: true });
}

/** The everyday calls on both practices, as the whole run measures them (`--only-services`). */
async function measureServices(
  practice: GeneratedPractice,
  small: GeneratedPractice,
  workers: number,
): Promise<ServiceFigures> {
  const overview = await benchOverview(practice.core, workers);
  const save = await benchSave(practice.core, workers);
  const week = await benchWeek(practice.core, workers);
  const weekSmall = await benchWeek(small.core, scaled(10_000).workers);
  const progress = await benchWorkerProgress(practice.core, workers);
  const csv = await benchCsvImport(practice.core, workers);
  const counts = {
    large: Number(practice.counts.hour_entries),
    small: Number(small.counts.hour_entries),
  };
  return { overview, save, week, weekSmall, progress, csv, counts };
}
