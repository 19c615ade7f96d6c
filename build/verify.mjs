// `npm run verify -- FILE`: bundles main/cli/verify.ts with esbuild (as build/bundle.mjs does
// for main) into .tmp/verify.mjs and runs it. `--build-only` just bundles (the tests use it).
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const outfile = resolve('.tmp/verify.mjs');
await build({
  entryPoints: ['main/cli/verify.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
});
if (!process.argv.includes('--build-only')) {
  const { main } = await import(pathToFileURL(outfile).href);
  process.exitCode = main(process.argv.slice(2));
}
