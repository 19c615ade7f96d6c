import {
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RequestKind,
} from '../../../shared/domain/privacy/people.js';
import {
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  type YearlyRequestReport,
} from '../../../shared/domain/privacy/requests.js';
import {
  finish,
  footers,
  keyValues,
  newDocument,
  sectionHeading,
  table,
  title,
} from '../reports/pdf-layout.js';
import { csvFile } from '../reports/csv-file.js';
import type { ReportFile } from '../../../shared/domain/reports.js';

const PERSON_WORDS = { worker: 'Worker', supervisor: 'Supervisor' } as const;
const personWord = (t: 'worker' | 'supervisor' | null) => (t ? PERSON_WORDS[t] : 'Deleted person');
const days = (d: number | null) => (d === null ? '' : String(d));

/** A request's columns from its kind to its days to decision, as both files show them. */
const columns = (r: YearlyRequestReport['rows'][number]) => [
  REQUEST_KIND_LABELS[r.kind],
  personWord(r.personType),
  r.receivedOn,
  r.identityMethod ?? '',
  REQUEST_STATUS_LABELS[r.status],
  r.decidedOn ?? '',
  days(r.daysToDecision),
];

/** The list names no one (request number and kind of person only), so it discloses no one. */
export function yearlyCsv(report: YearlyRequestReport): ReportFile {
  const data = report.rows.map((r) => [r.id, ...columns(r), r.decisionReason ?? '']);
  return csvFile(
    `privacy-requests-${report.year}.csv`,
    [
      'Request',
      'Kind',
      'Person',
      'Received',
      'Identity verified by',
      'Outcome',
      'Decided',
      'Days to decision',
      'Reason',
    ],
    data,
  );
}

export async function yearlyPdf(
  report: YearlyRequestReport,
  practiceName: string,
  madeAt: string,
): Promise<ReportFile> {
  const doc = newDocument(`Privacy requests ${report.year}`, practiceName);
  title(doc, `Privacy requests in ${report.year}`, practiceName);
  keyValues(doc, [
    ['Requests received', String(report.total)],
    [
      'Median days to decision',
      report.medianDaysToDecision === null
        ? 'No decisions yet'
        : String(report.medianDaysToDecision),
    ],
    ['Produced', madeAt.slice(0, 16).replace('T', ' ')],
  ]);

  sectionHeading(doc, 'By kind and outcome');
  const countRow = (k: RequestKind) => [
    REQUEST_KIND_LABELS[k],
    ...REQUEST_STATUSES.map((s) => String(report.counts[k][s])),
    String(REQUEST_STATUSES.reduce((n, s) => n + report.counts[k][s], 0)),
  ];
  table(
    doc,
    [
      { header: 'Kind', width: '*' },
      ...REQUEST_STATUSES.map((s) => ({
        header: REQUEST_STATUS_LABELS[s],
        width: 62,
        align: 'right' as const,
      })),
      { header: 'Total', width: 50, align: 'right' },
    ],
    REQUEST_KINDS.map(countRow),
  );

  sectionHeading(doc, 'Every request');
  if (report.rows.length === 0) {
    doc.font('Helvetica').fontSize(10).text('No requests were received in this year.');
  } else {
    table(
      doc,
      [
        { header: '#', width: 28, align: 'right' },
        { header: 'Kind', width: 62 },
        { header: 'Person', width: 62 },
        { header: 'Received', width: 62 },
        { header: 'Identity verified by', width: '*' },
        { header: 'Outcome', width: 62 },
        { header: 'Decided', width: 62 },
        { header: 'Days', width: 34, align: 'right' },
      ],
      report.rows.map((r) => [String(r.id), ...columns(r)]),
    );
    const reasons = report.rows.filter((r) => r.decisionReason);
    if (reasons.length) {
      sectionHeading(doc, 'Reasons given');
      keyValues(
        doc,
        reasons.map((r) => [
          `#${r.id} ${REQUEST_STATUS_LABELS[r.status].toLowerCase()}`,
          r.decisionReason ?? '',
        ]),
        110,
      );
    }
  }
  footers(doc, `${practiceName} — privacy requests register, ${report.year}. Names no person.`);
  const made = await finish(doc);
  return {
    fileName: `privacy-requests-${report.year}.pdf`,
    mimeType: 'application/pdf',
    base64: made.buffer.toString('base64'),
  };
}
