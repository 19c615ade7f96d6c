import { Transform, type TransformCallback } from 'node:stream';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** Input per gzip member: large enough that the members' headers and restarts cost nothing. */
const MEMBER_BYTES = 4 * 1024 * 1024;

/**
 * gzip as pigz does it: the input is cut into members of a few megabytes, each compressed on
 * libuv's thread pool (so several at once, off the event loop), and written in order. A gzip
 * stream may hold any number of members (RFC 1952); gunzip, zlib and Node read them back as
 * one stream. Compression is at most a few hundred kilobytes worse than one member, because
 * deflate's window is only 32 KiB anyway.
 */
export function parallelGzip(level: number, inFlight = 3): Transform {
  const queue: Promise<Buffer>[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const launch = () => {
    const member = gzipAsync(Buffer.concat(pending), { level });
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
      drain(this, inFlight - 1).then(() => done(), done);
    },
    flush(done: TransformCallback) {
      if (pendingBytes > 0 || queue.length === 0) launch();
      drain(this, 0).then(() => done(), done);
    },
  });
}
