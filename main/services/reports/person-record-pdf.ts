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

/** Above this many audit entries the PDF counts them by month and action instead of listing
 * them (a 50k-entry worker's trail was 2,000 pages); the JSON export keeps every row. */
export const AUDIT_ROWS_LISTED = 300;

/** Actions shown as their own column in the summary; the rest are added up under "Other". */
const SUMMARY_ACTIONS = 6;

/** Audit entries counted by month (YYYY-MM of `at`) and action, the months in order. */
export function auditSummary(entries: readonly { at: string; action: string }[]) {
  const byAction = new Map<string, number>();
  const byMonth = new Map<string, Map<string, number>>();
  for (const e of entries) {
    const month = e.at.slice(0, 7);
    byAction.set(e.action, (byAction.get(e.action) ?? 0) + 1);
    const counts = byMonth.get(month) ?? new Map<string, number>();
    counts.set(e.action, (counts.get(e.action) ?? 0) + 1);
    byMonth.set(month, counts);
  }
  const actions = [...byAction].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = actions.slice(0, SUMMARY_ACTIONS).map(([a]) => a);
  const months = [...byMonth].sort(([a], [b]) => a.localeCompare(b));
  return { shown, other: actions.length > shown.length, months, total: entries.length };
}

/** Rows drawn so far of all the record's tables, for the progress bar. */
interface RowCounter {
  total: number;
  done: number;
  report?: (done: number, total: number) => void;
}

/** A section with a table, or a line saying there is nothing, so every section is present. */
function section(
  doc: Doc,
  heading: string,
  empty: string,
  columns: Parameters<typeof table>[1],
  rows: string[][],
  counter?: RowCounter,
): void {
  sectionHeading(doc, `${heading} (${rows.length})`);
  if (rows.length === 0) none(doc, empty);
  else
    table(doc, columns, rows, {
      onRow: () => {
        if (!counter) return;
        counter.done += 1;
        counter.report?.(counter.done, counter.total);
      },
    });
}

/** The audit trail as counts by month and action, with a line saying where the rows are. */
function auditSummarySection(doc: Doc, entries: PersonRecord['auditEntries']): void {
  const { shown, other, months, total } = auditSummary(entries);
  sectionHeading(doc, `Audit trail (${total})`);
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .fillColor(MUTED)
    .text(
      `${total.toLocaleString('en-US')} audit entries concern this person: too many to list here, so they are counted by month and action. The JSON export of this record lists every entry.`,
    )
    .fillColor(INK);
  doc.moveDown(0.4);
  const label = (a: string) => a.charAt(0).toUpperCase() + a.slice(1);
  table(
    doc,
    [
      { header: 'Month', width: 60 },
      ...shown.map((a) => ({ header: label(a), width: '*' as const, align: 'right' as const })),
      ...(other ? [{ header: 'Other', width: '*' as const, align: 'right' as const }] : []),
      { header: 'Total', width: '*', align: 'right' },
    ],
    months.map(([month, counts]) => {
      const listed = shown.map((a) => counts.get(a) ?? 0);
      const all = [...counts.values()].reduce((s, n) => s + n, 0);
      const rest = all - listed.reduce((s, n) => s + n, 0);
      return [month, ...listed, ...(other ? [rest] : []), all].map(String);
    }),
  );
}

/**
 * The person's full record as a readable document: every section of the JSON record, in the
 * same order, with each row as a table line. Certificates are listed by name (the JSON export
 * carries the files).
 */
export async function renderPersonRecord(
  record: PersonRecord,
  onProgress?: (done: number, total: number) => void,
) {
  const p = record.person;
  const listAudit = record.auditEntries.length <= AUDIT_ROWS_LISTED;
  const counter: RowCounter = {
    done: 0,
    total:
      record.hourEntries.length +
      record.weeklyLogs.length +
      record.weekSignatures.length +
      record.supervisionSessions.length +
      (listAudit ? record.auditEntries.length : 0),
    ...(onProgress ? { report: onProgress } : {}),
  };
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
    counter,
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
    counter,
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
    counter,
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
    counter,
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

  if (!listAudit) auditSummarySection(doc, record.auditEntries);
  else
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
      counter,
    );

  if (record.derived.hourRollups.length > 0) {
    sectionHeading(doc, 'Derived data');
    keyValues(doc, [
      ['Weekly totals', `${record.derived.hourRollups.length} rows computed from the hour entries`],
    ]);
  }

  footers(doc, `${record.practiceName} · personal data record of ${name} · ${record.schema}`);
  onProgress?.(counter.total, counter.total);
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
