import { z } from 'zod';
import type {
  DecisionImportResult,
  DecisionPreview,
  PacketExport,
} from '../../domain/review-views.js';
import { PACKET_EXPIRY_DAYS } from '../../domain/review-files.js';
import { OWNER, result, worker, type ContractEntry, type Role } from '../contract-kit.js';
import * as f from '../fields.js';
import { reviewFileFields } from './reviewers.js';

/** The owner for any enrolled supervisor; a worker for their own submitted weeks. */
const OWNER_OR_WORKER: readonly Role[] = ['owner', 'worker'];

/** Review packets out and decision files in (main/services/review/export.ts, import.ts). */
export const reviewsContract = {
  'reviews.exportPacket': {
    changes: ['audit_log', 'disclosures', 'practice_review_keys', 'review_packets'],
    subjects: [worker()],
    input: z
      .object({
        supervisorId: f.id('a supervisor'),
        workerId: f.id('a worker').optional(),
        expiresInDays: z
          .number({ error: 'Enter a number of days' })
          .int({ error: 'Enter whole days' })
          .min(PACKET_EXPIRY_DAYS.min, { error: `At least ${PACKET_EXPIRY_DAYS.min} day` })
          .max(PACKET_EXPIRY_DAYS.max, { error: `At most ${PACKET_EXPIRY_DAYS.max} days` })
          .default(PACKET_EXPIRY_DAYS.default),
      })
      .strict(),
    roles: OWNER_OR_WORKER,
    result: result<PacketExport>(),
  },
  'reviews.previewDecisions': {
    reads: [
      'hour_entries',
      'review_packets',
      'reviewer_enrolments',
      'week_signatures',
      'weekly_logs',
    ],
    input: z.object(reviewFileFields).strict(),
    roles: OWNER,
    result: result<DecisionPreview>(),
  },
  'reviews.importDecisions': {
    changes: ['audit_log', 'review_packets', 'week_signatures', 'weekly_logs'],
    input: z.object(reviewFileFields).strict(),
    roles: OWNER,
    result: result<DecisionImportResult>(),
  },
} as const satisfies Record<string, ContractEntry>;
