import { z } from 'zod';
import { SENSITIVE_TEXT_POLICIES, type PrivacyPolicy } from '../../domain/privacy/notice.js';
import { ANY_ROLE, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';

/** The practice's policy for free text that looks sensitive. */
export const privacyPolicyContract = {
  'privacy.policy.get': {
    reads: ['practice'],
    input: f.empty(),
    roles: ANY_ROLE,
    result: result<PrivacyPolicy>(),
  },
  'privacy.policy.update': ownerWrite(
    ['practice'],
    z
      .object({
        sensitiveTextPolicy: z.enum(SENSITIVE_TEXT_POLICIES, { error: 'Choose warn or block' }),
      })
      .strict(),
    result<PrivacyPolicy>(),
  ),
} as const satisfies Record<string, ContractEntry>;
