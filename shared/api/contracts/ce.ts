import { z } from 'zod';
import {
  CE_CATEGORIES,
  CE_CERTIFICATE_MAX_BYTES,
  CE_PERSON_TYPES,
  certificateProblem,
  type CeCertificateFile,
  type CeCertificateType,
  type CeCompliance,
  type CeOverviewRow,
  type CeRecord,
} from '../../domain/ce.js';
import { normaliseText, textProblem } from '../../domain/text.js';
import {
  PEOPLE,
  STAFF,
  ceRecordWorker,
  namedPerson,
  result,
  withId,
  type ContractEntry,
} from '../contract-kit.js';
import * as f from '../fields.js';

/** A certificate as the renderer sends it: the file's name, its type and its bytes in base64. */
export interface CeCertificateUpload {
  name: string;
  mimeType: string;
  base64: string;
}

/** A certificate once checked: decoded, within 5 MB, and its bytes matching its type. */
export interface CeCertificateParsed {
  name: string;
  mimeType: CeCertificateType;
  bytes: Uint8Array;
}

// atob, not Buffer: the renderer type-checks this file too, without Node's types.
function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// Checked before decoding, so an oversized upload is refused without being decoded.
const MAX_BASE64_LENGTH = Math.ceil(CE_CERTIFICATE_MAX_BYTES / 3) * 4;

const isUpload = (v: unknown): v is CeCertificateUpload => {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.name === 'string' && typeof o.mimeType === 'string' && typeof o.base64 === 'string'
  );
};

/**
 * Every problem with the file is reported on `certificate` itself (the form has one file
 * picker, not three fields). null removes the certificate; leaving it out keeps it.
 */
const certificate = () =>
  z
    .custom<CeCertificateUpload>(isUpload, { error: 'Attach a PDF, PNG or JPEG file' })
    .transform((v, ctx): CeCertificateParsed => {
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      };
      // The file's name is text like any other (shared/domain/text.ts): it is stored and shown.
      const nameProblem = textProblem(v.name);
      if (nameProblem) return fail(`The file name: ${nameProblem}`);
      const name = normaliseText(v.name).trim();
      if (!name) return fail('The file has no name');
      if (name.length > 200) return fail('The file name is longer than 200 characters');
      if (v.base64.length > MAX_BASE64_LENGTH) return fail('The file is larger than 5 MB');
      if (v.base64.length % 4 !== 0 || !BASE64.test(v.base64)) {
        return fail('The file could not be read; attach it again');
      }
      const bytes = decodeBase64(v.base64);
      const problem = certificateProblem(v.mimeType, bytes);
      if (problem) return fail(problem);
      return { name, mimeType: v.mimeType as CeCertificateType, bytes };
    })
    .nullish();

/** Longer than a day's hours: one CE course may run over several days (a 15-hour unit). */
const ceMinutes = () =>
  z
    .number({ error: 'Enter the hours' })
    .int({ error: 'Must be whole minutes' })
    .min(1, { error: 'Must be at least 1 minute' })
    .max(100 * 60, { error: 'Must be at most 100 hours' });

/** Whose CE it is: shared with the renewal cycles (ce-cycles.ts). */
export const person = {
  personType: z.enum(CE_PERSON_TYPES, { error: 'Choose a worker or a supervisor' }),
  personId: f.id('a person'),
};

const recordFields = {
  title: f.name(200),
  provider: f.name(200),
  date: f.isoDate(),
  minutes: ceMinutes(),
  category: z.enum(CE_CATEGORIES, { error: 'Choose a category' }),
  certificate: certificate(),
};

/** Continuing education records, renewal cycles and compliance (main/services/ce.ts). */
export const ceContract = {
  'ce.list': {
    reads: ['ce_records', 'supervision_assignments', 'supervisors', 'workers'],
    subjects: [namedPerson()],
    input: z.object(person).strict(),
    roles: PEOPLE,
    result: result<CeRecord[]>(),
  },
  'ce.create': {
    changes: ['audit_log', 'ce_records'],
    subjects: [namedPerson()],
    freeText: ['title', 'provider'],
    input: z.object({ ...person, ...recordFields }).strict(),
    roles: PEOPLE,
    result: result<CeRecord>(),
  },
  'ce.update': {
    changes: ['audit_log', 'ce_records'],
    subjects: [ceRecordWorker()],
    freeText: ['title', 'provider'],
    input: withId(recordFields),
    roles: PEOPLE,
    result: result<CeRecord>(),
  },
  'ce.delete': {
    changes: ['audit_log', 'ce_records'],
    subjects: [ceRecordWorker()],
    input: z.object({ id: f.id() }).strict(),
    roles: PEOPLE,
    result: result<{ id: number }>(),
  },
  // Handing out the file discloses the person's CE record, so it is logged like a report.
  'ce.certificate': {
    changes: ['audit_log', 'disclosures'],
    subjects: [ceRecordWorker()],
    input: z.object({ id: f.id(), ...f.disclosureFieldsUnlessOwn }).strict(),
    roles: PEOPLE,
    result: result<CeCertificateFile>(),
  },
  'ce.status': {
    reads: ['ce_cycles', 'ce_records', 'supervision_assignments', 'supervisors', 'workers'],
    subjects: [namedPerson()],
    input: z.object(person).strict(),
    roles: PEOPLE,
    result: result<CeCompliance>(),
  },
  'ce.overview': {
    reads: ['ce_cycles', 'ce_records', 'supervision_assignments', 'supervisors', 'workers'],
    input: f.empty(),
    roles: STAFF,
    result: result<CeOverviewRow[]>(),
  },
} as const satisfies Record<string, ContractEntry>;
