import { CATEGORY_LABELS, type HourCategory } from '../../../shared/domain/categories.js';
import { formatDate, formatMinutes } from '../../../shared/domain/format.js';
import { CONSENT_PURPOSES } from '../../../shared/domain/privacy/people.js';
import type { PersonRecord } from '../../../shared/domain/privacy/person-record.js';
import {
  categoriesLabel,
  type DisclosureReportRow,
} from '../../../shared/domain/privacy/disclosures.js';
import {
  type Doc,
  footers,
  finish,
  keyValues,
  MUTED,
  INK,
  newDocument,
  sectionHeading,
  table,
  title,
} from './pdf-layout.js';
import { localDateTime } from './weekly-log-pdf.js';

/** A day as every screen and document shows it ("16 Nov 2026"); none is left blank. */
const day = (iso: string | null | undefined) => (iso ? formatDate(iso) : '');

const categoryLabel = (c: string) => CATEGORY_LABELS[c as HourCategory] ?? c;
const purposeLabel = (p: string) => (CONSENT_PURPOSES as Record<string, string>)[p] ?? p;
const yes = (b: boolean) => (b ? 'Yes' : 'No');

function none(doc: Doc, what: string): void {
  doc.font('Helvetica').fontSize(9.5).fillColor(MUTED).text(`No ${what}.`).fillColor(INK);
  doc.moveDown(0.4);
}

/** A section with a table, or a line saying there is nothing, so every section is present. */
function section(
  doc: Doc,
  heading: string,
  empty: string,
  columns: Parameters<typeof table>[1],
  rows: string[][],
): void {
  sectionHeading(doc, `${heading} (${rows.length})`);
  if (rows.length === 0) none(doc, empty);
  else table(doc, columns, rows);
}

/**
 * The person's full record as a readable document: every section of the JSON record, in the
 * same order, with each row as a table line. Certificates are listed by name (the JSON export
 * carries the files).
 */
export async function renderPersonRecord(record: PersonRecord) {
  const p = record.person;
  const name = `${p.firstName} ${p.lastName}`;
  const doc = newDocument(`Personal data record — ${name}`, record.practiceName);
  title(
    doc,
    `Personal data record: ${name}`,
    `${record.practiceName} · everything held about this ${record.personType} · produced ${localDateTime(record.generatedAt)}`,
  );

  sectionHeading(doc, 'Profile');
  keyValues(doc, [
    ['Type', p.type === 'worker' ? 'Worker' : 'Supervisor'],
    ['Name', name],
    ['Email', p.email],
    ['Phone', p.phone ?? ''],
    ...(p.type === 'worker'
      ? ([
          ['Title', p.title ?? ''],
          ['Registration', p.registrationNumber ?? ''],
          ['Registration expires', day(p.registrationExpires)],
          ['Start date', day(p.startDate)],
          ['End date', day(p.endDate)],
          ['Degree', p.degree ?? ''],
          ['School', p.school ?? ''],
          ['Graduation date', day(p.graduationDate)],
          ['Requirement pack', p.packId ?? ''],
        ] as [string, string][])
      : ([
          ['Licence', `${p.licenseType} ${p.licenseNumber} (${p.licenseState})`],
          ['Licence expires', day(p.licenseExpires)],
        ] as [string, string][])),
    ['Active', yes(p.active)],
    ['Record created', localDateTime(p.createdAt)],
    ['Last changed', localDateTime(p.updatedAt)],
  ]);

  section(
    doc,
    'User accounts',
    'user account',
    [
      { header: 'User name', width: 100 },
      { header: 'Display name', width: '*' },
      { header: 'Role', width: 70 },
      { header: 'Disabled', width: 55 },
      { header: 'Created', width: 95 },
    ],
    record.accounts.map((a) => [
      a.username,
      a.displayName,
      a.role,
      yes(a.disabled),
      localDateTime(a.createdAt),
    ]),
  );

  section(
    doc,
    'Supervision assignments',
    'assignments',
    [
      { header: p.type === 'worker' ? 'Supervisor' : 'Worker', width: '*' },
      { header: 'Site', width: 120 },
      { header: 'From', width: 70 },
      { header: 'To', width: 70 },
      { header: 'Agreement', width: 70 },
    ],
    record.assignments.map((a) => [
      p.type === 'worker' ? a.supervisor.name : a.worker.name,
      a.site.name,
      day(a.startDate),
      a.endDate ? day(a.endDate) : 'ongoing',
      day(a.agreementSignedOn),
    ]),
  );

  const total = record.hourEntries.reduce((s, e) => s + e.minutes, 0);
  section(
    doc,
    p.type === 'worker' ? 'Hour entries' : 'Hour entries naming this supervisor',
    'hour entries',
    [
      { header: 'Date', width: 'fit' },
      { header: p.type === 'worker' ? 'Supervisor' : 'Worker', width: 90 },
      { header: 'Category', width: 'fit' },
      { header: 'Time', width: 'fit', align: 'right' },
      { header: 'Status', width: 55 },
      { header: 'Note', width: '*' },
    ],
    record.hourEntries.map((e) => [
      day(e.date),
      p.type === 'worker' ? e.supervisor.name : e.worker.name,
      categoryLabel(e.category),
      formatMinutes(e.minutes),
      e.status,
      e.note ?? '',
    ]),
  );
  if (record.hourEntries.length > 0)
    keyValues(doc, [['Total', `${formatMinutes(total)} in ${record.hourEntries.length} entries`]]);

  section(
    doc,
    'Weekly logs',
    'weekly logs',
    [
      { header: 'Week of', width: 70 },
      { header: 'Status', width: 70 },
      { header: 'Version', width: 50 },
      { header: 'Submitted', width: 95 },
      { header: 'Comment or reason', width: '*' },
    ],
    record.weeklyLogs.map((l) => [
      l.weekStart,
      l.status,
      String(l.version),
      l.submittedAt ? localDateTime(l.submittedAt) : '',
      l.returnComment ?? l.amendmentReason ?? '',
    ]),
  );

  section(
    doc,
    p.type === 'worker' ? 'Sign-offs of these weeks' : 'Sign-offs made',
    'sign-offs',
    [
      { header: 'Week of', width: 70 },
      { header: p.type === 'worker' ? 'Signed by' : 'Worker', width: '*' },
      { header: 'Version', width: 50 },
      { header: 'Signed', width: 95 },
      { header: 'SHA-256', width: 110 },
    ],
    record.weekSignatures.map((g) => [
      g.weekStart,
      p.type === 'worker' ? g.signerName : g.worker.name,
      String(g.version),
      localDateTime(g.signedAt),
      `${g.entriesHash.slice(0, 16)}…`,
    ]),
  );

  section(
    doc,
    'Supervision sessions',
    'supervision sessions',
    [
      { header: 'Date', width: 62 },
      { header: 'Kind', width: 60 },
      { header: p.type === 'worker' ? 'Supervisor' : 'Attendees', width: 130 },
      { header: 'Time', width: 'fit', align: 'right' },
      { header: 'Note', width: '*' },
    ],
    record.supervisionSessions.map((x) => [
      day(x.date),
      x.kind,
      p.type === 'worker' ? x.supervisor.name : x.attendees.map((a) => a.name).join(', '),
      formatMinutes(x.minutes),
      x.note ?? '',
    ]),
  );

  section(
    doc,
    'Continuing education',
    'CE records',
    [
      { header: 'Date', width: 62 },
      { header: 'Title', width: '*' },
      { header: 'Provider', width: 100 },
      { header: 'Credit', width: 'fit', align: 'right' },
      { header: 'Certificate', width: 100 },
    ],
    record.ceRecords.map((c) => [
      day(c.date),
      c.title,
      c.provider,
      formatMinutes(c.minutes),
      c.certificateName ?? '',
    ]),
  );

  section(
    doc,
    'CE renewal cycles',
    'CE cycles',
    [
      { header: 'From', width: 70 },
      { header: 'To', width: 70 },
      { header: 'Preset', width: 90 },
      { header: 'Required', width: '*' },
    ],
    record.ceCycles.map((c) => [
      day(c.startDate),
      day(c.endDate),
      c.preset,
      `${formatMinutes(c.requiredMinutes)} (law and ethics ${formatMinutes(c.lawEthicsMinutes)})`,
    ]),
  );

  section(
    doc,
    'Consents',
    'consents recorded',
    [
      { header: 'When', width: 95 },
      { header: 'Purpose', width: '*' },
      { header: 'Decision', width: 80 },
    ],
    record.consents.map((c) => [
      localDateTime(c.at),
      purposeLabel(c.purpose),
      c.granted ? 'Granted' : 'Withdrawn',
    ]),
  );

  section(
    doc,
    'Disclosures of this data',
    'disclosures',
    [
      { header: 'When', width: 85 },
      { header: 'Recipient', width: 95 },
      { header: 'Purpose', width: '*' },
      { header: 'What', width: 110 },
      { header: 'By', width: 60 },
    ],
    record.disclosures.map((d) => [
      localDateTime(d.madeAt),
      d.recipient,
      d.purpose,
      `${d.document} (${d.format.toUpperCase()}): ${categoriesLabel(d.categories)}`,
      d.madeBy,
    ]),
  );

  section(
    doc,
    'Privacy requests',
    'privacy requests',
    [
      { header: 'Received', width: 70 },
      { header: 'Kind', width: 70 },
      { header: 'Status', width: 70 },
      { header: 'Decision', width: '*' },
    ],
    record.privacyRequests.map((r) => [r.receivedOn, r.kind, r.status, r.decisionReason ?? '']),
  );

  section(
    doc,
    'Postponed deletions',
    'postponed deletions',
    [
      { header: 'Due on', width: 80 },
      { header: 'Retention rules', width: '*' },
    ],
    record.scheduledDeletions.map((s) => [s.dueOn, s.ruleKeys.join(', ')]),
  );

  section(
    doc,
    'Privacy notices acknowledged',
    'acknowledgements',
    [
      { header: 'Version', width: 80 },
      { header: 'Published', width: 80 },
      { header: 'Acknowledged', width: '*' },
    ],
    record.noticeAcknowledgements.map((k) => [
      k.noticeVersion,
      k.noticePublishedOn,
      localDateTime(k.acknowledgedAt),
    ]),
  );

  section(
    doc,
    'Surveys answered (the answers are anonymous and not held against anyone)',
    'surveys answered',
    [{ header: 'Survey', width: '*' }],
    record.surveyParticipation.map((s) => [s.title]),
  );

  section(
    doc,
    'Audit trail',
    'audit entries',
    [
      { header: 'When', width: 85 },
      { header: 'By', width: 60 },
      { header: 'Action', width: 55 },
      { header: 'Record', width: 110 },
      { header: 'Detail', width: '*' },
    ],
    record.auditEntries.map((a) => [
      localDateTime(a.at),
      a.actor,
      a.action,
      a.entity ? `${a.entity}${a.entityId ? ` #${a.entityId}` : ''}` : '',
      a.detail ?? '',
    ]),
  );

  if (record.derived.hourRollups.length > 0) {
    sectionHeading(doc, 'Derived data');
    keyValues(doc, [
      ['Weekly totals', `${record.derived.hourRollups.length} rows computed from the hour entries`],
    ]);
  }

  footers(doc, `${record.practiceName} · personal data record of ${name} · ${record.schema}`);
  return finish(doc);
}

/** The owner's yearly report: every disclosure made in the year, oldest first. */
export async function renderDisclosureReport(
  practiceName: string,
  year: number,
  rows: readonly DisclosureReportRow[],
  generatedAt: Date,
) {
  const doc = newDocument(`Disclosures ${year}`, practiceName);
  title(
    doc,
    `Disclosures of personal data, ${year}`,
    `${practiceName} · ${rows.length} disclosure${rows.length === 1 ? '' : 's'} · produced ${localDateTime(generatedAt.toISOString())}`,
  );
  if (rows.length === 0) none(doc, `disclosures were made in ${year}`);
  else
    table(
      doc,
      [
        { header: 'When', width: 80 },
        { header: 'Person', width: 85 },
        { header: 'Recipient', width: 80 },
        { header: 'Purpose', width: '*' },
        { header: 'What', width: 150 },
        { header: 'By', width: 50 },
      ],
      rows.map((d) => [
        localDateTime(d.madeAt),
        d.personName ?? `deleted ${d.personType}`,
        d.recipient,
        d.purpose,
        `${d.document} (${d.format.toUpperCase()}): ${categoriesLabel(d.categories)}`,
        d.madeBy,
      ]),
    );
  footers(doc, `${practiceName} · disclosures report ${year}`);
  return finish(doc);
}
