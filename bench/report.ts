import type { BackupFigures } from './backup.bench.js';
import type { Timing } from './stats.js';
import type { Row } from './row.js';

export type { Row };

export interface Results {
  date: string;
  machine: {
    cores: number;
    cpu: string;
    ramGiB: number;
    node: string;
    sqlite: string;
    platform: string;
  };
  practice: {
    counts: Record<string, number>;
    generateMs: number;
    smallCounts: Record<string, number>;
  };
  totalMs: number;
  rows: Row[];
  details: {
    overview: { profile: { readEntriesMs: number; computeProgressMs: number; projectMs: number } };
    coldStart: { firstMs: number };
    backup: BackupFigures;
    csv: { previewOneFile: Timing };
  };
}

export const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(2)} ms`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** The Details lines of bench/results/latest.md for backup and restore. */
export function backupNotes(b: BackupFigures): string[] {
  const s = b.stages;
  return [
    `- Backup: database ${mb(b.databaseBytes)}, Hourkeep backup ${mb(b.backupBytes)}, shell pipeline ${mb(b.shellBackupBytes)} (both gzip level ${b.gzipLevel}); ${b.backup.subject.runs} runs each, interleaved. Restore: preview ${ms(b.restorePreview.medianMs)}, commit ${ms(b.restoreCommit.medianMs)} (its safety copy, the database file encrypted as it is: ${mb(b.safetyCopyBytes)}).`,
    `- Backup stages, each once on its own: snapshot (${s.copyKind}) ${ms(s.copyMs)}; quick_check ${ms(s.quickCheckMs)} (integrity_check would take ${ms(s.integrityMs)}), which runs alongside the write (pages decrypted, gzip in parallel members, AES-GCM, fsync, tag read back) ${ms(s.writeMs)}; a full verify with gunzip ${ms(s.verifyMs)} (backups.verify, not part of a backup).`,
  ];
}

const renderRow = (row: Row) =>
  `| ${row.name.replaceAll('|', '\\|')}${row.remeasured ? ` (re-measured ${row.remeasured.day}, \`${row.remeasured.mode}\`)` : ''} | ${ms(row.subject.medianMs)} | ${ms(row.subject.p95Ms)} | ${ms(row.baseline.medianMs)} | ${row.ratio}× | ${row.target} | ${row.met === null ? 'no target' : row.met ? 'yes' : '**no**'} |`;

/** The table's header and `rows`, for a partial run (`--only-backup`). */
export const renderRows = (rows: Row[]): string =>
  [
    '| Measurement | Median | p95 | Baseline median | Ratio | Target | Met? |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map(renderRow),
  ].join('\n');

export function renderMarkdown(r: Results): string {
  const m = r.machine;
  const counts = Object.entries(r.practice.counts)
    .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
    .join(', ');
  const d = r.details;
  const lines = [
    '# Hourkeep benchmarks',
    '',
    `Run ${r.date} on ${m.cores} × ${m.cpu}, ${m.ramGiB} GiB RAM, Node ${m.node}, SQLite ${m.sqlite}, ${m.platform}.`,
    `Practice: ${counts} (generated in ${ms(r.practice.generateMs)}). Whole run: ${ms(r.totalMs)}.`,
    '',
    renderRows(r.rows),
    '',
    'Ratio = median ÷ baseline median. Runs per figure are in latest.json.',
    ...(r.rows.some((row) => row.remeasured)
      ? [
          '',
          'Rows marked "re-measured" were measured again on their own, after the code they measure changed, by the partial mode named (same generated practice, subject and baseline interleaved in that run); the other rows are from the whole run above. A partial run measures the freshly generated practice, while the whole run reaches its later figures on a file its earlier ones have grown.',
        ]
      : []),
    '',
    '## Details',
    '',
    "- Overview: a worker's row is cached per day in progress_cache, dropped in the same transaction as any write to its inputs; the app warms the cache at start-up and hourly, so the cold figure is what the first overview of a day costs only if the owner opens it before the warm-up ends.",
    `- Overview profile (the cold path), one pass over every worker: reading entries ${ms(d.overview.profile.readEntriesMs)}, computeProgress ${ms(d.overview.profile.computeProgressMs)}, projectCompletion ${ms(d.overview.profile.projectMs)}.`,
    `- Cold start: first open in the process ${ms(d.coldStart.firstMs)}.`,
    ...backupNotes(d.backup).map((line) =>
      r.rows.some((row) => row.remeasured && row.name.startsWith('Backup'))
        ? `${line} (With the re-measured backup rows.)`
        : line,
    ),
    `- CSV preview (check only) of one 20,000-row file: ${ms(d.csv.previewOneFile.medianMs)}.`,
    '',
  ];
  return lines.join('\n');
}
