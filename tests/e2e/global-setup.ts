import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Newest modification time among the files under `dir` (0 when it doesn't exist). */
function newest(dir: string): number {
  let latest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The harness serves the built renderer (dist/renderer): build it before any spec, unless the
 * build is newer than every renderer source (as after `npm run build` in CI).
 */
export default function globalSetup() {
  const built = mtime(join(root, 'dist/renderer/index.html'));
  const sources = Math.max(
    newest(join(root, 'renderer')),
    newest(join(root, 'shared')),
    mtime(join(root, 'package-lock.json')),
  );
  if (built > sources) return;
  execFileSync('npm', ['run', '--silent', 'build:renderer'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
