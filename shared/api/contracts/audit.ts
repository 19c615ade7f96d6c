import { z } from 'zod';
import { type AuditEntryView, type AuditVerifyResult } from '../../domain/records.js';
import { OWNER, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

/** The audit trail: reading it and checking its chain. */
export const auditContract = {
  'audit.list': {
    reads: ['audit_log'],
    input: z
      .object({
        action: f.textField({ max: 32 }).optional(),
        subjectType: z.enum(['worker', 'supervisor', 'user']).optional(),
        subjectId: f.id().optional(),
        from: f.isoDate().optional(),
        to: f.isoDate().optional(),
        beforeId: f.id().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    roles: OWNER,
    result: result<AuditEntryView[]>(),
  },
  /** From the last checkpoint; `full` walks the whole chain again. */
  'audit.verify': {
    changes: [],
    input: z.object({ full: z.boolean().optional() }).strict(),
    roles: OWNER,
    result: result<AuditVerifyResult>(),
  },
  /** Stops the verification under way (it answers `conflict`); false when none was running. */
  'audit.cancelVerify': { changes: [], input: f.empty(), roles: OWNER, result: result<boolean>() },
} as const satisfies Record<string, ContractEntry>;
