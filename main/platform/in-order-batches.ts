import { Transform, type TransformCallback } from 'node:stream';

export interface InOrderBatches {
  /** Input gathered before a batch is handed out. */
  batchBytes: number;
  /** Of `gathered` bytes, how many form the batch (the rest waits for more); all by default. */
  take?: (gathered: number) => number;
  /** Batches out at once; it may change as the stream goes. */
  inFlight: () => number;
  /** Starts the work on one batch elsewhere (libuv's pool, a worker thread); `offset` is its
   * first byte's position in the whole input. */
  launch: (batch: Buffer, offset: number) => Promise<Buffer>;
  /**
   * At the end, with the bytes that never formed a batch and how many batches went out: throws
   * to fail the stream, or says whether what is left goes out as a last batch.
   */
  atEnd: (leftover: number, launched: number) => boolean;
}

/**
 * A Transform that hands its input out in batches to work running elsewhere, several at once,
 * and pushes the results in the input's order: the stream's own thread only gathers and writes.
 * Parallel gzip (libuv's pool) and a restore's page sealing (worker threads) both run this way.
 */
export function inOrderBatches(options: InOrderBatches): Transform {
  const { batchBytes, launch } = options;
  const take = options.take ?? ((gathered: number) => gathered);
  const queue: Promise<Buffer>[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let offset = 0;
  let launched = 0;
  const send = (bytes: number) => {
    // Fed in batches' sizes (a backup reads that much at a time), a lone chunk is not copied.
    const gathered = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
    // What stays is copied before the batch goes: `launch` may hand its bytes to a thread.
    pending = gathered.length > bytes ? [Buffer.from(gathered.subarray(bytes))] : [];
    pendingBytes = gathered.length - bytes;
    const work = launch(gathered.subarray(0, bytes), offset);
    work.catch(() => undefined); // awaited in order by drain
    queue.push(work);
    launched += 1;
    offset += bytes;
  };
  async function drain(stream: Transform, keep: number): Promise<void> {
    while (queue.length > keep) stream.push(await (queue.shift() as Promise<Buffer>));
  }
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < batchBytes) return done();
      const bytes = take(pendingBytes);
      if (bytes === 0) return done();
      send(bytes);
      drain(this, Math.max(1, options.inFlight()) - 1).then(() => done(), done);
    },
    flush(done: TransformCallback) {
      try {
        if (options.atEnd(pendingBytes, launched)) send(pendingBytes);
      } catch (err) {
        return done(err as Error);
      }
      drain(this, 0).then(() => done(), done);
    },
  });
}
