import { z } from 'zod';
import { type ReportFile } from '../../domain/reports.js';
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
} as const satisfies Record<string, ContractEntry>;
