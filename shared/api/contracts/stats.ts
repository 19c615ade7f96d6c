import { z } from 'zod';
import type { PracticeStatistics } from '../../domain/privacy/statistics.js';
import { type ReportFile } from '../../domain/reports.js';
import { ANY_ROLE, result, type ContractEntry } from '../contract-kit.js';

const yearInput = () =>
  z
    .object({
      /** Absent: the last 12 months. */
      year: z
        .number({ error: 'Must be a year' })
        .int({ error: 'Must be a year' })
        .min(2000, { error: 'Choose a year from 2000' })
        .max(2100, { error: 'Choose a year up to 2100' })
        .optional(),
    })
    .strict();

/**
 * Practice statistics. Every role may read them: they are aggregates over consenting workers
 * with every group of fewer than 5 people hidden, so they describe no one — the same figures
 * a practice would publish — and a worker seeing how the practice is doing is the point.
 */
export const statsContract = {
  'stats.practice': {
    reads: ['consents', 'hour_entries', 'sites', 'supervision_assignments', 'workers'],
    input: yearInput(),
    roles: ANY_ROLE,
    result: result<PracticeStatistics>(),
  },
  'stats.exportCsv': {
    changes: ['audit_log'],
    input: yearInput(),
    roles: ANY_ROLE,
    result: result<ReportFile>(),
  },
} as const satisfies Record<string, ContractEntry>;
