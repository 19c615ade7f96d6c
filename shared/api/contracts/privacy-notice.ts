import { z } from 'zod';
import {
  type NoticeAcknowledgementRow,
  type NoticeStatus,
  type NoticeVersionRow,
  type PrivacyNotice,
} from '../../domain/privacy/notice.js';
import { ANY_ROLE, OWNER, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';

/** Privacy notice versions and their acknowledgements. */
export const privacyNoticeContract = {
  // Every signed-in user: the current notice and whether they still have to acknowledge it.
  'privacy.notice.status': {
    reads: ['notice_acknowledgements', 'privacy_notices'],
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<NoticeStatus>(),
  },
  'privacy.notice.acknowledge': {
    changes: ['audit_log', 'notice_acknowledgements'],
    input: z.object({ noticeId: f.id('a notice') }).strict(),
    roles: ANY_ROLE,
    result: result<NoticeStatus>(),
  },
  'privacy.notice.versions': {
    reads: ['notice_acknowledgements', 'privacy_notices'],
    input: f.empty(),
    roles: OWNER,
    result: result<NoticeVersionRow[]>(),
  },
  'privacy.notice.acknowledgements': {
    reads: ['notice_acknowledgements', 'privacy_notices', 'users'],
    input: f.empty(),
    roles: OWNER,
    result: result<NoticeAcknowledgementRow[]>(),
  },
  'privacy.notice.publish': ownerWrite(
    ['notice_acknowledgements', 'privacy_notices'],
    z
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
    result<PrivacyNotice>(),
  ),
} as const satisfies Record<string, ContractEntry>;
