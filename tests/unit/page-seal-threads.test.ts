import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CIPHER_PAGE_BYTES, openDatabase, openDatabaseChecked } from '../../main/db/connection.js';
import { encryptPagesInThreads } from '../../main/platform/page-seal-threads.js';
import { PageCodecError, decryptPages } from '../../main/platform/sqlcipher-pages.js';
import { builtWorkersFolder } from '../support/build-workers.js';
import { tempFolder } from '../support/temp-core.js';

/**
 * A restore's page sealing spread over worker threads (the real built script): the file it
 * writes is one SQLCipher file, whatever the threads and however the input is cut.
 */
describe('page sealing in worker threads', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    folder = tempFolder();
  });
  afterEach(() => folder.remove());
  const script = () => join(builtWorkersFolder(), 'seal-pages.cjs');

  /** A plain SQLite file with SQLCipher's reserve, as a backup holds its pages. */
  async function plainPages(rows: number): Promise<Buffer> {
    const key = randomBytes(32);
    const file = join(folder.path, 'source.db');
    const db = openDatabase(file, { key });
    await db.schema.createTable('t', (t) => {
      t.increments('id');
      t.text('note');
    });
    await db.transaction(async (trx) => {
      for (let i = 0; i < rows; i += 500)
        await trx('t').insert(
          Array.from({ length: Math.min(500, rows - i) }, (_, j) => ({
            note: `row ${i + j} ${'y'.repeat((i + j) % 900)}`,
          })),
        );
    });
    await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.destroy();
    return buffer(Readable.from([readFileSync(file)]).pipe(decryptPages(key, CIPHER_PAGE_BYTES)));
  }

  const cut = (bytes: Buffer, size: number) =>
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
      bytes.subarray(i * size, (i + 1) * size),
    );

  it('writes a file SQLCipher opens whole, for any number of threads and any cut of the input', async () => {
    const plain = await plainPages(12_000);
    // Several runs of a megabyte each, so every thread gets some and they come back in order.
    expect(plain.length).toBeGreaterThan(3 * 1024 * 1024);
    for (const [threads, size] of [
      [1, 1 << 20],
      [3, 1000],
      [2, CIPHER_PAGE_BYTES * 7 + 3],
    ] as const) {
      const key = randomBytes(32);
      const sealed = await buffer(
        Readable.from(cut(plain, size)).pipe(
          encryptPagesInThreads(key, CIPHER_PAGE_BYTES, script(), threads),
        ),
      );
      expect(sealed.length).toBe(plain.length);
      expect(sealed.includes(Buffer.from('row 11999'))).toBe(false);
      // Every page authenticates under the key, and decrypts to the page that went in.
      const back = await buffer(Readable.from([sealed]).pipe(decryptPages(key, CIPHER_PAGE_BYTES)));
      expect(back.subarray(100).equals(plain.subarray(100))).toBe(true);
      const target = join(folder.path, `sealed-${threads}.db`);
      writeFileSync(target, sealed);
      const db = await openDatabaseChecked(target, { key });
      expect(await db.raw('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(await db('t').count({ n: '*' })).toEqual([{ n: 12_000 }]);
      await db.destroy();
    }
  });

  it('refuses a cut page, no pages and bytes that are not a database, as the codec does', async () => {
    const plain = await plainPages(3000);
    const seal = () => encryptPagesInThreads(randomBytes(32), CIPHER_PAGE_BYTES, script(), 2);
    const run = (pieces: Buffer[]) => buffer(Readable.from(pieces).pipe(seal()));
    await expect(run([plain.subarray(0, plain.length - 10)])).rejects.toThrow(
      /ends with a partial page \(4086 bytes\)/,
    );
    await expect(run([])).rejects.toThrow(/holds no pages/);
    const notDatabase = run([randomBytes(CIPHER_PAGE_BYTES * 4)]);
    await expect(notDatabase).rejects.toBeInstanceOf(PageCodecError);
    await expect(notDatabase).rejects.toThrow(/not an SQLite database/);
  });

  it('fails, rather than waits, when its thread cannot start', async () => {
    const plain = await plainPages(3000);
    const missing = join(folder.path, 'no-such-script.cjs');
    await expect(
      buffer(
        Readable.from([plain]).pipe(
          encryptPagesInThreads(randomBytes(32), CIPHER_PAGE_BYTES, missing, 2),
        ),
      ),
    ).rejects.toThrow();
  });
});
