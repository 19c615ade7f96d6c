import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export const MISSING_BINARY =
  'Electron binary not installed (it cannot be downloaded on this machine); run npm start once with network to fetch it';

/**
 * Electron's executable, or null if its binary was never downloaded. Read from the files
 * electron's installer leaves (path.txt names the executable under dist/), never through
 * require('electron'), which would try to download it.
 */
export function electronBinary(): string | null {
  const electronDir = join(root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
