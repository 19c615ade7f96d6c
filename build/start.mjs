// `npm start`: fetch Electron's binary if it is missing, build, and run the app.
//
// Electron's own postinstall download is switched off (package.json "allowScripts"), so the
// binary arrives here, on first start, through electron's install script. We check for it
// by file rather than `require('electron')`, which would try to download it as a side effect.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const electronPackage = join(root, 'node_modules', 'electron');
const pathFile = join(electronPackage, 'path.txt');

/** The Electron executable, or null when it is not installed (path.txt names it under dist/). */
function electronBinary() {
  if (!existsSync(pathFile)) return null;
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function run(command, args, shell = false) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', shell }).status;
}

if (!existsSync(electronPackage)) {
  console.error('start: node_modules/electron is missing; run `npm install` first.');
  process.exit(1);
}

if (!electronBinary()) {
  console.log('start: Electron binary not installed; fetching it once (needs network)…');
  const status = run(process.execPath, [join(electronPackage, 'install.js')]);
  if (status !== 0 || !electronBinary()) {
    console.error(
      '\nstart: could not download Electron. Fetching it needs network access to GitHub ' +
        '(or an ELECTRON_MIRROR) once; after that `npm start` works offline.\n' +
        'The tests do not need it: `npm test` runs the app logic in Node and skips the ' +
        'Electron specs.',
    );
    process.exit(1);
  }
}

// Through npm's own CLI when started by npm (works the same on Windows, where npm is a .cmd).
const built = process.env.npm_execpath
  ? run(process.execPath, [process.env.npm_execpath, 'run', 'build'])
  : run('npm', ['run', 'build'], process.platform === 'win32');
if (built !== 0) {
  console.error('start: build failed.');
  process.exit(1);
}

// ELECTRON_RUN_AS_NODE would make the binary a plain Node interpreter instead of the app.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electronBinary() ?? 'electron', ['.'], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (err) => {
  console.error('start: could not launch Electron:', err.message);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
