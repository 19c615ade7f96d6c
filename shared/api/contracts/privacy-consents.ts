import { z } from 'zod';
import { type MyConsents, type PersonConsents } from '../../domain/privacy/notice.js';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../../domain/privacy/people.js';
import {
  OWNER,
  PEOPLE,
  namedPerson,
  result,
  type ContractEntry,
  type Role,
} from '../contract-kit.js';
import * as f from '../fields.js';
import { personKey } from './privacy.js';

const SELF: readonly Role[] = ['supervisor', 'worker'];

const purpose = () =>
  z.enum(Object.keys(CONSENT_PURPOSES) as [ConsentPurpose, ...ConsentPurpose[]], {
    error: 'Choose one of the consent purposes',
  });

/** Consents per purpose: a person's own, and the owner's view of everyone's. */
export const privacyConsentsContract = {
  // The owner's account has no person record, so no consents of its own.
  'privacy.consents.mine': {
    reads: ['consents', 'supervisors', 'users', 'workers'],
    input: f.empty(),
    roles: SELF,
    result: result<MyConsents>(),
  },
  // The owner, for anyone: current state and the history.
  'privacy.consents.person': {
    reads: ['consents', 'supervisors', 'users', 'workers'],
    input: z.object(personKey).strict(),
    roles: OWNER,
    result: result<MyConsents>(),
  },
  'privacy.consents.list': {
    reads: ['consents', 'supervisors', 'users', 'workers'],
    input: f.empty(),
    roles: OWNER,
    result: result<PersonConsents[]>(),
  },
  // Without a person: the caller's own. With one: only the owner (on the person's behalf).
  'privacy.consents.set': {
    changes: ['audit_log', 'consents'],
    subjects: [namedPerson()],
    input: z
      .object({
        ...personKey,
        personType: personKey.personType.optional(),
        personId: personKey.personId.optional(),
        purpose: purpose(),
        granted: z.boolean({ error: 'Choose grant or withdraw' }),
      })
      .strict()
      .refine((i) => (i.personType === undefined) === (i.personId === undefined), {
        error: 'Name both the person type and the person, or neither',
        path: ['personId'],
      }),
    roles: PEOPLE,
    result: result<MyConsents>(),
  },
} as const satisfies Record<string, ContractEntry>;
