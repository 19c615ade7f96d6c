import { z } from 'zod';
import {
  SENSITIVE_TEXT_POLICIES,
  type MyConsents,
  type NoticeAcknowledgementRow,
  type NoticeStatus,
  type NoticeVersionRow,
  type PersonConsents,
  type PrivacyNotice,
  type PrivacyPolicy,
} from '../../domain/privacy/notice.js';
import {
  CONSENT_PURPOSES,
  PERSON_TYPES,
  type ConsentPurpose,
} from '../../domain/privacy/people.js';
import {
  namedPerson,
  ANY_ROLE,
  OWNER,
  PEOPLE,
  result,
  type ContractEntry,
  type Role,
} from '../contract-kit.js';
import * as f from '../fields.js';

const person = {
  personType: z.enum(PERSON_TYPES, { error: 'Choose a worker or a supervisor' }),
  personId: f.id('a person'),
};

const SELF: readonly Role[] = ['supervisor', 'worker'];

const purpose = () =>
  z.enum(Object.keys(CONSENT_PURPOSES) as [ConsentPurpose, ...ConsentPurpose[]], {
    error: 'Choose one of the consent purposes',
  });

/** Privacy notice versions and acknowledgements, consents per purpose, the free-text policy. */
export const privacyNoticeContract = {
  // Every signed-in user: the current notice and whether they still have to acknowledge it.
  'privacy.notice.status': { input: f.empty(), roles: ANY_ROLE, result: result<NoticeStatus>() },
  'privacy.notice.acknowledge': {
    input: z.object({ noticeId: f.id('a notice') }).strict(),
    roles: ANY_ROLE,
    result: result<NoticeStatus>(),
  },
  'privacy.notice.versions': {
    input: f.empty(),
    roles: OWNER,
    result: result<NoticeVersionRow[]>(),
  },
  'privacy.notice.acknowledgements': {
    input: f.empty(),
    roles: OWNER,
    result: result<NoticeAcknowledgementRow[]>(),
  },
  'privacy.notice.publish': {
    input: z
      .object({
        version: f.pattern(
          20,
          /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
          'Use letters, digits, dots and dashes, e.g. 1.1',
        ),
        publishedOn: f.isoDate(),
        body: f.textField({ max: 20000, multiline: true, notText: 'Required' }, (s) =>
          s.min(20, { error: 'Write the notice (at least 20 characters)' }),
        ),
      })
      .strict(),
    roles: OWNER,
    result: result<PrivacyNotice>(),
  },

  // The owner's account has no person record, so no consents of its own.
  'privacy.consents.mine': {
    input: f.empty(),
    roles: SELF,
    result: result<MyConsents>(),
  },
  // The owner, for anyone: current state and the history.
  'privacy.consents.person': {
    input: z.object(person).strict(),
    roles: OWNER,
    result: result<MyConsents>(),
  },
  'privacy.consents.list': {
    input: f.empty(),
    roles: OWNER,
    result: result<PersonConsents[]>(),
  },
  // Without a person: the caller's own. With one: only the owner (on the person's behalf).
  'privacy.consents.set': {
    subjects: [namedPerson()],
    input: z
      .object({
        ...person,
        personType: person.personType.optional(),
        personId: person.personId.optional(),
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

  'privacy.policy.get': { input: f.empty(), roles: ANY_ROLE, result: result<PrivacyPolicy>() },
  'privacy.policy.update': {
    input: z
      .object({
        sensitiveTextPolicy: z.enum(SENSITIVE_TEXT_POLICIES, { error: 'Choose warn or block' }),
      })
      .strict(),
    roles: OWNER,
    result: result<PrivacyPolicy>(),
  },
} as const satisfies Record<string, ContractEntry>;
