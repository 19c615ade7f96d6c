import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Personal data the tests put in (email domains and names no random bytes would spell): none
 * may ever be found in clear in a data folder, its tmp/ or its backups.
 */
export const CANARIES = [
  '@example.org',
  '@lakeside.example',
  'Natarajan',
  'Okafor',
  'Pemberton',
  'Zephyrine',
] as const;

/** Every file under `folder` that holds one of `needles` in clear (UTF-8 or UTF-16LE). */
export async function filesHolding(
  folder: string,
  needles: readonly string[] = CANARIES,
): Promise<{ file: string; needle: string }[]> {
  const found: { file: string; needle: string }[] = [];
  const patterns = needles.flatMap((n) => [
    { needle: n, bytes: Buffer.from(n, 'utf8') },
    { needle: n, bytes: Buffer.from(n, 'utf16le') },
  ]);
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const bytes = await readFile(path).catch(() => Buffer.alloc(0));
        for (const p of patterns) {
          if (bytes.includes(p.bytes)) {
            found.push({ file: path, needle: p.needle });
            break;
          }
        }
      }
    }
  }
  await walk(folder);
  return found;
}
