import { z } from 'zod';
import { PROGRESS_TASKS, type ReportFile } from '../../domain/reports.js';
import { PEOPLE, result, worker, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

/** Printable reports. Workers: their own; supervisors: supervisees; owner: all. */
export const reportsContract = {
  'reports.weeklyLog': {
    changes: ['audit_log', 'disclosures'],
    subjects: [worker()],
    input: z
      .object({
        workerId: f.id('a worker'),
        weekStart: f.isoDate(),
        ...f.disclosureFieldsUnlessOwn,
      })
      .strict(),
    roles: PEOPLE,
    result: result<ReportFile>(),
  },
  'reports.experienceSummary': {
    changes: ['audit_log', 'disclosures'],
    subjects: [worker()],
    input: z
      .object({
        workerId: f.id('a worker'),
        // Both or neither: one supervisor at one site, or every pair with hours.
        supervisorId: f.id('a supervisor').nullish(),
        siteId: f.id('a site').nullish(),
        ...f.disclosureFieldsUnlessOwn,
      })
      .strict()
      .refine((i) => (i.supervisorId == null) === (i.siteId == null), {
        error: 'Choose both a supervisor and a site, or neither',
        path: ['siteId'],
      }),
    roles: PEOPLE,
    result: result<ReportFile>(),
  },
  /**
   * Stops the caller's long call under way for a progress task (a PDF, a person-record export,
   * a CSV check or import): that call answers `conflict`, with no file and nothing recorded.
   * False when none was running.
   */
  'reports.cancel': {
    changes: [],
    input: z
      .object({
        task: z.enum(
          [
            PROGRESS_TASKS.pdf,
            PROGRESS_TASKS.personRecord,
            PROGRESS_TASKS.csvCheck,
            PROGRESS_TASKS.csvImport,
          ],
          { error: 'Choose a task that can be cancelled' },
        ),
      })
      .strict(),
    roles: PEOPLE,
    result: result<boolean>(),
  },
} as const satisfies Record<string, ContractEntry>;
