import type { ConsentPurpose, PersonType } from './people.js';

/** A published version of the practice's privacy notice. Versions are never edited. */
export interface PrivacyNotice {
  id: number;
  version: string;
  publishedOn: string;
  body: string;
}

/** What the signed-in user needs to know about the notice right after signing in. */
export interface NoticeStatus {
  /** The latest published version (by publication date, then by when it was added). */
  current: PrivacyNotice | null;
  /** When this user acknowledged `current`; null if they have not. */
  acknowledgedAt: string | null;
  mustAcknowledge: boolean;
}

export interface NoticeVersionRow extends PrivacyNotice {
  acknowledgements: number;
  current: boolean;
}

export interface NoticeAcknowledgementRow {
  userId: number;
  username: string;
  displayName: string;
  role: 'owner' | 'supervisor' | 'worker';
  disabled: boolean;
  acknowledgedAt: string | null;
}

export type SensitiveTextPolicy = 'warn' | 'block';
export const SENSITIVE_TEXT_POLICIES = ['warn', 'block'] as const;

export interface PrivacyPolicy {
  sensitiveTextPolicy: SensitiveTextPolicy;
}

/** One grant or withdrawal. */
export interface ConsentEvent {
  id: number;
  purpose: ConsentPurpose;
  granted: boolean;
  at: string;
  /** Who recorded it: the person themselves, or the owner on their behalf. */
  recordedBy: string | null;
  onBehalf: boolean;
}

export interface ConsentState {
  purpose: ConsentPurpose;
  label: string;
  granted: boolean;
  /** When the current state was recorded; null when nothing was ever recorded (not granted). */
  at: string | null;
}

export interface PersonConsents {
  personType: PersonType;
  personId: number;
  name: string;
  purposes: ConsentState[];
}

export interface MyConsents extends PersonConsents {
  history: ConsentEvent[];
}

export const DEFAULT_NOTICE_VERSION = '1.0';

/** Published as version 1.0 at set-up; the owner adapts it by publishing a new version. */
export const DEFAULT_NOTICE_BODY = `This notice explains what this practice holds about you in Hourkeep, why, who sees it, how long it is kept, and what you can ask for.

What we hold
- Your name, email address, phone number and job title.
- Your registration or licence number, state and expiry date, and your start date.
- The hours you log toward licensure (date, site, supervisor, category, minutes and any note), your weekly logs, and supervisors' comments and sign-offs on them.
- Supervision assignments and supervision sessions you attended.
- Continuing education records and the certificates you upload.
- Your user account (username, role; your password is stored only as a one-way hash), your consents, and an audit trail of changes made to your records.
Hourkeep does not hold Social Security numbers, birth dates, payment details or client diagnoses. Please do not type them into notes.

Why we hold it
To track supervised hours and continuing education toward your licence, to let your supervisor review and sign your weekly logs, and to produce the documents a licensing board asks for.

Who it is disclosed to
Your supervisor sees the records of the people they supervise. The practice owner sees everyone's records. When we send a report or export holding your data (for example to the California Board of Behavioral Sciences), we record the recipient, the purpose, the data included and the date; you can see that log under My data.

How long we keep it
Approved hours and supervision records are kept for 7 years after your last supervision, because licensing boards may ask for them. Other data is deleted when you ask, or when it is no longer needed. Encrypted backups are kept for a limited time; when your data is deleted, Hourkeep tells you the date by which it is gone from every backup.

Your rights
- Access: see everything held about you under My data, or ask the owner for a full copy.
- Correction: ask for a correction of your profile or of a signed week from My data.
- Deletion: ask for your data to be deleted. If a retention rule requires us to keep part of it, we tell you which rule and the date it ends, and delete the rest.

Consents
You choose whether you are counted in practice statistics (only ever in groups of 5 or more, without names), invited to anonymous surveys, or contacted by email. You can grant or withdraw each consent at any time under My data; a withdrawal takes effect at once.

Contact
Ask the practice owner about this notice or about your data. If we change this notice, you will be asked to read and acknowledge the new version when you next sign in.`;
