import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/connection.js';
import { openPostgres, type ServerAccess } from '../db/postgres.js';
import {
  VerifyCancelled,
  walkAuditChain,
  type AuditAnchor,
  type AuditVerdict,
} from '../services/audit-chain.js';
import type { SignaturesVerdict } from '../../shared/domain/records.js';
import { makeSignatureChecks, summariseSignatureChecks } from '../services/week-signatures.js';

/** What the main process hands this thread; keys arrive as copies and are zeroed here. */
export interface AuditVerifyJob {
  file: string;
  databaseKey: Uint8Array;
  /** The practice's server, when the practice is kept there (then file and key are unused). */
  server: ServerAccess | null;
  ring: { current: Uint8Array; legacy: Uint8Array | null; legacyUntil: number };
  anchor: AuditAnchor | null;
  from: AuditAnchor | null;
  /** Also check every week sign-off here, of this practice (its id is in each document). */
  signatures: { practiceId: string } | null;
}

export type AuditVerifyMessage =
  | { type: 'progress'; done: number }
  | { type: 'signature-progress'; done: number }
  | {
      type: 'done';
      verdict: AuditVerdict & { resumedAfter: number };
      /** The sign-offs' verdict, when the job asked for them (a summary: see summariseSignatureChecks). */
      signatures: SignaturesVerdict | null;
    }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };

/**
 * The audit chain walked, and every week sign-off checked, in a worker thread on its own
 * read-only connection (WAL lets it read while the app writes), so a verification at a million
 * rows never holds the main process's event loop: reads, HMACs and signature checks happen
 * here, and the app answers every other call meanwhile.
 */
async function run(job: AuditVerifyJob): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('audit-verify runs as a worker thread');
  const controller = new AbortController();
  port.on('message', (m: { type: string }) => {
    if (m.type === 'cancel') controller.abort();
  });
  const key = Buffer.from(job.databaseKey);
  const ring = {
    current: Buffer.from(job.ring.current),
    legacy: job.ring.legacy ? Buffer.from(job.ring.legacy) : null,
    legacyUntil: job.ring.legacyUntil,
  };
  const db = job.server
    ? openPostgres(job.server.location, job.server.password)
    : openDatabase(job.file, { key, readOnly: true });
  const post = (m: AuditVerifyMessage) => port.postMessage(m);
  try {
    const verdict = await walkAuditChain(db, ring, job.anchor, {
      from: job.from,
      signal: controller.signal,
      onProgress: (done) => post({ type: 'progress', done }),
    });
    const signatures = job.signatures;
    const checked = signatures
      ? await makeSignatureChecks(db, () => signatures.practiceId).checkAll((done) => {
          if (controller.signal.aborted) throw new VerifyCancelled();
          post({ type: 'signature-progress', done });
        })
      : null;
    post({
      type: 'done',
      verdict,
      signatures: checked ? summariseSignatureChecks(checked) : null,
    });
  } catch (err) {
    if (err instanceof VerifyCancelled) post({ type: 'cancelled' });
    else post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  } finally {
    key.fill(0);
    ring.current.fill(0);
    ring.legacy?.fill(0);
    job.databaseKey.fill(0);
    await db.destroy();
    port.close();
  }
}

void run(workerData as AuditVerifyJob);
