/**
 * Shared vocabulary of the privacy features. A person is a worker or a supervisor record; the
 * owner's account has no person record. Users link to a person through users.worker_id /
 * users.supervisor_id.
 */
export const PERSON_TYPES = ['worker', 'supervisor'] as const;
export type PersonType = (typeof PERSON_TYPES)[number];

export interface PersonKey {
  personType: PersonType;
  personId: number;
}

/** What a consent can be given for. A withdrawal takes effect at once wherever it is read. */
export const CONSENT_PURPOSES = {
  statistics: 'Being counted in the practice statistics',
  surveys: 'Being invited to answer anonymous surveys',
  email_contact: 'Being contacted by email about the practice',
} as const;
export type ConsentPurpose = keyof typeof CONSENT_PURPOSES;

/** Categories of data named in disclosures and in a person's record. */
export const DATA_CATEGORIES = {
  profile: 'Profile and licence details',
  hours: 'Hour entries',
  weekly_logs: 'Weekly logs and sign-offs',
  supervision: 'Supervision assignments and sessions',
  ce: 'Continuing education',
  consents: 'Consents',
  account: 'User account',
  audit: 'Audit entries',
  disclosures: 'Disclosures',
  requests: 'Privacy requests',
} as const;
export type DataCategory = keyof typeof DATA_CATEGORIES;

export const REQUEST_KINDS = ['access', 'correction', 'deletion'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_STATUSES = ['open', 'accepted', 'declined', 'partial', 'completed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The file formats a disclosure can take: reports and records, and CE certificates as filed. */
export const DISCLOSURE_FORMATS = ['pdf', 'csv', 'json', 'png', 'jpeg'] as const;
export type DisclosureFormat = (typeof DISCLOSURE_FORMATS)[number];
