import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decryptPage, pageHmacKey } from '../../main/platform/sqlcipher-pages.js';

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

/** Every spelling of the needles a page could hold: as given and lower-cased, UTF-8 and UTF-16LE. */
function spellings(needles: readonly string[]) {
  return needles.flatMap((n) =>
    [...new Set([n, n.toLowerCase()])].flatMap((v) => [
      { needle: n, bytes: Buffer.from(v, 'utf8') },
      { needle: n, bytes: Buffer.from(v, 'utf16le') },
    ]),
  );
}

export interface PageScan {
  /** Pages (database pages and log frames) that decrypted and were searched. */
  pages: number;
  /** Pages that did not authenticate under the key, so could not be searched. */
  unreadable: string[];
  found: { file: string; page: string; needle: string }[];
}

/**
 * Decrypts every page of a SQLCipher database file under its raw key (free pages included) and
 * every frame of its write-ahead log, live or left over from earlier, and searches them for the
 * needles. `salt` is the database's (its first 16 bytes), which its log shares.
 */
export async function encryptedPagesHolding(
  databaseFile: string,
  key: Buffer,
  needles: readonly string[],
  pageSize = 4096,
): Promise<PageScan> {
  const scan: PageScan = { pages: 0, unreadable: [], found: [] };
  const patterns = spellings(needles);
  const database = await readFile(databaseFile);
  const hmacKey = pageHmacKey(key, database.subarray(0, 16));
  const search = (file: string, label: string, page: Buffer, number: number) => {
    const plain = decryptPage(key, hmacKey, page, number);
    if (!plain) return void scan.unreadable.push(`${file} ${label}`);
    scan.pages++;
    const hit = patterns.find((p) => plain.includes(p.bytes));
    if (hit) scan.found.push({ file, page: label, needle: hit.needle });
  };
  for (let n = 1; n * pageSize <= database.length; n++) {
    search(databaseFile, `page ${n}`, database.subarray((n - 1) * pageSize, n * pageSize), n);
  }
  // The log: a 32-byte header, then frames of a 24-byte header (page number first) and a page.
  const walFile = `${databaseFile}-wal`;
  const wal = await readFile(walFile).catch(() => Buffer.alloc(0));
  const frame = 24 + pageSize;
  for (let at = 32, i = 1; at + frame <= wal.length; at += frame, i++) {
    const number = wal.readUInt32BE(at);
    if (number === 0) continue;
    search(walFile, `frame ${i} (page ${number})`, wal.subarray(at + 24, at + frame), number);
  }
  return scan;
}
