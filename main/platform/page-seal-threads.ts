import { availableParallelism } from 'node:os';
import type { Transform } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { SealPagesSetup, SealReply, SealRequest } from '../workers/seal-pages.js';
import { inOrderBatches } from './in-order-batches.js';
import { join } from 'node:path';
import {
  PageCodecError,
  encryptPages,
  newPageSalt,
  pageRunProblem,
  type PageSealing,
} from './sqlcipher-pages.js';

/** Plain bytes per run handed to a thread: a megabyte, as gunzip hands them on. */
const RUN_BYTES = 1024 * 1024;
/** Runs queued per thread, so none waits for the next while the main thread writes. */
const RUNS_PER_THREAD = 2;

/**
 * encryptPages spread over worker threads running `script` (main/workers/seal-pages.ts): the
 * page encryption and HMACs were two thirds of a restore's preview on the main thread after
 * the decompression; here they run beside it and beside each other, and the main thread only
 * hands out runs of pages and writes what comes back, in order. Every thread seals under the
 * same fresh salt, so the runs make one file, byte for byte the format encryptPages writes.
 */
export function encryptPagesInThreads(
  key: Buffer,
  pageSize: number,
  script: string,
  threads = Math.min(4, availableParallelism()),
): Transform {
  const salt = newPageSalt();
  const waiting = new Map<number, { ok: (b: Buffer) => void; fail: (e: Error) => void }>();
  // A thread that failed or left fails what it holds and every run after (none would answer).
  let broken: Error | null = null;
  const failAll = (err: Error) => {
    broken ??= err;
    for (const w of waiting.values()) w.fail(err);
    waiting.clear();
  };
  const workers = Array.from({ length: Math.max(1, threads) }, () => {
    // workerData is copied into the thread; the copy made here is zeroed at once.
    const setup: SealPagesSetup = { key: Uint8Array.from(key), salt, pageSize };
    const worker = new Worker(script, { workerData: setup });
    setup.key.fill(0);
    worker.on('message', (m: SealReply) => {
      const w = waiting.get(m.id);
      if (!w) return;
      waiting.delete(m.id);
      if ('sealed' in m)
        return w.ok(Buffer.from(m.sealed.buffer, m.sealed.byteOffset, m.sealed.byteLength));
      // The codec's own refusal keeps its name: the caller reads it as a damaged backup.
      const err =
        m.failed.name === 'PageCodecError'
          ? new PageCodecError(m.failed.message)
          : new Error(m.failed.message);
      w.fail(err);
    });
    worker.on('error', failAll);
    worker.on('exit', (code) =>
      failAll(new Error(`A page-sealing thread ended early (exit ${code}).`)),
    );
    return worker;
  });
  let nextId = 0;
  const stream = inOrderBatches({
    batchBytes: RUN_BYTES,
    take: (gathered) => gathered - (gathered % pageSize),
    inFlight: () => workers.length * RUNS_PER_THREAD,
    launch: (pages, offset) =>
      new Promise<Buffer>((ok, fail) => {
        if (broken) return fail(broken);
        const id = nextId++;
        waiting.set(id, { ok, fail });
        // A copy of its own: the run is sealed in place over there, and the bytes given here
        // may be a reader's buffer that it fills again.
        const request: SealRequest = {
          id,
          first: offset / pageSize + 1,
          pages: new Uint8Array(pages),
        };
        const worker = workers[id % workers.length] as Worker;
        worker.postMessage(request, [request.pages.buffer as ArrayBuffer]);
      }),
    // The last run holds the whole pages left; a part of one is a cut file.
    atEnd: (leftover, launched) => {
      const problem = pageRunProblem(leftover % pageSize, launched + leftover > 0, 'database');
      if (problem) throw new PageCodecError(problem);
      return leftover > 0;
    },
  });
  // Finished, failed or abandoned, the threads go with the stream.
  stream.on('close', () => {
    broken ??= new Error('The page sealing has ended.');
    for (const w of workers) void w.terminate();
  });
  return stream;
}

/** Page sealing in the worker threads built into `workersFolder`, or on this thread without. */
export const pageSealingIn = (workersFolder: string | null): PageSealing =>
  workersFolder
    ? (key, pageSize) => encryptPagesInThreads(key, pageSize, join(workersFolder, 'seal-pages.cjs'))
    : encryptPages;
