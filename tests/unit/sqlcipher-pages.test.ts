import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CIPHER_PAGE_BYTES, openDatabase, openDatabaseChecked } from '../../main/db/connection.js';
import {
  PageCodecError,
  decryptPages,
  encryptPages,
  plainPagesOf,
} from '../../main/platform/sqlcipher-pages.js';
import { tempFolder } from '../support/temp-core.js';

/** The page codec, checked in both directions against SQLCipher itself on real files. */
describe('SQLCipher page codec', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    folder = tempFolder();
  });
  afterEach(() => folder.remove());

  async function sqlcipherFile(key: Buffer, rows = 3000): Promise<string> {
    const file = join(folder.path, 'source.db');
    const db = openDatabase(file, { key });
    await db.schema.createTable('t', (t) => {
      t.increments('id');
      t.string('name');
      t.text('note');
    });
    await db.transaction(async (trx) => {
      for (let i = 0; i < rows; i += 500) {
        await trx('t').insert(
          Array.from({ length: Math.min(500, rows - i) }, (_, j) => ({
            name: `row ${i + j}`,
            note: 'x'.repeat((i + j) % 700),
          })),
        );
      }
    });
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.destroy();
    return file;
  }

  const through = (bytes: Buffer, transform: NodeJS.ReadWriteStream) =>
    buffer(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]).pipe(transform));

  it('decrypts a SQLCipher file into plain pages that re-encrypt into a file SQLCipher opens', async () => {
    const key = randomBytes(32);
    const source = await sqlcipherFile(key);
    const plain = await through(readFileSync(source), decryptPages(key, CIPHER_PAGE_BYTES));
    expect(plain.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(plain.includes(Buffer.from('row 2999'))).toBe(true);

    // Re-encrypted under another key, as a restore does for the practice's current key.
    const other = randomBytes(32);
    const again = await through(plain, encryptPages(other, CIPHER_PAGE_BYTES));
    expect(again.includes(Buffer.from('row 2999'))).toBe(false);
    const target = join(folder.path, 'restored.db');
    writeFileSync(target, again);
    const db = await openDatabaseChecked(target, { key: other });
    expect(await db.raw('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await db('t').count({ n: '*' })).toEqual([{ n: 3000 }]);
    expect(await db('t').where({ id: 2000 }).first('name')).toEqual({ name: 'row 1999' });
    await db.destroy();
  });

  it('decrypts runs of pages (a backup’s way) byte for byte as it decrypts page by page', async () => {
    const key = randomBytes(32);
    const bytes = readFileSync(await sqlcipherFile(key));
    const pageByPage = await through(bytes, decryptPages(key, CIPHER_PAGE_BYTES));
    // Cuts that split pages, so runs start at page 1, mid-file and on a page's last bytes.
    for (const cuts of [[1000], [CIPHER_PAGE_BYTES * 2 + 17, CIPHER_PAGE_BYTES * 5 - 1], [7]]) {
      const pieces = [0, ...cuts, bytes.length].slice(1).map((end, i, ends) => {
        const start = i === 0 ? 0 : (ends[i - 1] as number);
        return bytes.subarray(start, end);
      });
      const runs = await buffer(
        Readable.from(pieces).pipe(
          decryptPages(key, CIPHER_PAGE_BYTES, { authenticate: 'first-page' }),
        ),
      );
      expect(runs.equals(pageByPage)).toBe(true);
    }
    // Read from the file in chunks of whole pages (and of a chunk size that is not), into one
    // buffer used again for each.
    const file = join(folder.path, 'copy.db');
    writeFileSync(file, bytes);
    for (const chunk of [CIPHER_PAGE_BYTES * 3 + 100, 1 << 20]) {
      const read = await buffer(
        Readable.from(plainPagesOf(file, key, CIPHER_PAGE_BYTES, chunk), { objectMode: false }),
      );
      expect(read.equals(pageByPage)).toBe(true);
    }
    writeFileSync(file, bytes.subarray(0, bytes.length - 10));
    await expect(
      buffer(Readable.from(plainPagesOf(file, key, CIPHER_PAGE_BYTES, 1 << 20))),
    ).rejects.toThrow(/ends with a partial page/);
    writeFileSync(file, bytes);
    await expect(
      buffer(Readable.from(plainPagesOf(file, randomBytes(32), CIPHER_PAGE_BYTES, 1 << 20))),
    ).rejects.toThrow(/Page 1 does not authenticate/);
  });

  it('refuses a wrong key, a flipped byte and a cut file, naming the page', async () => {
    const key = randomBytes(32);
    const bytes = readFileSync(await sqlcipherFile(key));
    await expect(through(bytes, decryptPages(randomBytes(32), CIPHER_PAGE_BYTES))).rejects.toThrow(
      /Page 1 does not authenticate/,
    );
    const flipped = Buffer.from(bytes);
    flipped.writeUInt8(
      flipped.readUInt8(CIPHER_PAGE_BYTES * 3 + 100) ^ 1,
      CIPHER_PAGE_BYTES * 3 + 100,
    );
    await expect(through(flipped, decryptPages(key, CIPHER_PAGE_BYTES))).rejects.toThrow(
      /Page 4 does not authenticate/,
    );
    await expect(
      through(bytes.subarray(0, bytes.length - 10), decryptPages(key, CIPHER_PAGE_BYTES)),
    ).rejects.toBeInstanceOf(PageCodecError);
  });

  it('will not encrypt a plain database that has no room reserved for SQLCipher', async () => {
    const file = join(folder.path, 'plain.db');
    const db = openDatabase(file, { key: null });
    await db.schema.createTable('t', (t) => t.increments('id'));
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.destroy();
    await expect(
      through(readFileSync(file), encryptPages(randomBytes(32), CIPHER_PAGE_BYTES)),
    ).rejects.toThrow(/no room reserved/);
  });
});
