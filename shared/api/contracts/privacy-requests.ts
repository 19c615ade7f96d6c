import { z } from 'zod';
import { REQUEST_KINDS, REQUEST_STATUSES } from '../../domain/privacy/people.js';
import {
  ALL_PROFILE_FIELDS,
  type PrivacyRequestView,
  type YearlyRequestReport,
} from '../../domain/privacy/requests.js';
import {
  OWNER,
  STAFF,
  namedPerson,
  requestWorker,
  result,
  type ContractEntry,
  type Role,
  ownerWrite,
} from '../contract-kit.js';
import * as f from '../fields.js';
import { personKey } from './privacy.js';

/** What is asked. A correction names a profile field or a week; access and deletion only a note. */
const requestFields = {
  kind: z.enum(REQUEST_KINDS, { error: 'Choose access, correction or deletion' }),
  note: f.optionalNote(2000),
  profile: z
    .object({
      field: z.enum(ALL_PROFILE_FIELDS as [string, ...string[]], {
        error: 'Choose one of the profile fields',
      }),
      // Checked against the field's own rules by the service, so the words match the profile form.
      proposedValue: f.textField({ max: 300 }).nullable(),
    })
    .strict()
    .optional(),
  week: z
    .object({
      weekStart: f.isoDate(),
      entryId: f.id('an hour entry').nullish(),
      removeEntry: z.boolean().optional(),
      proposed: z
        .object({
          date: f.isoDate().optional(),
          minutes: f.minutes().optional(),
          category: f.category().optional(),
          siteId: f.id('a site').optional(),
          note: f.optionalNote(1000),
        })
        .strict()
        .default({ note: null }),
    })
    .strict()
    .optional(),
};

/** People file requests about themselves; the owner registers one received another way. */
const SELF: readonly Role[] = ['worker', 'supervisor'];

/** The requests register (main/services/privacy/requests.ts). */
export const privacyRequestsContract = {
  'privacy.requests.mine': {
    reads: ['privacy_requests', 'users', 'week_signatures', 'weekly_logs', 'workers'],
    input: f.empty(),
    roles: SELF,
    result: result<PrivacyRequestView[]>(),
  },
  'privacy.requests.file': {
    changes: ['audit_log', 'privacy_requests'],
    freeText: ['note', 'week.proposed.note', 'profile.proposedValue'],
    input: z.object(requestFields).strict(),
    roles: SELF,
    result: result<PrivacyRequestView>(),
  },
  'privacy.requests.register': {
    changes: ['audit_log', 'privacy_requests'],
    subjects: [namedPerson()],
    freeText: ['note', 'week.proposed.note', 'profile.proposedValue', 'identityMethod'],
    input: z
      .object({
        ...requestFields,
        ...personKey,
        receivedOn: f.isoDate(),
        identityMethod: f.requiredText(300),
      })
      .strict(),
    roles: OWNER,
    result: result<PrivacyRequestView>(),
  },
  'privacy.requests.list': {
    reads: [
      'privacy_requests',
      'supervision_assignments',
      'supervisors',
      'users',
      'week_signatures',
      'weekly_logs',
      'workers',
    ],
    input: z
      .object({
        status: z.enum(REQUEST_STATUSES).optional(),
        kind: z.enum(REQUEST_KINDS).optional(),
        year: z.number().int().min(2000).max(2100).optional(),
      })
      .strict(),
    roles: STAFF,
    result: result<PrivacyRequestView[]>(),
  },
  'privacy.requests.decide': {
    changes: ['audit_log', 'hour_entries', 'privacy_requests', 'weekly_logs', 'workers'],
    subjects: [requestWorker()],
    freeText: ['reason'],
    input: z
      .object({
        id: f.id('a request'),
        decision: z.enum(['accept', 'decline'], { error: 'Choose accept or decline' }),
        reason: f.optionalNote(2000),
      })
      .strict(),
    roles: STAFF,
    result: result<PrivacyRequestView>(),
  },
  'privacy.requests.yearly': {
    reads: [
      'privacy_requests',
      'supervisors',
      'users',
      'week_signatures',
      'weekly_logs',
      'workers',
    ],
    input: z.object({ year: z.number({ error: 'Required' }).int().min(2000).max(2100) }).strict(),
    roles: OWNER,
    result: result<YearlyRequestReport>(),
  },
  'privacy.requests.yearlyFile': ownerWrite(
    [],
    z
      .object({
        year: z.number({ error: 'Required' }).int().min(2000).max(2100),
        format: z.enum(['csv', 'pdf'], { error: 'Choose CSV or PDF' }),
      })
      .strict(),
    result<{ fileName: string; mimeType: string; base64: string }>(),
  ),
} as const satisfies Record<string, ContractEntry>;
