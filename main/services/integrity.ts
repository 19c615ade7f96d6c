import type { Knex } from 'knex';
import type { AuditVerifyResult } from '../../shared/domain/records.js';
import { PROGRESS_TASKS } from '../../shared/domain/reports.js';
import { AppError } from '../../shared/errors.js';
import type { AuditAnchor, AuditLog } from './audit.js';
import { VerifyCancelled } from './audit-chain.js';
import type { AuditVerifier } from './audit-verifier.js';
import { progressReporter, type EventHub } from './events.js';
import { summariseSignatureChecks, type WeekSignatures } from './week-signatures.js';

/**
 * Admin → Audit trail's "Verify integrity": the audit chain (against its anchor) and every
 * week sign-off, in one run with one progress bar. A broken chain does not stop the
 * signature checks: the owner needs both answers to know what to restore.
 */
export function makeIntegrity(deps: {
  db: Knex;
  audit: AuditLog;
  signatures: WeekSignatures;
  events: EventHub;
  /** Where the last verification stopped, sealed, kept in the key file. */
  checkpoint: { get(): AuditAnchor | null; set(c: AuditAnchor): Promise<void> };
  /** Walks the chain, in a worker thread where one is built (main/services/audit-verifier.ts). */
  verifier: AuditVerifier;
  /**
   * The key file's anchor of the trail's length, and its renewal to the head now. A walk that
   * passed with the anchor beyond it passed because a restore replaced the trail since (on a
   * server, at another workstation: audit-chain.ts, restoredSince); the anchor is renewed then,
   * or the next walk from the checkpoint would find the old, longer trail's length missing.
   */
  anchor?: { get(): AuditAnchor | null; renew(): Promise<void> };
}) {
  /** The run under way, so the owner (or a lock) can stop it; one at a time. */
  let running: { controller: AbortController; settled: Promise<unknown> } | null = null;
  return {
    /** Stops the verification under way, if any. */
    cancel(): boolean {
      if (!running) return false;
      running.controller.abort();
      return true;
    },

    /** Stops the verification under way, which answers `answer`, and waits for it to end. */
    async stop(answer: AppError): Promise<void> {
      if (!running) return;
      running.controller.abort(answer);
      await running.settled;
    },

    /**
     * From the last checkpoint unless `full`: only rows added since are read, so a check at a
     * million rows costs what the new rows cost. An intact walk moves the checkpoint.
     */
    async verifyAll(options: { full?: boolean } = {}): Promise<AuditVerifyResult> {
      if (running) throw new AppError('conflict', 'A verification is already running.');
      const controller = new AbortController();
      const settled = run(options, controller.signal);
      running = { controller, settled: settled.catch(() => undefined) };
      try {
        return await settled;
      } catch (err) {
        if (controller.signal.reason instanceof AppError) throw controller.signal.reason;
        if (err instanceof VerifyCancelled)
          throw new AppError('conflict', 'The verification was cancelled; nothing was changed.');
        throw err;
      } finally {
        running = null;
      }
    },
  };

  async function run(options: { full?: boolean }, signal: AbortSignal): Promise<AuditVerifyResult> {
    const from = options.full ? null : deps.checkpoint.get();
    // Ids run 1, 2, 3… (the walk checks it): the largest is the count, read off the index.
    const auditRows = Number(
      ((await deps.db('audit_log').max({ n: 'id' }).first()) as { n: number | null }).n ?? 0,
    );
    const signatureRows = Number(
      ((await deps.db('week_signatures').count({ n: '*' }).first()) as { n: number | string }).n,
    );
    const progress = progressReporter(
      deps.events,
      PROGRESS_TASKS.auditVerify,
      auditRows + signatureRows,
    );
    progress.step(0);
    const signaturesProgress = (done: number) => progress.step(auditRows + done);
    const {
      resumedAfter,
      signatures: inThread,
      ...chain
    } = await deps.verifier.verify({
      from,
      signal,
      onProgress: (done) => progress.step(done),
      onSignatureProgress: signaturesProgress,
    });
    if (chain.intact && chain.rows > 0) {
      const last = (await deps.db('audit_log').where({ id: chain.rows }).first('hmac')) as
        { hmac: string } | undefined;
      if (last)
        await deps.checkpoint.set(
          deps.audit.sealCheckpoint({
            lastId: chain.rows,
            lastHmac: last.hmac,
            count: chain.rows,
          }),
        );
      const anchored = deps.anchor?.get();
      if (anchored && anchored.lastId > 0) {
        const row = (await deps.db('audit_log').where({ id: anchored.lastId }).first('hmac')) as
          { hmac: string } | undefined;
        if (anchored.count > chain.rows || row?.hmac !== anchored.lastHmac)
          await deps.anchor?.renew();
      }
    }
    // Checked in the walk's thread where it had one; here otherwise.
    const signatures =
      inThread ??
      summariseSignatureChecks(
        await deps.signatures.checkAll((done) => {
          if (signal.aborted) throw new VerifyCancelled();
          signaturesProgress(done);
        }),
      );
    progress.finish();
    return { ...chain, resumedAfter, signatures };
  }
}
