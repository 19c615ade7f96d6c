/**
 * The retention rules a deletion is checked against. The owner edits label, description, years
 * and whether a rule is active; the keys are fixed because the deletion planner knows which
 * data each one covers. The defaults are common practice, not legal advice: each description
 * says why, and the owner should check them against their licensing board's rules.
 */
export const RETENTION_RULE_KEYS = [
  'approved-hours',
  'supervision-records',
  'ce-records',
  'disclosure-log',
  'requests-register',
] as const;
export type RetentionRuleKey = (typeof RETENTION_RULE_KEYS)[number];

export interface RetentionRule {
  key: RetentionRuleKey;
  label: string;
  description: string;
  years: number;
  active: boolean;
}

export interface RetentionRuleView extends RetentionRule {
  id: number;
  /** What the rule counts its years from, in words (fixed by the key). */
  countsFrom: string;
  updatedAt: string;
}

export const RULE_COUNTS_FROM: Record<RetentionRuleKey, string> = {
  'approved-hours': "the person's last supervision",
  'supervision-records': "the person's last supervision",
  'ce-records': 'the date of each record',
  'disclosure-log': 'the date of each disclosure',
  'requests-register': 'the date each request was received',
};

export const DEFAULT_RETENTION_RULES: readonly RetentionRule[] = [
  {
    key: 'approved-hours',
    label: 'Approved hours and sign-offs',
    description:
      'Approved hours, weekly logs and supervisors\u2019 signatures are the evidence a licensing board may ask for when it audits an application; many boards expect supervision records to be kept about 7 years. Practice default: check your board\u2019s rule.',
    years: 7,
    active: true,
  },
  {
    key: 'supervision-records',
    label: 'Supervision records',
    description:
      'Supervision assignments and sessions, including those given as a supervisor, back the approved hours and may be requested by a board; kept as long as the hours. Practice default: check your board\u2019s rule.',
    years: 7,
    active: true,
  },
  {
    key: 'ce-records',
    label: 'Continuing education',
    description:
      'CE records and renewal cycles may be audited for the last renewal periods (two 2-year cycles); kept 4 years after each record. Practice default: check your board\u2019s rule.',
    years: 4,
    active: true,
  },
  {
    key: 'disclosure-log',
    label: 'Disclosure log',
    description:
      'Who a person\u2019s data was disclosed to must be answerable when they ask; privacy rules commonly expect an accounting of disclosures for 6 years. Practice default.',
    years: 6,
    active: true,
  },
  {
    key: 'requests-register',
    label: 'Requests register',
    description:
      'The register of access, correction and deletion requests shows how requests were handled. Rows are kept 6 years with the person replaced by a reference, so they name no one. Practice default.',
    years: 6,
    active: true,
  },
];

export const MIN_RULE_YEARS = 1;
export const MAX_RULE_YEARS = 50;
