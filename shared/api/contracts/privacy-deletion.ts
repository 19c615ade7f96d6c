import { z } from 'zod';
import type {
  DeletionPreview,
  DeletionResult,
  RunDueResult,
  ScheduledDeletionView,
} from '../../domain/privacy/deletion-plan.js';
import { OWNER, namedPerson, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';
import { PERSON_DATA_TABLES } from '../tables.js';
import { personKey } from './privacy.js';

/**
 * What a deletion plan reads and an erasure changes: the person's data, and retention_rules
 * (whose first read writes the default rules).
 */
const DELETION_TABLES = [
  ...PERSON_DATA_TABLES,
  'retention_rules',
  // Review packets forget an erased worker's weeks; a supervisor's enrolments go with them.
  'review_packets',
  'reviewer_enrolments',
] as const;

/** Deletion under the retention rules (main/services/privacy/deletion.ts). Owner only. */
export const privacyDeletionContract = {
  'privacy.deletion.plan': {
    reads: DELETION_TABLES,
    changes: ['audit_log', 'retention_rules'],
    subjects: [namedPerson()],
    input: z.object(personKey).strict(),
    roles: OWNER,
    result: result<DeletionPreview>(),
  },
  'privacy.deletion.execute': {
    changes: ['audit_log', ...DELETION_TABLES],
    subjects: [namedPerson()],
    input: z
      .object({
        ...personKey,
        requestId: f.id('a request').nullish(),
        password: f.secret(200, 1, 'Enter your password'),
      })
      .strict(),
    roles: OWNER,
    result: result<DeletionResult>(),
  },
  'privacy.deletion.scheduled': {
    reads: ['retention_rules', 'scheduled_deletions', 'supervisors', 'workers'],
    changes: ['audit_log', 'retention_rules'],
    input: f.empty(),
    roles: OWNER,
    result: result<ScheduledDeletionView[]>(),
  },
  'privacy.deletion.runDue': ownerWrite(DELETION_TABLES, f.empty(), result<RunDueResult>()),
} as const satisfies Record<string, ContractEntry>;
