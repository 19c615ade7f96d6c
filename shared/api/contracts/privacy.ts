import { z } from 'zod';
import { PERSON_TYPES } from '../../domain/privacy/people.js';
import type { PersonRecord } from '../../domain/privacy/person-record.js';
import { type ReportFile } from '../../domain/reports.js';
import { result, type ContractEntry, type Role, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';
import { PERSON_DATA_TABLES } from '../tables.js';

/** Workers and supervisors: their own record. The owner has no person record of their own. */
const PERSONS: readonly Role[] = ['supervisor', 'worker'];

/** A person named by type and id: the input of every call about someone's data. */
export const personKey = {
  personType: z.enum(PERSON_TYPES, { error: 'Choose a worker or a supervisor' }),
  personId: f.id('a person'),
};

/** A person's own record, and the owner's export of anyone's (issue 7, part 1). */
export const privacyContract = {
  'privacy.myRecord': {
    reads: [...PERSON_DATA_TABLES, 'practice', 'privacy_notices', 'sites', 'surveys'],
    input: f.empty(),
    roles: PERSONS,
    result: result<PersonRecord>(),
  },
  'privacy.exportRecord': ownerWrite(
    ['disclosures'],
    z
      .object({
        ...personKey,
        format: z.enum(['json', 'pdf'], { error: 'Choose JSON or PDF' }),
        ...f.disclosureFields,
      })
      .strict(),
    result<ReportFile>(),
  ),
} as const satisfies Record<string, ContractEntry>;
