import { z } from 'zod';
import { type OverviewRow, type WorkerProgressView } from '../../domain/progress-view.js';
import { PEOPLE, STAFF, result, worker, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

/** What a worker's progress is computed from. */
const PROGRESS_INPUTS = [
  'custom_packs',
  'hour_entries',
  'sites',
  'supervision_assignments',
  'supervisors',
  'weekly_logs',
  'workers',
] as const;

/** Progress toward licensure: one worker's, and the overview of everyone visible. */
export const progressContract = {
  'progress.worker': {
    reads: PROGRESS_INPUTS,
    subjects: [worker()],
    input: z.object({ workerId: f.id('a worker') }).strict(),
    roles: PEOPLE,
    result: result<WorkerProgressView>(),
  },
  'progress.overview': {
    reads: PROGRESS_INPUTS,
    input: f.empty(),
    roles: STAFF,
    result: result<OverviewRow[]>(),
  },
} as const satisfies Record<string, ContractEntry>;
