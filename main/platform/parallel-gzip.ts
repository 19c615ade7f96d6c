import type { Transform } from 'node:stream';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { inOrderBatches } from './in-order-batches.js';

const gzipAsync = promisify(gzip);

/** Input per gzip member: large enough that the members' headers and restarts cost nothing. */
export const MEMBER_BYTES = 4 * 1024 * 1024;
const OUTPUT_CHUNK_BYTES = 1024 * 1024;
/** Members compressing at once: libuv's pool has four threads, and Node's own work needs one. */
export const GZIP_IN_FLIGHT = 3;

/**
 * gzip as pigz does it: the input is cut into members of a few megabytes, each compressed on
 * libuv's thread pool (so several at once, off the event loop), and written in order. A gzip
 * stream may hold any number of members (RFC 1952); gunzip, zlib and Node read them back as
 * one stream. Compression is at most a few hundred kilobytes worse than one member, because
 * deflate's window is only 32 KiB anyway. `inFlight` (members compressing at once) may change as
 * it goes: a backup keeps a core for its integrity check while that runs (backups.ts).
 */
export function parallelGzip(
  level: number,
  inFlight: number | (() => number) = GZIP_IN_FLIGHT,
): Transform {
  return inOrderBatches({
    batchBytes: MEMBER_BYTES,
    inFlight: typeof inFlight === 'number' ? () => inFlight : inFlight,
    // zlib hands its output back in chunkSize pieces, each a round trip through the event loop
    // (16 KiB by default: about fifty a member); a megabyte holds a member's output, which
    // database pages shrink to a fifth or less, in one.
    launch: (input) => gzipAsync(input, { level, chunkSize: OUTPUT_CHUNK_BYTES }),
    // Empty input still makes one (empty) member: a gzip stream is never zero bytes.
    atEnd: (leftover, launched) => leftover > 0 || launched === 0,
  });
}
