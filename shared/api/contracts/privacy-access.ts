import { z } from 'zod';
import { namedPerson, OWNER, result, type ContractEntry, type Role } from '../contract-kit.js';
import * as f from '../fields.js';
import { PERSON_TYPES } from '../../domain/privacy/people.js';
import type { DisclosureView, PersonRecord } from '../../domain/privacy/person-record.js';
import type { ReportFile } from '../../domain/reports.js';
import type { DisclosureReport } from '../../domain/privacy/disclosures.js';

/**
 * Who a file is for and why: asked of every export that holds a person's data, and written to
 * the disclosure log. Shared by the report and CSV inputs (shared/api/contracts/reports.ts).
 */
export const disclosureFields = {
  recipient: f.name(200),
  purpose: f.name(300),
};

/** Workers and supervisors: their own record. The owner has no person record of their own. */
const PERSONS: readonly Role[] = ['supervisor', 'worker'];
const ALL: readonly Role[] = ['owner', 'supervisor', 'worker'];

const personKey = {
  personType: z.enum(PERSON_TYPES, { error: 'Choose worker or supervisor' }),
  personId: f.id('a person'),
};

/** Access to a person's record and the disclosure log (issue 7, parts 1 and 6). */
export const privacyAccessContract = {
  'privacy.myRecord': { input: f.empty(), roles: PERSONS, result: result<PersonRecord>() },
  'privacy.exportRecord': {
    input: z
      .object({
        ...personKey,
        format: z.enum(['json', 'pdf'], { error: 'Choose JSON or PDF' }),
        ...disclosureFields,
      })
      .strict(),
    roles: OWNER,
    result: result<ReportFile>(),
  },
  'privacy.disclosures.list': {
    subjects: [namedPerson()],
    input: z.object(personKey).strict(),
    roles: ALL,
    result: result<DisclosureView[]>(),
  },
  'privacy.disclosures.yearly': {
    input: z
      .object({
        year: z
          .number({ error: 'Required' })
          .int({ error: 'Must be a year' })
          .min(2000, { error: 'Must be 2000 or later' })
          .max(2100, { error: 'Must be 2100 or earlier' }),
        format: z.enum(['csv', 'pdf'], { error: 'Choose CSV or PDF' }).optional(),
      })
      .strict(),
    roles: OWNER,
    result: result<DisclosureReport>(),
  },
} as const satisfies Record<string, ContractEntry>;
