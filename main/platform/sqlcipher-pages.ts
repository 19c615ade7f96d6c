import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * SQLCipher 4's page format, read and written in Node, so a backup can hold the database's
 * pages compressed (ciphertext does not compress) without a plain copy ever reaching the disk:
 * the backup decrypts a snapshot's pages in memory, compresses and encrypts them as a whole; a
 * restore turns them back into SQLCipher pages as it writes the file.
 *
 * The format (https://www.zetetic.net/sqlcipher/design/, SQLCipher 4 defaults, raw key):
 * - page 1 starts with a random 16-byte salt in place of "SQLite format 3\0";
 * - each page's data (page 1 from byte 16) is AES-256-CBC under the raw key, with a random IV
 *   stored after the data, then HMAC-SHA512 over data ‖ IV ‖ page number (uint32 LE);
 * - the HMAC key is PBKDF2-HMAC-SHA512 of the raw key, 2 iterations, salt = file salt ⊕ 0x3a;
 * - 80 bytes are reserved at the end of every page (16 IV + 64 HMAC), which the plain pages
 *   carry as SQLite "reserved space" (header byte 20), so a page round-trips byte for byte.
 *
 * Tests check both directions against SQLCipher itself (tests/unit/sqlcipher-pages.test.ts).
 */
export const SQLCIPHER_RESERVE = 80;
const SALT_BYTES = 16;
const IV_BYTES = 16;
const HMAC_BYTES = 64;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export class PageCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageCodecError';
  }
}

const hmacKeyOf = (key: Buffer, salt: Buffer): Buffer =>
  pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');

const pageNumber = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/**
 * Collects input into whole pages; `onPages` gets each run of whole pages at once, with the
 * 1-based number of its first page (runs of about a chunk: a megabyte from a file stream).
 */
function pageRunTransform(
  pageSize: number,
  onPages: (pages: Buffer, firstNumber: number) => Buffer,
  what: string,
): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let number = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const whole = Math.floor(pending.length / pageSize);
      try {
        const out = whole ? onPages(pending.subarray(0, whole * pageSize), number + 1) : null;
        number += whole;
        pending = Buffer.from(pending.subarray(whole * pageSize));
        done(null, out ?? undefined);
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      const problem = pageRunProblem(pending.length, number > 0, what);
      done(problem ? new PageCodecError(problem) : undefined);
    },
  });
}

/** Collects input into whole pages; `onPage` gets each one with its 1-based number. */
function pageTransform(
  pageSize: number,
  onPage: (page: Buffer, number: number) => Buffer,
  what: string,
): Transform {
  return pageRunTransform(
    pageSize,
    (pages, first) => {
      const out: Buffer[] = [];
      for (let i = 0; i * pageSize < pages.length; i++)
        out.push(onPage(pages.subarray(i * pageSize, (i + 1) * pageSize), first + i));
      return Buffer.concat(out);
    },
    what,
  );
}

/** The page-HMAC key of a file, from its raw key and the salt at the start of its page 1. */
export const pageHmacKey = (key: Buffer, salt: Buffer): Buffer =>
  hmacKeyOf(key, salt.subarray(0, SALT_BYTES));

/**
 * One page of a SQLCipher file (or of a write-ahead log frame, numbered as the frame says),
 * decrypted; null when its HMAC does not authenticate under this key. Page 1 gets SQLite's
 * header string back in place of the salt.
 */
export function decryptPage(key: Buffer, hmacKey: Buffer, page: Buffer, number: number) {
  const pageSize = page.length;
  const dataEnd = pageSize - SQLCIPHER_RESERVE;
  const start = number === 1 ? SALT_BYTES : 0;
  const data = page.subarray(start, dataEnd);
  const iv = page.subarray(dataEnd, dataEnd + IV_BYTES);
  const mac = page.subarray(dataEnd + IV_BYTES, dataEnd + IV_BYTES + HMAC_BYTES);
  const want = createHmac('sha512', hmacKey)
    .update(data)
    .update(iv)
    .update(pageNumber(number))
    .digest();
  if (!want.equals(mac)) return null;
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  const plain = Buffer.alloc(pageSize);
  if (number === 1) SQLITE_MAGIC.copy(plain, 0);
  Buffer.concat([decipher.update(data), decipher.final()]).copy(plain, start);
  return plain;
}

/**
 * SQLCipher file bytes in, plain SQLite file bytes out. By default every page's HMAC is checked.
 * With `authenticate: 'first-page'` only page 1's is (it proves the key), and the other pages
 * are decrypted in runs by one AES-CBC call each, about ten times faster: for a snapshot whose
 * pages SQLCipher itself authenticates as it reads them (the backup's integrity_check, which
 * must pass before the backup takes its name), where checking them again in JS is waste.
 */
export function decryptPages(
  key: Buffer,
  pageSize: number,
  options: { authenticate?: 'every-page' | 'first-page' } = {},
): Transform {
  let hmacKey: Buffer | null = null;
  const checked = (page: Buffer, number: number) => {
    if (number === 1) {
      hmacKey = pageHmacKey(key, page);
      return checkedFirstPage(key, page, hmacKey);
    }
    const plain = decryptPage(key, hmacKey as Buffer, page, number);
    if (!plain) {
      throw new PageCodecError(`Page ${number} does not authenticate under this key`);
    }
    return plain;
  };
  if (options.authenticate !== 'first-page') {
    return pageTransform(pageSize, checked, 'encrypted database');
  }
  return pageRunTransform(
    pageSize,
    (pages, first) =>
      first === 1 ? decryptFirstRun(key, pageSize, pages) : decryptRun(key, pageSize, pages),
    'encrypted database',
  );
}

/**
 * The plain pages of the SQLCipher file `file`, `chunkBytes` at a time, as `decryptPages` with
 * `authenticate: 'first-page'` gives them (only page 1's HMAC is checked: it proves the key).
 * The file is read into one buffer used again for every chunk, so a backup of a large practice
 * allocates one buffer per chunk (the plain pages) instead of two: each large allocation counts
 * toward V8's next full garbage collection, which a backup otherwise runs every few megabytes.
 */
export async function* plainPagesOf(
  file: string,
  key: Buffer,
  pageSize: number,
  chunkBytes: number,
): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) throw new PageCodecError('The encrypted database holds no pages');
    if (size % pageSize !== 0) {
      throw new PageCodecError(
        `The encrypted database ends with a partial page (${size % pageSize} bytes)`,
      );
    }
    const pagesPerChunk = Math.max(1, Math.floor(chunkBytes / pageSize));
    const buffer = Buffer.allocUnsafe(pagesPerChunk * pageSize);
    for (let at = 0; at < size;) {
      const want = Math.min(buffer.length, size - at);
      const { bytesRead } = await handle.read(buffer, 0, want, at);
      if (bytesRead !== want)
        throw new PageCodecError('The encrypted database changed as it was read');
      const pages = buffer.subarray(0, want);
      yield at === 0 ? decryptFirstRun(key, pageSize, pages) : decryptRun(key, pageSize, pages);
      at += want;
    }
  } finally {
    await handle.close();
  }
}

const ZERO_IV = Buffer.alloc(IV_BYTES);

/** Page 1 decrypted, once its HMAC proves the key and it describes a SQLCipher database. */
function checkedFirstPage(key: Buffer, page: Buffer, hmacKey = pageHmacKey(key, page)): Buffer {
  const plain = decryptPage(key, hmacKey, page, 1);
  if (!plain) throw new PageCodecError('Page 1 does not authenticate under this key');
  if (plain[20] !== SQLCIPHER_RESERVE) {
    throw new PageCodecError('Page 1 does not describe a SQLCipher database');
  }
  return plain;
}

/** A run of pages that starts with page 1: page 1 checked, the rest as decryptRun does them. */
function decryptFirstRun(key: Buffer, pageSize: number, pages: Buffer): Buffer {
  const one = checkedFirstPage(key, pages.subarray(0, pageSize));
  if (pages.length === pageSize) return one;
  return Buffer.concat([one, decryptRun(key, pageSize, pages.subarray(pageSize))]);
}

/**
 * Decrypts a run of pages other than page 1 in one CBC call over the run as it lies, with a
 * zero IV. CBC decrypts each block and XORs it with the ciphertext block before it, so every
 * block comes out right but each page's first, which was XORed with the end of the page before
 * (or the zero IV) instead of the page's own IV: one 16-byte XOR puts it right. The reserved
 * bytes (IV and HMAC, decrypted to noise) are zeroed, as decryptPage leaves them. One buffer
 * out, no copies: a backup passes every page of the database through here.
 */
function decryptRun(key: Buffer, pageSize: number, pages: Buffer): Buffer {
  const dataBytes = pageSize - SQLCIPHER_RESERVE;
  const count = pages.length / pageSize;
  const decipher = createDecipheriv('aes-256-cbc', key, ZERO_IV).setAutoPadding(false);
  const plain = decipher.update(pages);
  for (let i = 0; i < count; i++) {
    const at = i * pageSize;
    const iv = at + dataBytes;
    for (let b = 0; b < IV_BYTES; b++) {
      const before = i === 0 ? 0 : (pages[at - IV_BYTES + b] as number);
      plain[at + b] = (plain[at + b] as number) ^ before ^ (pages[iv + b] as number);
    }
    plain.fill(0, iv, at + pageSize);
  }
  return plain;
}

/** Checks that plain page 1 is an SQLite header this codec can encrypt. */
function assertEncryptable(plain: Buffer, pageSize: number): void {
  if (!plain.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new PageCodecError('The data is not an SQLite database');
  }
  if (plain.readUInt16BE(16) !== (pageSize === 65536 ? 1 : pageSize)) {
    throw new PageCodecError(`The database's page size is not ${pageSize} bytes`);
  }
  if (plain[20] !== SQLCIPHER_RESERVE) {
    throw new PageCodecError('The database has no room reserved for SQLCipher');
  }
}

/**
 * Plain SQLite file bytes in (pages with SQLCipher's 80 reserved bytes, as `decryptPages`
 * gives them), SQLCipher file bytes out, under a fresh salt and fresh IVs, in rollback-journal
 * mode.
 *
 * Pages after the first are encrypted in runs by one CBC call: a random block in front of each
 * page's data (in the reserved tail of the page before) has a uniformly random ciphertext,
 * which is that page's IV, exactly as if the page had been encrypted on its own under that IV.
 * The input's reserved bytes are overwritten: it is consumed.
 */
export function encryptPages(key: Buffer, pageSize: number): Transform {
  const seal = pageSealer(key, pageSize, newPageSalt());
  return pageRunTransform(pageSize, seal, 'database');
}

/** Turns plain pages into a SQLCipher file's bytes under `key`: encryptPages, or the same in
 * worker threads (page-seal-threads.ts). */
export type PageSealing = (key: Buffer, pageSize: number) => Transform;

/** The salt a new SQLCipher file starts with (its page HMAC key derives from it). */
export const newPageSalt = (): Buffer => randomBytes(SALT_BYTES);

/**
 * What `encryptPages` does to each run of whole plain pages, given the run's first page number:
 * a worker thread seals runs with it too (main/workers/seal-pages.ts), every thread under the
 * same `salt`, so their runs make one file.
 */
export function pageSealer(
  key: Buffer,
  pageSize: number,
  salt: Buffer,
): (plain: Buffer, first: number) => Buffer {
  const hmacKey = hmacKeyOf(key, salt);
  const dataEnd = pageSize - SQLCIPHER_RESERVE;
  const seal = (page: Buffer, number: number) =>
    createHmac('sha512', hmacKey)
      .update(page.subarray(number === 1 ? SALT_BYTES : 0, dataEnd + IV_BYTES))
      .update(pageNumber(number))
      .digest()
      .copy(page, dataEnd + IV_BYTES);
  const firstPage = (given: Buffer) => {
    assertEncryptable(given, pageSize);
    // The file starts in rollback-journal mode (header bytes 18–19), as VACUUM INTO writes
    // one: a snapshot copied from the live file says WAL, and a read-only open of a WAL file
    // leaves -wal and -shm files beside it. The app turns WAL on when it opens it to write.
    const plain = Buffer.from(given);
    plain[18] = 1;
    plain[19] = 1;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const page = Buffer.alloc(pageSize);
    salt.copy(page, 0);
    Buffer.concat([cipher.update(plain.subarray(SALT_BYTES, dataEnd)), cipher.final()]).copy(
      page,
      SALT_BYTES,
    );
    iv.copy(page, dataEnd);
    seal(page, 1);
    return page;
  };
  const run = (plain: Buffer, first: number) => {
    const count = plain.length / pageSize;
    // Each page's last 16 bytes (reserved: its HMAC's tail, written last) get a random block,
    // in place; CBC over the whole run then chains every page's first block to that block's
    // ciphertext, a uniformly random block, which becomes the page's IV: exactly as if the
    // page had been encrypted on its own under that IV. The run's first page takes the
    // cipher's own random IV. One call, and its output is the file's bytes.
    const blocks = randomBytes(count * IV_BYTES);
    for (let i = 0; i < count; i++) {
      blocks.copy(plain, (i + 1) * pageSize - IV_BYTES, i * IV_BYTES, (i + 1) * IV_BYTES);
    }
    const runIv = randomBytes(IV_BYTES);
    const sealed = createCipheriv('aes-256-cbc', key, runIv).setAutoPadding(false).update(plain);
    let iv = runIv;
    let next = Buffer.allocUnsafe(IV_BYTES);
    for (let i = 0; i < count; i++) {
      const at = i * pageSize;
      // The next page's IV lies in this page's reserve, which sealing this page overwrites.
      sealed.copy(next, 0, at + pageSize - IV_BYTES, at + pageSize);
      iv.copy(sealed, at + dataEnd);
      seal(sealed.subarray(at, at + pageSize), first + i);
      [iv, next] = [next, iv];
    }
    return sealed;
  };
  return (plain, first) => {
    if (first !== 1) return run(plain, first);
    const one = firstPage(plain.subarray(0, pageSize));
    if (plain.length === pageSize) return one;
    return Buffer.concat([one, run(plain.subarray(pageSize), 2)]);
  };
}

/** Why plain pages cannot be sealed: a partial page at the end, or none at all. */
export function pageRunProblem(
  partialBytes: number,
  anyPages: boolean,
  what: string,
): string | null {
  if (partialBytes !== 0) return `The ${what} ends with a partial page (${partialBytes} bytes)`;
  if (!anyPages) return `The ${what} holds no pages`;
  return null;
}

/** The page size a plain SQLite header states (bytes 16–17; 1 means 65536). */
export function plainPageSize(header: Buffer): number {
  const raw = header.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}
