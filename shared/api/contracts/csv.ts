import { z } from 'zod';
import {
  CSV_MAX_BYTES,
  type CsvImportResult,
  type CsvPreview,
  type ReportFile,
} from '../../domain/reports.js';
import { PEOPLE, STAFF, result, worker, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

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

const WORKER_IMPORT_REFUSAL =
  'Importing hours from a CSV file is for the owner and supervisors; log your hours on the Hours screen.';

/**
 * Hours as CSV. Out: workers their own, supervisors their supervisees', the owner all. In: the
 * owner and supervisors only; a worker logs hours through the week screen, not a raw file.
 */
export const csvContract = {
  'csv.exportHours': {
    changes: ['audit_log', 'disclosures'],
    subjects: [worker()],
    input: z
      .object({
        /** Absent: every worker the caller may see. */
        workerId: f.id('a worker').optional(),
        from: f.isoDate().optional(),
        to: f.isoDate().optional(),
        ...f.disclosureFieldsUnlessOwn,
      })
      .strict(),
    roles: PEOPLE,
    result: result<ReportFile>(),
  },
  'csv.previewImport': {
    changes: ['audit_log'],
    input: z.object({ csv: csvText() }).strict(),
    roles: STAFF,
    roleRefusal: WORKER_IMPORT_REFUSAL,
    result: result<CsvPreview>(),
  },
  'csv.importHours': {
    changes: ['audit_log', 'hour_entries'],
    input: z.object({ csv: csvText() }).strict(),
    roles: STAFF,
    roleRefusal: WORKER_IMPORT_REFUSAL,
    result: result<CsvImportResult>(),
  },
} as const satisfies Record<string, ContractEntry>;
