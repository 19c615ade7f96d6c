// Bundles the Node-side entry points with esbuild.
//   node build/bundle.mjs            main (dist/main/index.cjs) and preload (dist/preload/index.cjs)
//   node build/bundle.mjs --harness  the test harness CLI (.tmp/harness.mjs) for manual runs
import { build } from 'esbuild';

// Native addons and knex (which picks its dialect with dynamic requires) stay in node_modules.
// pdfkit reads its font metrics (.afm) from its own folder at run time, so it stays a package.
const external = ['electron', '@journeyapps/sqlcipher', 'keytar', 'knex', 'pdfkit'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
  // knex lists optional drivers it never loads for sqlite3; keep esbuild from chasing them.
  define: { 'process.env.NODE_ENV': '"production"' },
};

const version = JSON.parse(
  await (await import('node:fs/promises')).readFile('package.json', 'utf8'),
).version;

if (process.argv.includes('--harness')) {
  await build({
    ...common,
    entryPoints: ['tests/harness/cli.ts'],
    outfile: '.tmp/harness.mjs',
    format: 'esm',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
} else {
  await Promise.all([
    build({
      ...common,
      entryPoints: ['main/electron/index.ts'],
      outfile: 'dist/main/index.cjs',
      format: 'cjs',
      define: { ...common.define, __APP_VERSION__: JSON.stringify(version) },
    }),
    // Worker threads (main/workers): one CommonJS file each, loaded by path at run time.
    build({
      ...common,
      entryPoints: [
        'main/workers/audit-verify.ts',
        'main/workers/render-pdf.ts',
        'main/workers/person-record.ts',
        'main/workers/csv-parse.ts',
        'main/workers/seal-pages.ts',
      ],
      outdir: 'dist/main/workers',
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
    }),
    // The sandboxed preload must be a single CommonJS file that requires only 'electron'.
    build({
      ...common,
      entryPoints: ['preload/index.ts'],
      outfile: 'dist/preload/index.cjs',
      format: 'cjs',
    }),
  ]);
}
