import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  type Cipher,
  type Decipher,
} from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { MEMBER_BYTES, parallelGzip } from './parallel-gzip.js';
import { z } from 'zod';
import { BACKUP_TIERS } from '../../shared/domain/backups.js';
import { decryptPages, encryptPages, plainPagesOf, type PageSealing } from './sqlcipher-pages.js';

/**
 * The backup file: self-describing, so it restores on a machine that has never seen it.
 *
 *   "HKBACKUP" | format (1 byte) | header length (uint32 BE) | header JSON |
 *   IV (12) | AES-256-GCM ciphertext of gzip(database pages) | GCM tag (16)
 *
 * Everything before the IV is the GCM additional data, so a changed header fails the tag just as
 * a changed byte of data does. The header is readable without the key: it says what the file is
 * and carries the data key wrapped by the recovery code, and the key slots' escrow (sealed under
 * the data key), so the practice restores on a new computer with its people's passwords.
 *
 * Format 2 (encrypted database): the pages of the SQLCipher snapshot, decrypted in memory only
 * (main/platform/sqlcipher-pages.ts), so they compress; a restore re-encrypts them as it writes.
 * Format 1 (before encryption): gzip of a plain SQLite file. Still restored, through a plain
 * staging file that is overwritten and removed at once (README, "Keys").
 * Format 3 (a restore's safety copy): the SQLCipher database file byte for byte, not compressed
 * (its pages are ciphertext already), so making it costs a file copy and one AES-GCM pass.
 *
 * Format 4 (a practice on its PostgreSQL server, issue 21): pg_dump's custom-format archive of the
 * practice's schema, as pg_dump streams it (it compresses its own data), with what it holds
 * sealed in the header for the restore's preview and its final check.
 *
 * gzip data may hold several members (written in parallel, main/platform/parallel-gzip.ts);
 * format 2 files from earlier versions hold one. Both read the same.
 */
const MAGIC = Buffer.from('HKBACKUP', 'ascii');
export const BACKUP_FORMAT = 2;
const READABLE_FORMATS = [1, 2, 3, 4];
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX_BYTES = MAGIC.length + 1 + 4;
/** Headers are small; a larger length means the file is not ours or is damaged. */
const MAX_HEADER_BYTES = 64 * 1024;
export const BACKUP_EXTENSION = '.hkbackup';

const wrappedKeySchema = z.object({
  v: z.literal(1),
  kdf: z.literal('scrypt'),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
  salt: z.string(),
  iv: z.string(),
  tag: z.string(),
  key: z.string(),
});

const sealedSchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() });

/** Format 1 headers, written before encryption at rest. */
const headerV1Schema = z.object({
  format: z.literal(1),
  appVersion: z.string(),
  schemaVersion: z.number().int().positive(),
  createdAt: z.string(),
  tier: z.enum(BACKUP_TIERS),
  practiceName: z.string().nullable(),
  /** Identifies the backup key without revealing it: tells a wrong key from a damaged file. */
  keyId: z.string(),
  wrappedKey: wrappedKeySchema,
  compression: z.literal('gzip'),
  cipher: z.literal('aes-256-gcm'),
  /** Size of the SQLite file inside, for the restore's space check and the list. */
  databaseBytes: z.number().int().nonnegative(),
});

const headerV2Schema = headerV1Schema.extend({
  format: z.literal(2),
  /** The practice the backup belongs to (its key file's id). */
  practiceId: z.string().min(1),
  /** The key slots' escrow, sealed under the data key (main/platform/key-slots.ts). */
  escrow: sealedSchema,
  /** The payload: the database's pages in clear inside the encryption, this size each. */
  payload: z.literal('sqlcipher-pages'),
  pageSize: z.number().int().min(512).max(65536),
  /**
   * The audit trail's head inside, sealed under the audit key: a restore refuses a backup whose
   * trail is shorter than it was when the backup was made.
   */
  auditAnchor: z
    .object({
      lastId: z.number().int().nonnegative(),
      lastHmac: z.string(),
      count: z.number().int().nonnegative(),
      at: z.string(),
      mac: z.string(),
    })
    .optional(),
});

/** A safety copy: the SQLCipher file as it is, under the database key of `wrappedKey`'s data key. */
const headerV3Schema = headerV2Schema.extend({
  format: z.literal(3),
  compression: z.literal('none'),
  payload: z.literal('sqlcipher-file'),
});

/** A practice on its server: pg_dump's archive of its schema, made in one snapshot. */
const headerV4Schema = headerV2Schema.omit({ pageSize: true }).extend({
  format: z.literal(4),
  compression: z.literal('none'),
  payload: z.literal('pg-dump-custom'),
  /** The schema the practice's tables are in on its server (pg_dump -n). */
  schema: z.string().min(1),
  /**
   * What the archive holds (a DatabaseSummary), counted in pg_dump's snapshot and sealed under
   * the backup key: the restore's preview, and the counts the restore must end with.
   */
  summary: sealedSchema,
});

export const backupHeaderSchema = z.discriminatedUnion('format', [
  headerV1Schema,
  headerV2Schema,
  headerV3Schema,
  headerV4Schema,
]);
export type BackupHeader = z.infer<typeof backupHeaderSchema>;
export type BackupHeaderV2 = z.infer<typeof headerV2Schema>;
export type ServerBackupHeader = z.infer<typeof headerV4Schema>;
type Described = 'format' | 'keyId' | 'compression' | 'cipher' | 'payload';
type HeaderFields = Omit<BackupHeaderV2, Described>;
export type ServerHeaderFields = Omit<ServerBackupHeader, Described>;
/** What seals the summary in a format 4 header to that header's practice and time. */
export const summaryAad = (practiceId: string, createdAt: string): string =>
  `hourkeep backup summary v1|${practiceId}|${createdAt}`;

/** Why a backup file cannot be used; `message` is written for the person restoring. */
export class BackupFileError extends Error {
  constructor(
    readonly reason: 'not-a-backup' | 'unsupported' | 'truncated' | 'damaged' | 'wrong-key',
    message: string,
  ) {
    super(message);
    this.name = 'BackupFileError';
  }
}

export const backupKeyId = (backupKey: Buffer): string =>
  createHmac('sha256', backupKey).update('hourkeep backup key id').digest('hex').slice(0, 16);

function prefixFor(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt8(header.format, MAGIC.length);
  prefix.writeUInt32BE(json.length, MAGIC.length + 1);
  return Buffer.concat([prefix, json]);
}

/** A name no listing mistakes for a backup, in the target's folder so the rename is atomic. */
const partialName = (target: string) =>
  join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);

/** The app's gzip level: on SQLite pages, level 3 is about twice as fast as 6 for 15% more. */
export const BACKUP_GZIP_LEVEL = 3;

/**
 * Compresses and encrypts the SQLCipher snapshot `databaseFile` into `target`: its pages are
 * decrypted with `pageKey` in memory, compressed and encrypted as a whole under `backupKey`. The
 * bytes go to a temporary file that is flushed to disk and only then renamed into place, so no
 * partial file ever carries a backup's name, whatever happens mid-way.
 *
 * Only page 1's HMAC is checked here (it proves `pageKey`); the others are SQLCipher's to check,
 * so `beforeRename` must run the snapshot's quick_check (backups.create does), unless
 * `checkPages` asks for every page to be authenticated here.
 */
export async function writeBackupFile(options: {
  databaseFile: string;
  /** The snapshot's SQLCipher key. */
  pageKey: Buffer;
  target: string;
  backupKey: Buffer;
  header: HeaderFields;
  gzipLevel?: number;
  /** gzip members compressing at once, asked before each (parallel-gzip.ts). */
  gzipInFlight?: () => number;
  checkPages?: boolean;
  /**
   * Must resolve before the file takes the backup's name; when it rejects, nothing is left
   * behind. Lets a check of the source (its integrity check) run while this compresses.
   */
  beforeRename?: () => Promise<void>;
}): Promise<{ bytes: number; header: BackupHeader }> {
  const kind = { format: 2, compression: 'gzip', payload: 'sqlcipher-pages' } as const;
  return sealInto(options, kind, options.beforeRename, [
    ...plainPages(
      options.databaseFile,
      options.pageKey,
      options.header.pageSize,
      options.checkPages,
    ),
    parallelGzip(options.gzipLevel ?? BACKUP_GZIP_LEVEL, options.gzipInFlight),
  ]);
}

/**
 * A format 3 backup of the SQLCipher file `databaseFile` as it is: for a restore's safety copy,
 * which must be quick (the restore waits for it) and needs no compression to be small enough
 * for the one copy the retention policy keeps of it. The caller keeps the file from changing
 * while this reads it (a held read transaction after a checkpoint, snapshot.ts).
 */
export async function writeDatabaseCopyFile(options: {
  databaseFile: string;
  target: string;
  backupKey: Buffer;
  header: HeaderFields;
}): Promise<{ bytes: number; header: BackupHeader }> {
  const kind = { format: 3, compression: 'none', payload: 'sqlcipher-file' } as const;
  const { size } = await stat(options.databaseFile);
  return sealInto(options, kind, undefined, (cipher) =>
    cipheredRange(options.databaseFile, 0, size, cipher),
  );
}

/**
 * A format 4 backup of a practice on its server: `archive` is pg_dump's custom-format output as
 * it streams (compressed by pg_dump), encrypted as it arrives; `beforeRename` is where the
 * caller's check of the archive (pg_restore reading it whole) must have passed.
 */
export async function writeServerDumpFile(options: {
  archive: NodeJS.ReadableStream;
  target: string;
  backupKey: Buffer;
  header: ServerHeaderFields;
  beforeRename: () => Promise<void>;
}): Promise<{ bytes: number; header: BackupHeader }> {
  const kind = { format: 4, compression: 'none', payload: 'pg-dump-custom' } as const;
  return sealInto(options, kind, options.beforeRename, [options.archive]);
}

/**
 * The plain pages of a SQLCipher file, a gzip member's worth at a time: every page
 * authenticated here (`checkAll`), or only page 1, reading into one buffer used again.
 */
const plainPages = (
  file: string,
  key: Buffer,
  pageSize: number,
  checkAll = false,
): [NodeJS.ReadableStream, ...NodeJS.ReadWriteStream[]] =>
  checkAll
    ? [readInMegabytes(file), decryptPages(key, pageSize)]
    : [Readable.from(plainPagesOf(file, key, pageSize, MEMBER_BYTES), { objectMode: false })];

const readInMegabytes = (file: string) => createReadStream(file, { highWaterMark: 1024 * 1024 });

/**
 * gunzip handing on a megabyte at a time instead of zlib's 16 KiB: a restore's page encryption
 * and file writes then run a few hundred times, not tens of thousands.
 */
const gunzipInMegabytes = () => createGunzip({ chunkSize: 1024 * 1024 });

/**
 * Writes header, IV, the AES-GCM encryption of what `source` yields, and the tag to a
 * temporary file; flushes it, reads it back (the tag must check) and only then renames it to
 * `target`.
 */
async function sealInto(
  to: { target: string; backupKey: Buffer; header: HeaderFields | ServerHeaderFields },
  kind:
    | { format: 2; compression: 'gzip'; payload: 'sqlcipher-pages' }
    | { format: 3; compression: 'none'; payload: 'sqlcipher-file' }
    | { format: 4; compression: 'none'; payload: 'pg-dump-custom' },
  beforeRename: (() => Promise<void>) | undefined,
  /** Streams ending in the plain payload, or what gives the payload encrypted by `cipher`. */
  source:
    | [NodeJS.ReadableStream, ...NodeJS.ReadWriteStream[]]
    | ((cipher: Cipher) => AsyncIterable<Buffer>),
): Promise<{ bytes: number; header: BackupHeader }> {
  const { target, backupKey } = to;
  const header = {
    ...to.header,
    ...kind,
    keyId: backupKeyId(backupKey),
    cipher: 'aes-256-gcm',
  } as BackupHeader;
  const aad = prefixFor(header);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', backupKey, iv);
  cipher.setAAD(aad);
  const temp = partialName(target);
  const out = createWriteStream(temp, { flags: 'wx' });
  try {
    out.write(aad);
    out.write(iv);
    const through = typeof source === 'function' ? [source(cipher)] : [...source, cipher];
    await (pipeline as (...streams: unknown[]) => Promise<void>)(...through, out, { end: false });
    await new Promise<void>((ok, fail) =>
      out.end(cipher.getAuthTag(), (err?: Error | null) => (err ? fail(err) : ok())),
    );
    await fsyncPath(temp);
    // Read back what reached the disk before it may carry a backup's name: every byte, header
    // included, under the tag. Decompressing it again would only re-prove what zlib just
    // wrote; the tag proves the disk holds exactly that.
    await verifyBackupFile(temp, backupKey, { decompress: false });
    await beforeRename?.();
    await rename(temp, target);
    await fsyncPath(dirname(target)).catch(() => undefined); // not on every OS
    return { bytes: (await stat(target)).size, header };
  } catch (err) {
    out.destroy();
    await rm(temp, { force: true });
    throw err;
  }
}

/** Flushes a file (or, where the OS allows, a folder) to disk. */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface BackupFileInfo {
  header: BackupHeader;
  /** The whole prefix (magic, format, length, header): the GCM additional data. */
  aad: Buffer;
  size: number;
}

/** Reads and checks the header only; no key needed. */
export async function readBackupHeader(path: string): Promise<BackupFileInfo> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const prefix = Buffer.alloc(PREFIX_BYTES);
    const { bytesRead } = await handle.read(prefix, 0, PREFIX_BYTES, 0);
    if (bytesRead < PREFIX_BYTES || !prefix.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new BackupFileError('not-a-backup', 'This file is not a Hourkeep backup.');
    }
    const format = prefix.readUInt8(MAGIC.length);
    if (!READABLE_FORMATS.includes(format)) {
      throw new BackupFileError(
        'unsupported',
        `This backup uses format ${format}, which this version of Hourkeep cannot read. Update Hourkeep and try again.`,
      );
    }
    const length = prefix.readUInt32BE(MAGIC.length + 1);
    if (length > MAX_HEADER_BYTES) {
      throw new BackupFileError(
        'damaged',
        'This backup file is damaged: its header is unreadable.',
      );
    }
    // At least one byte of ciphertext: a file cut to its header, IV and tag holds no data.
    if (size <= PREFIX_BYTES + length + IV_BYTES + TAG_BYTES) {
      throw new BackupFileError('truncated', 'This backup file is incomplete (it was cut short).');
    }
    const json = Buffer.alloc(length);
    await handle.read(json, 0, length, PREFIX_BYTES);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch {
      throw new BackupFileError(
        'damaged',
        'This backup file is damaged: its header is unreadable.',
      );
    }
    const header = backupHeaderSchema.safeParse(parsed);
    if (!header.success || header.data.format !== format) {
      throw new BackupFileError('damaged', 'This backup file is damaged: its header is not valid.');
    }
    return { header: header.data, aad: Buffer.concat([prefix, json]), size };
  } finally {
    await handle.close();
  }
}

/**
 * Decrypts and decompresses the database inside `path` into `target` (which must not exist).
 * A format 2 backup's pages are encrypted again under `pageKey` as they are written, so the
 * target is a SQLCipher file; a format 1 backup (from before encryption) is written plain, and
 * the caller must encrypt and shred it at once. GCM checks every byte, header included; on any
 * failure `target` is removed and a BackupFileError says whether the key is wrong or the file
 * damaged.
 */
export async function decryptBackupFile(
  path: string,
  backupKey: Buffer,
  target: string,
  pageKey: Buffer,
  options: {
    /** Format 3: the SQLCipher key the copy inside is under (the backup's data key's). */
    sourcePageKey?: Buffer;
    /** How pages are sealed under `pageKey`: here, or in worker threads (page-seal-threads.ts). */
    sealPages?: PageSealing;
  } = {},
): Promise<BackupHeader> {
  const { sourcePageKey, sealPages = encryptPages } = options;
  const { header } = await readBackupHeader(path);
  if (header.format === 4) throw new BackupFileError('unsupported', SERVER_ARCHIVE_ELSEWHERE);
  const write = () => createWriteStream(target, { flags: 'wx', mode: 0o600 });
  try {
    return await decryptTo(path, backupKey, (decrypted) =>
      header.format === 3
        ? // Written as it decrypts (hundreds of MB, too many to hold): encrypted under the
          // target's key with fresh salt and IVs, and removed below unless the tag checked.
          pipeline(
            decrypted,
            decryptPages(sourcePageKey ?? pageKey, header.pageSize),
            sealPages(pageKey, header.pageSize),
            write(),
          )
        : header.format === 2
          ? pipeline(
              decrypted,
              // The whole file is checked before a page reaches the disk: a damaged backup must
              // not leave a half-plausible database behind, even encrypted in a temp file.
              holdUntilEnd(),
              gunzipInMegabytes(),
              sealPages(pageKey, header.pageSize),
              write(),
            )
          : pipeline(decrypted, holdUntilEnd(), gunzipInMegabytes(), write()),
    );
  } catch (err) {
    await rm(target, { force: true });
    if (err instanceof Error && err.name === 'PageCodecError') {
      throw new BackupFileError(
        'damaged',
        'This backup file is damaged: the database inside it is not whole.',
      );
    }
    throw err;
  }
}

/**
 * Hands `consume` the decrypted payload of `path` as it is read. Its bytes are not yet
 * authenticated as they arrive: only when `consume` and this both resolved did the tag check,
 * so whatever `consume` builds must stay provisional until then (a restore from a server
 * archive commits its transaction only after).
 */
export const decryptBackupStream = (
  path: string,
  backupKey: Buffer,
  consume: (decrypted: NodeJS.ReadableStream) => Promise<void>,
): Promise<BackupHeader> => decryptTo(path, backupKey, consume);

async function decryptTo(
  path: string,
  backupKey: Buffer,
  consume: (decrypted: NodeJS.ReadableStream) => Promise<void>,
): Promise<BackupHeader> {
  const info = await readBackupHeader(path);
  if (info.header.keyId !== backupKeyId(backupKey)) {
    throw new BackupFileError(
      'wrong-key',
      'This backup was made with a different key: enter the recovery code of the practice that made it.',
    );
  }
  const handle = await open(path, 'r');
  const iv = Buffer.alloc(IV_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    await handle.read(iv, 0, IV_BYTES, info.aad.length);
    await handle.read(tag, 0, TAG_BYTES, info.size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', backupKey, iv);
  decipher.setAAD(info.aad);
  decipher.setAuthTag(tag);
  const decrypted = Readable.from(
    cipheredRange(path, info.aad.length + IV_BYTES, info.size - TAG_BYTES, decipher),
    { objectMode: false },
  );
  try {
    await consume(decrypted);
  } catch (err) {
    decrypted.destroy();
    // A PostgreSQL program's own failure says what it says (pg-tools.ts), not "damaged".
    if (err instanceof Error && err.name !== 'PgToolError' && DAMAGE.test(err.message)) {
      throw new BackupFileError(
        'damaged',
        'This backup file is damaged or was changed after it was written; it cannot be used.',
      );
    }
    throw err;
  }
  return info.header;
}

/**
 * What `cipher` (an encryption or a decryption) makes of the bytes [start, end) of `path`, read
 * a few megabytes at a time into one buffer used again: a safety copy is the whole database
 * file, and a fresh buffer per read (64 KiB each from a read stream) cost more than the cipher.
 * Its final step ends the output; a decryption's throws when the tag does not match.
 */
async function* cipheredRange(
  path: string,
  start: number,
  end: number,
  cipher: Cipher | Decipher,
): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(MEMBER_BYTES);
    for (let at = start; at < end;) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - at), at);
      // Cut while it was read: said as zlib says it, so it reads as damage (DAMAGE below).
      if (bytesRead === 0) throw new Error('Unexpected end of file');
      // update() gives a new buffer, so the read buffer is free again at once.
      yield cipher.update(buffer.subarray(0, bytesRead));
      at += bytesRead;
    }
    const last = cipher.final();
    if (last.length > 0) yield last;
  } finally {
    await handle.close();
  }
}

/** Why a server's archive cannot become a workstation's database file. */
export const SERVER_ARCHIVE_ELSEWHERE =
  'This backup is of a practice kept on a PostgreSQL server: restore it from Admin → Backups at a workstation of that practice (a new workstation joins the practice on its server first, from Admin → Database or the first-run screen).';

/** What Node's GCM and zlib say about altered or cut bytes. */
const DAMAGE =
  /unable to authenticate|unsupported state|incorrect header check|unexpected end|invalid|corrupt/i;

/**
 * Decrypts (and, unless `decompress` is false, decompresses) to nowhere: proves the file is
 * whole and opens with this key. The GCM tag covers every byte, header included.
 */
export async function verifyBackupFile(
  path: string,
  backupKey: Buffer,
  options: { decompress?: boolean } = {},
): Promise<BackupHeader> {
  const { header } = await readBackupHeader(path);
  const gunzip = options.decompress !== false && header.compression === 'gzip';
  const nowhere = () => new Writable({ write: (_c, _e, done) => done() });
  return decryptTo(path, backupKey, async (decrypted) => {
    if (gunzip) await pipeline(decrypted, gunzipInMegabytes(), nowhere());
    else await pipeline(decrypted, nowhere());
  });
}

/**
 * Buffers the decrypted stream and releases it only after the cipher's final check passed.
 * Backups are a few hundred MB at most (1M hour entries ≈ 50 MB compressed).
 */
function holdUntilEnd(): Transform {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      chunks.push(chunk);
      done();
    },
    flush(done: TransformCallback) {
      for (const c of chunks) this.push(c);
      done();
    },
  });
}
