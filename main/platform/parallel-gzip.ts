import { Transform, type TransformCallback } from 'node:stream';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

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
  const limit = typeof inFlight === 'number' ? () => inFlight : inFlight;
  const queue: Promise<Buffer>[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const launch = () => {
    // Fed in members' sizes (backup-file.ts reads that much at a time), nothing is copied here.
    const input = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
    // zlib hands its output back in chunkSize pieces, each a round trip through the event loop
    // (16 KiB by default: about fifty a member); a megabyte holds a member's output, which
    // database pages shrink to a fifth or less, in one.
    const member = gzipAsync(input, { level, chunkSize: OUTPUT_CHUNK_BYTES });
    member.catch(() => undefined); // awaited in order by drain
    queue.push(member);
    pending = [];
    pendingBytes = 0;
  };
  async function drain(stream: Transform, keep: number): Promise<void> {
    while (queue.length > keep) stream.push(await (queue.shift() as Promise<Buffer>));
  }
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < MEMBER_BYTES) return done();
      launch();
      drain(this, Math.max(1, limit()) - 1).then(() => done(), done);
    },
    flush(done: TransformCallback) {
      if (pendingBytes > 0 || queue.length === 0) launch();
      drain(this, 0).then(() => done(), done);
    },
  });
}
