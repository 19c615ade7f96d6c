import { z } from 'zod';
import { DATA_CATEGORIES, DISCLOSURE_FORMATS, PERSON_TYPES } from './people.js';

/**
 * The documented shape of everything Hourkeep holds about one person (a worker or a
 * supervisor), as the owner exports it in answer to an access request and as the person sees it
 * under My data. docs/person-record.schema.json is generated from this schema (a unit test keeps
 * the two equal), so a recipient can read the JSON without Hourkeep.
 *
 * Other people appear only as a reference (id and name) where a row about this person names
 * them: the supervisor of an hour entry, the worker whose week a supervisor signed.
 */
export const PERSON_RECORD_SCHEMA_ID = 'hourkeep.person-record/1';

const isoDate = () => z.string().describe('A calendar date, YYYY-MM-DD');
const isoTime = () => z.string().describe('A moment, ISO 8601 in UTC');
const nullableText = (what: string) => z.string().nullable().describe(what);

const personRef = (who: string) =>
  z
    .object({
      id: z.number().int().describe(`The ${who}'s id in this practice's database`),
      name: z.string().describe(`The ${who}'s name, first then last`),
    })
    .describe(`The ${who} a row names (a reference only, not their record)`);

const siteRef = () =>
  z
    .object({
      id: z.number().int().describe("The site's id"),
      name: z.string().describe("The site's name"),
    })
    .describe('The site of the practice the row is about');

const commonProfile = {
  id: z.number().int().describe("The person's id in this practice's database"),
  firstName: z.string().describe('First name'),
  lastName: z.string().describe('Last name'),
  email: z.string().describe('Email address'),
  phone: nullableText('Phone number, if given'),
  active: z.boolean().describe('Whether the person is currently active in the practice'),
  createdAt: isoTime().describe('When the record was created'),
  updatedAt: isoTime().describe('When the record was last changed'),
};

export const workerProfileSchema = z
  .object({
    type: z.literal('worker').describe('A worker (associate or trainee) logging hours'),
    ...commonProfile,
    title: nullableText('Job title, e.g. "Associate MFT"'),
    registrationNumber: nullableText("The board's registration number"),
    registrationExpires: isoDate().nullable().describe('When the registration expires'),
    startDate: isoDate().describe('The day the worker started at the practice'),
    endDate: isoDate()
      .nullable()
      .describe('The last day at the practice, once the worker has left'),
    degree: nullableText('The degree the worker holds, e.g. "MA Counseling Psychology"'),
    school: nullableText('The school that granted the degree'),
    graduationDate: isoDate().nullable().describe('When the worker graduated'),
    packId: nullableText('The requirement pack the worker is tracked against'),
  })
  .describe("A worker's profile (the workers row)");

export const supervisorProfileSchema = z
  .object({
    type: z.literal('supervisor').describe('A licensed supervisor'),
    ...commonProfile,
    licenseType: z.string().describe('Licence type, e.g. LMFT, LCSW'),
    licenseNumber: z.string().describe('Licence number'),
    licenseState: z.string().describe('Two-letter state of the licence'),
    licenseExpires: isoDate().describe('When the licence expires'),
  })
  .describe("A supervisor's profile (the supervisors row)");

export const accountSchema = z
  .object({
    id: z.number().int().describe("The user account's id"),
    username: z.string().describe('The sign-in name'),
    displayName: z.string().describe('The name shown in the app'),
    role: z.string().describe('owner, supervisor or worker'),
    disabled: z.boolean().describe('Whether the account may sign in'),
    passwordChangedAt: isoTime().describe('When the password was last set'),
    createdAt: isoTime().describe('When the account was created'),
    updatedAt: isoTime().describe('When the account was last changed'),
  })
  .describe(
    'A user account linked to the person. Password hashes and sign-in throttling counters are security internals and are not part of the record.',
  );

export const assignmentSchema = z
  .object({
    id: z.number().int().describe("The assignment's id"),
    worker: personRef('worker'),
    supervisor: personRef('supervisor'),
    site: siteRef(),
    startDate: isoDate().describe('First day of the supervision'),
    endDate: isoDate().nullable().describe('Last day of the supervision; null while it lasts'),
    agreementSignedOn: isoDate().nullable().describe('When the supervision agreement was signed'),
    createdAt: isoTime().describe('When the row was created'),
    updatedAt: isoTime().describe('When the row was last changed'),
  })
  .describe('Who supervises whom, where, and for which dates');

export const hourEntrySchema = z
  .object({
    id: z.number().int().describe("The entry's id"),
    date: isoDate().describe('The day the hours were worked'),
    worker: personRef('worker'),
    supervisor: personRef('supervisor'),
    site: siteRef(),
    category: z.string().describe('Hour category, e.g. direct_individual'),
    minutes: z.number().int().describe('Length in minutes'),
    note: nullableText(
      "The worker's note. Left out (null) in a supervisor's record: the note is the worker's text.",
    ),
    status: z.string().describe('draft, submitted or approved'),
    sessionId: z
      .number()
      .int()
      .nullable()
      .describe('The supervision session that made this entry, if any'),
    createdAt: isoTime().describe('When the entry was created'),
    updatedAt: isoTime().describe('When the entry was last changed'),
  })
  .describe(
    "An hour entry. A worker's record holds their entries; a supervisor's record holds the entries that name them as the supervisor.",
  );

export const weeklyLogSchema = z
  .object({
    id: z.number().int().describe("The weekly log's id"),
    weekStart: isoDate().describe("The week's Monday"),
    status: z.string().describe('submitted, returned, approved or amending'),
    version: z.number().int().describe('1 for the first sign-off; each amendment adds one'),
    submittedAt: isoTime().nullable().describe('When the week was submitted'),
    submittedByUserId: z.number().int().nullable().describe('Who submitted it (user id)'),
    returnedAt: isoTime().nullable().describe('When the week was returned'),
    returnedByUserId: z.number().int().nullable().describe('Who returned it (user id)'),
    returnComment: nullableText('Why the week was returned'),
    amendmentReason: nullableText('Why an approved week was reopened'),
    createdAt: isoTime().describe('When the row was created'),
    updatedAt: isoTime().describe('When the row was last changed'),
  })
  .describe("A worker's week once it left draft");

export const weekSignatureSchema = z
  .object({
    id: z.number().int().describe("The signature's id"),
    weeklyLogId: z.number().int().describe('The weekly log signed'),
    weekStart: isoDate().describe("The signed week's Monday"),
    worker: personRef('worker'),
    version: z.number().int().describe('Which version of the week was signed'),
    signerUserId: z.number().int().describe("The signer's user id"),
    supervisor: personRef('supervisor'),
    signerName: z.string().describe('The name signed with'),
    signedAt: isoTime().describe('When it was signed'),
    entriesHash: z.string().describe('SHA-256 of the signed entries'),
    entriesJson: nullableText(
      "The entries as signed (canonical JSON). Left out (null) in a supervisor's record: they are the worker's hours.",
    ),
    signedDocument: nullableText(
      "The week document exactly as signed (canonical JSON, hourkeep.week-signature/1), checked by `npm run verify`. Null before signatures, and in a supervisor's record (it holds the worker's hours).",
    ),
    signature: nullableText(
      'The Ed25519 signature of signedDocument (base64); null before signatures',
    ),
    publicKey: nullableText("The signer's Ed25519 public key (raw 32 bytes, base64)"),
    keyFingerprint: nullableText("The public key's fingerprint, as printed and on the profile"),
    verificationCode: nullableText('The short code printed beside the signature'),
  })
  .describe(
    "A sign-off: on the worker's weeks in a worker's record; the sign-offs they made in a supervisor's record",
  );

export const supervisionSessionSchema = z
  .object({
    id: z.number().int().describe("The session's id"),
    date: isoDate().describe('The day of the session'),
    supervisor: personRef('supervisor'),
    site: siteRef(),
    kind: z.string().describe('individual, triadic or group'),
    minutes: z.number().int().describe('Length in minutes'),
    note: nullableText("The supervisor's note on the session"),
    attendees: z
      .array(personRef('worker'))
      .describe(
        "Workers who attended: in a worker's record only the worker themselves; in the supervisor's record every attendee",
      ),
    attendeeCount: z.number().int().describe('How many workers attended'),
    createdAt: isoTime().describe('When the session was recorded'),
    updatedAt: isoTime().describe('When it was last changed'),
  })
  .describe('A supervision session the worker attended or the supervisor gave');

export const ceRecordSchema = z
  .object({
    id: z.number().int().describe("The CE record's id"),
    title: z.string().describe('Course title'),
    provider: z.string().describe('Course provider'),
    date: isoDate().describe('When it was completed'),
    minutes: z.number().int().describe('Credit in minutes'),
    category: z.string().describe('law_ethics, general, supervision or other'),
    certificateName: nullableText("The certificate's file name"),
    certificateType: nullableText("The certificate's MIME type"),
    certificateBase64: nullableText(
      'The certificate file, base64. Null when there is none, and in the on-screen view (download it from CE).',
    ),
    createdAt: isoTime().describe('When the record was created'),
    updatedAt: isoTime().describe('When it was last changed'),
  })
  .describe('A continuing-education course');

export const ceCycleSchema = z
  .object({
    id: z.number().int().describe("The cycle's id"),
    preset: z.string().describe('ca-licensee, ca-associate or custom'),
    startDate: isoDate().describe('First day of the renewal cycle'),
    endDate: isoDate().describe('Last day of the renewal cycle'),
    requiredMinutes: z.number().int().describe('CE minutes the cycle requires'),
    lawEthicsMinutes: z.number().int().describe('Of which law and ethics'),
    createdAt: isoTime().describe('When the cycle was set'),
    updatedAt: isoTime().describe('When it was last changed'),
  })
  .describe('A CE renewal cycle and what it requires');

export const consentSchema = z
  .object({
    id: z.number().int().describe("The consent event's id"),
    purpose: z.string().describe('What the consent is for, e.g. statistics'),
    granted: z.boolean().describe('true: granted; false: withdrawn'),
    at: isoTime().describe('When it was granted or withdrawn'),
    recordedByUserId: z.number().int().nullable().describe('Who recorded it (user id)'),
  })
  .describe('A consent granted or withdrawn; the latest event per purpose is the current state');

export const disclosureSchema = z
  .object({
    id: z.number().int().describe("The disclosure's id"),
    recipient: z.string().describe('Who received the data, e.g. "California BBS"'),
    purpose: z.string().describe('Why it was disclosed'),
    categories: z
      .array(z.enum(Object.keys(DATA_CATEGORIES) as [keyof typeof DATA_CATEGORIES]))
      .describe('Categories of data disclosed'),
    format: z.enum(DISCLOSURE_FORMATS).describe('The file format'),
    document: z
      .string()
      .describe('What was produced, e.g. weekly-log, person-record, ce-certificate'),
    madeAt: isoTime().describe('When it was produced'),
    madeByUserId: z.number().int().nullable().describe('Who produced it (user id)'),
    madeBy: z.string().describe('Who produced it (user name)'),
  })
  .describe("An export or report that held this person's data");

export const privacyRequestSchema = z
  .object({
    id: z.number().int().describe("The request's id"),
    kind: z.string().describe('access, correction or deletion'),
    receivedOn: isoDate().describe('When the request was received'),
    requestedByUserId: z.number().int().nullable().describe('Who made it (user id)'),
    identityMethod: nullableText("How the requester's identity was verified"),
    identityVerifiedByUserId: z.number().int().nullable().describe('Who verified it (user id)'),
    identityVerifiedAt: isoTime().nullable().describe('When it was verified'),
    details: z.unknown().describe('What was asked (field and proposed value, week, note)'),
    status: z.string().describe('open, accepted, declined, partial or completed'),
    decidedAt: isoTime().nullable().describe('When it was decided'),
    decidedByUserId: z.number().int().nullable().describe('Who decided it (user id)'),
    decisionReason: nullableText('The reason given for the decision'),
    outcome: z.unknown().describe('What was done, or null while open'),
    createdAt: isoTime().describe('When the row was created'),
    updatedAt: isoTime().describe('When it was last changed'),
  })
  .describe('A privacy request about this person');

export const noticeAcknowledgementSchema = z
  .object({
    id: z.number().int().describe("The acknowledgement's id"),
    userId: z.number().int().describe('The account that acknowledged'),
    noticeVersion: z.string().describe('The privacy notice version acknowledged'),
    noticePublishedOn: isoDate().describe('When that version was published'),
    acknowledgedAt: isoTime().describe('When it was acknowledged'),
  })
  .describe('A privacy notice version the person acknowledged');

export const surveyParticipationSchema = z
  .object({
    surveyId: z.number().int().describe("The survey's id"),
    title: z.string().describe("The survey's title"),
    userId: z.number().int().describe('The account that answered'),
  })
  .describe(
    'A survey the person answered. Answers are stored with no link to who gave them, so they are not part of anyone’s record.',
  );

export const scheduledDeletionSchema = z
  .object({
    id: z.number().int().describe("The scheduled deletion's id"),
    dueOn: isoDate().describe('When the postponed deletion will be carried out'),
    ruleKeys: z.array(z.string()).describe('The retention rules that postponed it'),
    requestId: z.number().int().nullable().describe('The deletion request it belongs to'),
    createdAt: isoTime().describe('When it was scheduled'),
  })
  .describe('Data a retention rule keeps until a date, after which it is deleted');

export const auditEntrySchema = z
  .object({
    id: z.number().int().describe("The audit row's id"),
    at: isoTime().describe('When it happened'),
    actorUserId: z.number().int().nullable().describe('Who did it (user id)'),
    actor: z.string().describe('Who did it (user name, or "system")'),
    action: z.string().describe('What was done, e.g. create, update, export, disclose'),
    entity: nullableText('The kind of record acted on (table name)'),
    entityId: z.number().int().nullable().describe("The record's id"),
    subjectType: nullableText('worker, supervisor or user: whom the row is about'),
    subjectId: z.number().int().nullable().describe('The id of whom the row is about'),
    before: nullableText(
      "The record before the change (JSON). Null when the row is about someone else (this person only acted on another person's record).",
    ),
    after: nullableText('The record after the change (JSON), on the same terms as before'),
    detail: nullableText('A description in words'),
    redactedAt: isoTime().nullable().describe('When personal data was removed from the row'),
    aboutThisPerson: z
      .boolean()
      .describe('true: the row is about this person; false: the person (as a user) acted'),
  })
  .describe('An audit trail row about the person, or made by their account');

export const hourRollupSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.null()]))
  .describe('A row of precomputed per-week totals, kept in step with the hour entries');

export const personRecordSchema = z
  .object({
    schema: z
      .literal(PERSON_RECORD_SCHEMA_ID)
      .describe('Names this format and its version; a changed format gets a new version'),
    generatedAt: isoTime().describe('When the record was produced'),
    practiceName: z.string().describe('The practice that holds the data'),
    personType: z.enum(PERSON_TYPES).describe('worker or supervisor'),
    person: z
      .discriminatedUnion('type', [workerProfileSchema, supervisorProfileSchema])
      .describe('The profile'),
    accounts: z.array(accountSchema).describe('User accounts linked to the person'),
    assignments: z.array(assignmentSchema).describe('Supervision assignments'),
    hourEntries: z.array(hourEntrySchema).describe('Hour entries'),
    weeklyLogs: z.array(weeklyLogSchema).describe("The worker's weeks (empty for a supervisor)"),
    weekSignatures: z.array(weekSignatureSchema).describe('Week sign-offs'),
    supervisionSessions: z.array(supervisionSessionSchema).describe('Supervision sessions'),
    ceRecords: z.array(ceRecordSchema).describe('Continuing education'),
    ceCycles: z.array(ceCycleSchema).describe('CE renewal cycles'),
    consents: z.array(consentSchema).describe('Consent events, oldest first'),
    disclosures: z.array(disclosureSchema).describe("Disclosures of the person's data"),
    privacyRequests: z.array(privacyRequestSchema).describe('Privacy requests'),
    scheduledDeletions: z
      .array(scheduledDeletionSchema)
      .describe('Deletions postponed by a retention rule'),
    noticeAcknowledgements: z
      .array(noticeAcknowledgementSchema)
      .describe('Privacy notice versions acknowledged'),
    surveyParticipation: z
      .array(surveyParticipationSchema)
      .describe('Surveys answered (never the answers)'),
    auditEntries: z.array(auditEntrySchema).describe('Audit trail rows, oldest first'),
    derived: z
      .object({
        hourRollups: z
          .array(hourRollupSchema)
          .describe("Per-week totals computed from the worker's hour entries"),
      })
      .describe('Data computed from the rows above, included because it is held'),
  })
  .describe("Everything Hourkeep holds about one person (Hourkeep's person record, version 1)");

export type PersonRecord = z.infer<typeof personRecordSchema>;
export type PersonProfile = PersonRecord['person'];
export type DisclosureView = z.infer<typeof disclosureSchema>;

/** The record in JSON Schema (draft 2020-12), as committed in docs/person-record.schema.json. */
export const personRecordJsonSchema = () =>
  z.toJSONSchema(personRecordSchema, { target: 'draft-2020-12', unrepresentable: 'any' });
