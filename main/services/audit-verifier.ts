import type { ServerAccess } from '../db/postgres.js';
import type { SignaturesVerdict } from '../../shared/domain/records.js';
import { join } from 'node:path';
import { deriveKey } from '../platform/crypto.js';
import { runWorkerThread } from '../platform/worker-thread.js';
import type { AuditVerifyJob, AuditVerifyMessage } from '../workers/audit-verify.js';
import { VerifyCancelled, type AuditAnchor, type AuditVerdict } from './audit-chain.js';
import type { AuditKeyRing } from './audit-keys.js';
import type { AuditLog } from './audit.js';
import type { Vault } from './vault.js';
import type { Knex } from 'knex';

export type ChainVerdict = AuditVerdict & { resumedAfter: number };

export interface AuditVerifier {
  /**
   * The chain's verdict, and the week sign-offs' where the walk ran in a worker thread (null
   * here: the caller checks them on this thread).
   */
  verify(options: {
    from: AuditAnchor | null;
    onProgress: (done: number) => void;
    onSignatureProgress: (done: number) => void;
    signal: AbortSignal;
  }): Promise<ChainVerdict & { signatures: SignaturesVerdict | null }>;
}

/**
 * Where the audit chain is walked and the sign-offs checked: in a worker thread on its own
 * read-only connection when the built worker is at hand (the app, the tests, the bench), in
 * this thread otherwise (tools that run the services from source without a build).
 */
export function makeAuditVerifier(deps: {
  db: Knex;
  audit: AuditLog;
  vault: Vault;
  ring: () => AuditKeyRing | null;
  databaseFile: string;
  server: ServerAccess | null;
  workersFolder: string | null;
}): AuditVerifier {
  return {
    async verify({ from, onProgress, onSignatureProgress, signal }) {
      const ring = deps.ring();
      if (!deps.workersFolder || !ring) {
        return {
          ...(await deps.audit.verify(deps.db, { from, onProgress, signal })),
          signatures: null,
        };
      }
      const databaseKey = deriveKey(deps.vault.keys().dataKey, 'database');
      const job: AuditVerifyJob = {
        file: deps.databaseFile,
        databaseKey,
        server: deps.server,
        ring: { current: ring.current, legacy: ring.legacy, legacyUntil: ring.legacyUntil },
        anchor: deps.vault.anchor(),
        from,
        signatures: { practiceId: deps.vault.practiceId() },
      };
      try {
        return await runWorkerThread<
          AuditVerifyMessage,
          ChainVerdict & { signatures: SignaturesVerdict | null }
        >(join(deps.workersFolder, 'audit-verify.cjs'), job, {
          signal,
          onMessage: (m) => {
            if (m.type === 'progress') onProgress(m.done);
            if (m.type === 'signature-progress') onSignatureProgress(m.done);
          },
          settle: (m) => {
            if (m.type === 'done') return { value: { ...m.verdict, signatures: m.signatures } };
            if (m.type === 'cancelled') return { error: new VerifyCancelled() };
            if (m.type === 'failed') return { error: new Error(m.message) };
            return undefined;
          },
        });
      } finally {
        // structured clone gave the thread its own copy; this one is ours to wipe.
        databaseKey.fill(0);
      }
    },
  };
}
