import { z } from 'zod';
import type { DisclosureReport } from '../../domain/privacy/disclosures.js';
import type { DisclosureView } from '../../domain/privacy/person-record.js';
import { OWNER, namedPerson, result, type ContractEntry, type Role } from '../contract-kit.js';
import { personKey } from './privacy.js';

const ALL: readonly Role[] = ['owner', 'supervisor', 'worker'];

/** The disclosure log: who was given whose data, and why (issue 7, part 6). */
export const privacyDisclosuresContract = {
  'privacy.disclosures.list': {
    reads: ['disclosures'],
    subjects: [namedPerson()],
    input: z.object(personKey).strict(),
    roles: ALL,
    result: result<DisclosureView[]>(),
  },
  'privacy.disclosures.yearly': {
    reads: ['disclosures', 'practice', 'supervisors', 'workers'],
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
