import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { builtWorkersFolder } from './build-workers.js';
import { OWNER, TEST_PASSWORD_KDF } from './temp-core.js';

/** The checkout: children run here so their bare imports (knex, sqlite3) resolve to node_modules. */
export const checkoutRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles `contents` (TypeScript importing `./main/…` from the checkout) into a child script
 * under node_modules/.cache, inside the checkout. Packages stay external unless `external`
 * names the only ones to leave out of the bundle.
 */
export async function buildChildScript(
  name: string,
  contents: string,
  external?: string[],
): Promise<string> {
  const outfile = join(
    checkoutRoot,
    'node_modules',
    '.cache',
    'hourkeep-tests',
    `${name}-${process.pid}.mjs`,
  );
  await build({
    stdin: { contents, resolveDir: checkoutRoot, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    ...(external ? { external } : { packages: 'external' as const }),
  });
  return outfile;
}

/**
 * The arguments a child opening the core of `folder` as the tests do reads first, in order:
 * folder, workersFolder, kdf (JSON) and the owner's password.
 */
export const childCoreArgs = (folder: string) => [
  folder,
  builtWorkersFolder(),
  JSON.stringify(TEST_PASSWORD_KDF),
  OWNER.password,
];

/**
 * Child-script source: opens `core` on the arguments childCoreArgs gives (any further ones in
 * `extra`), with `options` (source) added to openCore's; defines `call(name, input)` on it,
 * throwing on an error envelope; signs the owner in and prints O.
 */
export const childSignedIn = (options = '') => `
  import { openCore } from './main/core.ts';
  import { createKeytarSecretStore } from './main/platform/keytar-secret-store.ts';
  const [folder, workersFolder, kdf, owner, ...extra] = process.argv.slice(2);
  const core = await openCore({
    dataFolder: folder,
    version: '0.0.0-test',
    secrets: createKeytarSecretStore('Hourkeep (test)'),
    passwordKdf: JSON.parse(kdf),
    workersFolder,
    ${options}
  });
  const call = async (name, input) => {
    const res = await core.invoke(name, input);
    if (!res.ok) throw new Error(name + ': ' + JSON.stringify(res.error));
    return res.value;
  };
  await call('auth.signIn', { username: 'owner', password: owner });
  process.stdout.write('O');`;

/**
 * Runs a child script and kills it with SIGKILL `killAfterMs` after it prints `marker` (after
 * start when there is no marker; never when `killAfterMs` is null). Resolves with what it printed
 * once killed, or once it exits 0 where `exitOk`; any other end fails with its stderr.
 */
export function runChildKilled(
  script: string,
  args: string[],
  options: { killAfterMs: number | null; marker?: string; exitOk: boolean },
): Promise<string> {
  const { killAfterMs, marker, exitOk } = options;
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: checkoutRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    };
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (marker && timer === undefined && out.includes(marker)) arm();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    if (!marker) arm();
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' || (exitOk && code === 0)) ok(out);
      else fail(new Error(`child exited ${code}: ${err}`));
    });
  });
}
