import { buildSync, type BuildOptions } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let built: string | null = null;

/**
 * The checkout holding main/workers, also when this file runs bundled (the bench's copy lives
 * under node_modules/.cache).
 */
export function checkoutRoot(): string {
  let root = resolve(import.meta.dirname);
  while (!existsSync(join(root, 'main', 'workers')) && dirname(root) !== root) root = dirname(root);
  return root;
}

/**
 * A fresh folder for built worker scripts, inside the checkout, so the scripts find its
 * node_modules as the app's bundle does.
 */
export function workerScriptsFolder(prefix: string): string {
  const cache = join(checkoutRoot(), 'node_modules', '.cache', 'hourkeep-workers');
  mkdirSync(cache, { recursive: true });
  return mkdtempSync(join(cache, prefix));
}

/** A worker script as the app ships it: CommonJS, native modules and knex left to node_modules. */
export const WORKER_SCRIPT_BUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['@journeyapps/sqlcipher', 'knex', 'keytar', 'pdfkit', 'electron'],
  logLevel: 'warning',
};

/**
 * The worker-thread scripts built as the app ships them, once per test process into its own
 * folder: the tests run the real worker threads, not the in-thread fallback.
 */
export function builtWorkersFolder(): string {
  if (built) return built;
  const root = checkoutRoot();
  const folder = workerScriptsFolder('run-');
  const entries = readdirSync(join(root, 'main', 'workers'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(root, 'main', 'workers', f));
  buildSync({
    ...WORKER_SCRIPT_BUILD,
    entryPoints: entries,
    outdir: folder,
    outExtension: { '.js': '.cjs' },
  });
  // Each test process removes its own build when it ends.
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  built = folder;
  return folder;
}
