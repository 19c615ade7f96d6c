import { z } from 'zod';
import {
  MAX_RULE_YEARS,
  MIN_RULE_YEARS,
  type RetentionRuleView,
} from '../../domain/privacy/retention-rules.js';
import { OWNER, result, type ContractEntry, ownerWrite } from '../contract-kit.js';
import * as f from '../fields.js';

const years = () =>
  z
    .number({ error: 'Enter a number of years' })
    .int({ error: 'Use whole years' })
    .min(MIN_RULE_YEARS, { error: `At least ${MIN_RULE_YEARS} year` })
    .max(MAX_RULE_YEARS, { error: `At most ${MAX_RULE_YEARS} years` });

/** The retention rules deletion follows. */
export const privacyRetentionContract = {
  'privacy.retention.list': {
    reads: ['retention_rules'],
    changes: ['audit_log', 'retention_rules'],
    input: f.empty(),
    roles: OWNER,
    result: result<RetentionRuleView[]>(),
  },
  'privacy.retention.update': ownerWrite(
    ['retention_rules'],
    z
      .object({
        id: f.id('a retention rule'),
        label: f.name(120),
        description: f.requiredText(1000, { multiline: true }),
        years: years(),
        active: z.boolean({ error: 'Choose whether the rule applies' }),
      })
      .strict(),
    result<RetentionRuleView>(),
  ),
} as const satisfies Record<string, ContractEntry>;
