import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchBackup } from './backup.bench.js';
import { LARGE_PRACTICE, generatePractice } from './generate.js';

/** `npm run bench [-- --entries N]`: generates a practice and measures it. See bench/README.md. */
const args = process.argv.slice(2);
const entriesArg = args.indexOf('--entries');
const entries = entriesArg >= 0 ? Number(args[entriesArg + 1]) : LARGE_PRACTICE.entries;
const folder = mkdtempSync(join(tmpdir(), 'hourkeep-bench-'));

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
try {
  const started = performance.now();
  const practice = await generatePractice(folder, {
    ...LARGE_PRACTICE,
    entries,
    workers: Math.max(10, Math.round((LARGE_PRACTICE.workers * entries) / LARGE_PRACTICE.entries)),
  });
  const generateMs = Math.round(performance.now() - started);
  console.log(`generated ${JSON.stringify(practice.counts)} in ${generateMs} ms`);
  const backup = await benchBackup(practice.core, folder);
  const results = { machine, entries, counts: practice.counts, generateMs, backup };
  console.log(JSON.stringify(results, null, 2));
  writeFileSync(
    join('bench', 'results', `backup-${entries}.json`),
    JSON.stringify(results, null, 2) + '\n',
  );
  await practice.core.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
