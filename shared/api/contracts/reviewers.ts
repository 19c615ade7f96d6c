import { z } from 'zod';
import type { EnrolmentPreview, ReviewerEnrolmentView } from '../../domain/review-views.js';
import { OWNER, ownerWrite, result, type ContractEntry } from '../contract-kit.js';
import * as f from '../fields.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A review file the renderer read from disk (name and bytes); review files are small. */
export const reviewFileFields = {
  name: f.requiredText(260),
  base64: f.textField(
    {
      max: 20_000_000,
      verbatim: true,
      notText: 'Required',
      tooLong: 'The file is larger than 15 MB; it is not a Hourkeep review file',
    },
    (s) =>
      s
        .min(1, { error: 'The chosen file is empty' })
        .regex(BASE64, { error: 'The file could not be read; choose it again' }),
  ),
};

/** Enrolling supervisors' own computers for offline review (main/services/review/enrolment.ts). */
export const reviewersContract = {
  'reviewers.previewEnrolment': {
    reads: ['reviewer_enrolments', 'supervisors', 'users'],
    input: z.object(reviewFileFields).strict(),
    roles: OWNER,
    result: result<EnrolmentPreview>(),
  },
  'reviewers.enrol': ownerWrite(
    ['reviewer_enrolments', 'signing_keys'],
    z
      .object({
        ...reviewFileFields,
        supervisorId: f.id('a supervisor'),
        fingerprintConfirmed: z.literal(true, {
          error: 'Tick this once the supervisor’s screen shows the same fingerprint',
        }),
        /** Puts the same signing key in the supervisor's workstation key slot. */
        adopt: z
          .object({ reviewerPassword: f.secret(), accountPassword: f.secret() })
          .strict()
          .optional(),
      })
      .strict(),
    result<ReviewerEnrolmentView>(),
  ),
  'reviewers.list': {
    reads: ['reviewer_enrolments', 'supervisors'],
    input: f.empty(),
    roles: OWNER,
    result: result<ReviewerEnrolmentView[]>(),
  },
  'reviewers.revoke': ownerWrite(
    ['reviewer_enrolments'],
    z.object({ supervisorId: f.id('a supervisor') }).strict(),
    result<null>(),
  ),
} as const satisfies Record<string, ContractEntry>;
