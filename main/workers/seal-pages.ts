import { parentPort, workerData } from 'node:worker_threads';
import { pageSealer } from '../platform/sqlcipher-pages.js';
import { transferable } from '../platform/worker-thread.js';

/** What the main process hands this thread; the key arrives as a copy and is zeroed here. */
export interface SealPagesSetup {
  key: Uint8Array;
  salt: Uint8Array;
  pageSize: number;
}

/** One run of whole plain pages; `first` is the 1-based number of its first page. */
export interface SealRequest {
  id: number;
  first: number;
  pages: Uint8Array;
}

export type SealReply =
  { id: number; sealed: Uint8Array } | { id: number; failed: { name: string; message: string } };

/**
 * Seals runs of plain pages into SQLCipher pages for a restore (main/platform/page-seal-threads.ts):
 * AES-CBC and an HMAC-SHA512 per page are most of a restore's work, and here they run beside
 * the decompression instead of after it on the main thread. Runs arrive and leave as
 * transferred buffers, so nothing is copied on the way back.
 */
function serve(setup: SealPagesSetup): void {
  const port = parentPort;
  if (!port) throw new Error('seal-pages runs as a worker thread');
  const key = Buffer.from(setup.key);
  setup.key.fill(0);
  const seal = pageSealer(key, setup.pageSize, Buffer.from(setup.salt));
  port.on('message', (m: SealRequest) => {
    try {
      const pages = Buffer.from(m.pages.buffer, m.pages.byteOffset, m.pages.byteLength);
      const sealed = transferable(seal(pages, m.first));
      port.postMessage({ id: m.id, sealed } satisfies SealReply, [sealed.buffer as ArrayBuffer]);
    } catch (err) {
      const { name, message } = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ id: m.id, failed: { name, message } } satisfies SealReply);
    }
  });
  port.on('close', () => key.fill(0));
}

serve(workerData as SealPagesSetup);
