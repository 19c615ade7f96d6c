// `npm run bench`: bundles the TypeScript benchmarks with esbuild and runs them in Node.
// Not part of `npm test`; results go to bench/results/ (latest.md and latest.json).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// In this checkout's .tmp, not node_modules/.cache: worktrees share node_modules, and two
// checkouts benching at once would overwrite each other's bundle.
const out = join(root, '.tmp', 'bench', 'bench.mjs');
mkdirSync(dirname(out), { recursive: true });
await build({
  entryPoints: [join(root, 'bench', 'main.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [
    '@journeyapps/sqlcipher',
    'knex',
    'pg',
    'keytar',
    'pdfkit',
    'playwright',
    '@playwright/test',
    'esbuild',
  ],
  logLevel: 'warning',
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
});
// The Chromium figures need the renderer as built from this tree.
if (!process.argv.includes('--no-browser')) {
  const vite = spawnSync('npm', ['run', 'build:renderer', '--silent'], {
    stdio: 'inherit',
    cwd: root,
  });
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
const res = spawnSync(process.execPath, ['--expose-gc', out, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(res.status ?? 1);
