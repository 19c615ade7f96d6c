import { z } from 'zod';
import { worker, PEOPLE, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';
import { disclosureFields } from './privacy-access.js';
import {
  CSV_MAX_BYTES,
  type CsvImportResult,
  type CsvPreview,
  type ReportFile,
} from '../../domain/reports.js';

/** A whole file: its lines and tabs are its layout, so it is checked but kept as it is. */
const csvText = () =>
  f.textField(
    {
      max: CSV_MAX_BYTES,
      multiline: true,
      verbatim: true,
      notText: 'Choose a CSV file',
      tooLong: 'The file is larger than 5 MB. Split it into smaller files.',
    },
    (s) => s.min(1, { error: 'The file is empty.' }),
  );

/** Printable reports and CSV in and out. Workers: their own; supervisors: supervisees; owner: all. */
export const reportsContract = {
  'reports.weeklyLog': {
    subjects: [worker()],
    input: z
      .object({ workerId: f.id('a worker'), weekStart: f.isoDate(), ...disclosureFields })
      .strict(),
    roles: PEOPLE,
    result: result<ReportFile>(),
  },
  'reports.experienceSummary': {
    subjects: [worker()],
    input: z
      .object({
        workerId: f.id('a worker'),
        // Both or neither: one supervisor at one site, or every pair with hours.
        supervisorId: f.id('a supervisor').nullish(),
        siteId: f.id('a site').nullish(),
        ...disclosureFields,
      })
      .strict()
      .refine((i) => (i.supervisorId == null) === (i.siteId == null), {
        error: 'Choose both a supervisor and a site, or neither',
        path: ['siteId'],
      }),
    roles: PEOPLE,
    result: result<ReportFile>(),
  },
  'csv.exportHours': {
    subjects: [worker()],
    input: z
      .object({
        /** Absent: every worker the caller may see. */
        workerId: f.id('a worker').optional(),
        from: f.isoDate().optional(),
        to: f.isoDate().optional(),
        ...disclosureFields,
      })
      .strict(),
    roles: PEOPLE,
    result: result<ReportFile>(),
  },
  'csv.previewImport': {
    input: z.object({ csv: csvText() }).strict(),
    roles: PEOPLE,
    result: result<CsvPreview>(),
  },
  'csv.importHours': {
    input: z.object({ csv: csvText() }).strict(),
    roles: PEOPLE,
    result: result<CsvImportResult>(),
  },
} as const satisfies Record<string, ContractEntry>;
