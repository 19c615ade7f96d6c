import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
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

/** Collects input into whole pages; `onPage` gets each one with its 1-based number. */
function pageTransform(
  pageSize: number,
  onPage: (page: Buffer, number: number) => Buffer,
  what: string,
): Transform {
  let pending: Buffer = Buffer.alloc(0);
  let number = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const whole = Math.floor(pending.length / pageSize);
      try {
        const out: Buffer[] = [];
        for (let i = 0; i < whole; i++) {
          number += 1;
          out.push(onPage(pending.subarray(i * pageSize, (i + 1) * pageSize), number));
        }
        pending = Buffer.from(pending.subarray(whole * pageSize));
        done(null, out.length ? Buffer.concat(out) : undefined);
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      if (pending.length !== 0) {
        return done(
          new PageCodecError(`The ${what} ends with a partial page (${pending.length} bytes)`),
        );
      }
      if (number === 0) return done(new PageCodecError(`The ${what} holds no pages`));
      done();
    },
  });
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

/** SQLCipher file bytes in, plain SQLite file bytes out; every page's HMAC is checked. */
export function decryptPages(key: Buffer, pageSize: number): Transform {
  let hmacKey: Buffer | null = null;
  return pageTransform(
    pageSize,
    (page, number) => {
      if (number === 1) hmacKey = pageHmacKey(key, page);
      const plain = decryptPage(key, hmacKey as Buffer, page, number);
      if (!plain) {
        throw new PageCodecError(`Page ${number} does not authenticate under this key`);
      }
      if (number === 1 && plain[20] !== SQLCIPHER_RESERVE) {
        throw new PageCodecError('Page 1 does not describe a SQLCipher database');
      }
      return plain;
    },
    'encrypted database',
  );
}

/**
 * Plain SQLite file bytes in (pages with SQLCipher's 80 reserved bytes, as `decryptPages`
 * gives them), SQLCipher file bytes out, under a fresh salt and fresh IVs.
 */
export function encryptPages(key: Buffer, pageSize: number): Transform {
  const salt = randomBytes(SALT_BYTES);
  const hmacKey = hmacKeyOf(key, salt);
  const dataEnd = pageSize - SQLCIPHER_RESERVE;
  return pageTransform(
    pageSize,
    (plain, number) => {
      if (number === 1) {
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
      const start = number === 1 ? SALT_BYTES : 0;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      const data = Buffer.concat([cipher.update(plain.subarray(start, dataEnd)), cipher.final()]);
      const mac = createHmac('sha512', hmacKey)
        .update(data)
        .update(iv)
        .update(pageNumber(number))
        .digest();
      const page = Buffer.alloc(pageSize);
      if (number === 1) salt.copy(page, 0);
      data.copy(page, start);
      iv.copy(page, dataEnd);
      mac.copy(page, dataEnd + IV_BYTES);
      return page;
    },
    'database',
  );
}

/** The page size a plain SQLite header states (bytes 16–17; 1 means 65536). */
export function plainPageSize(header: Buffer): number {
  const raw = header.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}
