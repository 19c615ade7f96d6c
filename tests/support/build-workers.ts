import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let built: string | null = null;

/**
 * The worker-thread scripts built as the app ships them (CommonJS, native modules and knex
 * left to node_modules), once per test process into its own folder: the tests run the real
 * worker threads, not the in-thread fallback.
 */
export function builtWorkersFolder(): string {
  if (built) return built;
  // The checkout holding main/workers, also when this file runs bundled (the bench's copy
  // lives under node_modules/.cache).
  let root = resolve(import.meta.dirname);
  while (!existsSync(join(root, 'main', 'workers')) && dirname(root) !== root) root = dirname(root);
  // Inside the checkout, so the scripts find its node_modules as the app's bundle does.
  const cache = join(root, 'node_modules', '.cache', 'hourkeep-workers');
  mkdirSync(cache, { recursive: true });
  const folder = mkdtempSync(join(cache, 'run-'));
  const entries = readdirSync(join(root, 'main', 'workers'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(root, 'main', 'workers', f));
  buildSync({
    entryPoints: entries,
    outdir: folder,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['@journeyapps/sqlcipher', 'knex', 'keytar', 'pdfkit', 'electron'],
    logLevel: 'warning',
  });
  // Each test process removes its own build when it ends.
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  built = folder;
  return folder;
}
