import { CATEGORY_LABELS, HOUR_CATEGORIES } from '../../../shared/domain/categories.js';
import { addDaysIso, weekDays, type IsoDate } from '../../../shared/domain/dates.js';
import type { HourEntry, Site, Supervisor, Worker } from '../../../shared/domain/records.js';
import {
  formatDateTime,
  formatDayFull,
  formatDayShort,
  formatDecimalHours,
  formatWeekday,
} from '../../../shared/domain/format.js';
import { minutesByCategory } from '../../../shared/domain/reports.js';
import { WEEK_STATUS_LABELS } from '../../../shared/domain/weekly-logs.js';
import { SIGNED_WEEKS_FILE_NAME } from '../../../shared/domain/signed-weeks.js';
import {
  FONT,
  INK,
  MARGIN,
  MUTED,
  contentWidth,
  footers,
  finish,
  keepTogether,
  keyValues,
  newDocument,
  sectionHeading,
  sectionHeadingHeight,
  signatureLines,
  signatureLinesHeight,
  signatureStamp,
  stampHeight,
  table,
  tableHeight,
  title,
  type Column,
  type Doc,
} from './pdf-layout.js';
import { personName, type SignOff, type WeekState } from './report-data.js';
import { attachSignedWeeks, signedWeekOf } from './signed-weeks-file.js';

export interface WeeklyLogData {
  practiceName: string;
  worker: Worker;
  weekStart: IsoDate;
  entries: readonly HourEntry[];
  sites: ReadonlyMap<number, Site>;
  supervisors: ReadonlyMap<number, Supervisor>;
  week: WeekState;
  /** When the file was made (local time), for the footer. */
  generatedAt: Date;
}

const dayLabel = formatDayShort;
const longDay = formatDayFull;
const hours = (minutes: number) => `${formatDecimalHours(minutes)} h`;
/**
 * Signatures are stored in UTC; the page shows the practice's local time in the app's one
 * date-and-time form, held on one line (no-break spaces) in narrow table cells.
 */
export const localDateTime = (iso: string) => formatDateTime(iso).replace(/ /g, '\u00a0');

/** The words of one supervisor's signature block; the tests read them back with pdftotext. */
export function signOffLines(signOff: SignOff, signer: Supervisor | undefined): string[] {
  const license = signer
    ? `, ${signer.licenseType} ${signer.licenseNumber} (${signer.licenseState})`
    : '';
  const first =
    `Electronically signed by ${signOff.signerName}${license}, on ` +
    `${localDateTime(signOff.signedAt)}; version ${signOff.version}.`;
  if (!signOff.signed)
    return [
      `Approved by ${signOff.signerName}${license}, on ${localDateTime(signOff.signedAt)}; ` +
        `version ${signOff.version}.`,
      `Approved before signatures: no cryptographic signature; entries SHA-256 ${signOff.entriesHash.slice(0, 16)}…`,
    ];
  return [
    first,
    `Verification code ${signOff.signed.verificationCode} · Ed25519 · key fingerprint ` +
      signOff.signed.fingerprint,
  ];
}

const CATEGORY_COLUMNS: Column[] = [
  { header: 'Category', width: '*' },
  { header: 'Hours', width: 'fit', align: 'right' },
];

const waitingText = (week: WeekState) =>
  week.status === 'submitted'
    ? `This week is waiting for the other supervisors' signatures (version ${week.signOffs[0]?.version}).`
    : `This week is being amended. Its last signed version is shown below.`;

const VERIFY_TEXT =
  `Each signature covers that supervisor's entries above as they stood when signed. The signed ` +
  `documents, signatures and public keys are attached to this PDF (${SIGNED_WEEKS_FILE_NAME}); ` +
  `check them with Hourkeep (Admin > Verify) or "npm run verify -- FILE", and compare the ` +
  `fingerprint with the one the supervisor's practice recorded.`;

/** The height drawSignOff takes, so it is kept on one page with the totals above it. */
function signOffHeight(doc: Doc, week: WeekState, blocks: readonly string[][]): number {
  const width = contentWidth(doc);
  let height = sectionHeadingHeight(doc);
  if (week.signOffs.length && week.status !== 'approved') {
    doc.font(FONT).fontSize(9);
    height += doc.heightOfString(waitingText(week), { width }) + doc.currentLineHeight(true) * 0.5;
  }
  height += blocks.reduce((n, lines) => n + stampHeight(doc, lines) + 14, 0);
  if (week.signOffs.some((o) => o.signed)) {
    doc.font(FONT).fontSize(8.5);
    height += doc.heightOfString(VERIFY_TEXT, { width });
  }
  if (week.signOffs.length === 0) height += signatureLinesHeight(2);
  return height;
}

/** The supervisors' signature stamps, or lines to sign by hand when nobody has signed. */
function drawSignOff(doc: Doc, week: WeekState, blocks: readonly string[][], worker: string) {
  sectionHeading(doc, week.signOffs.length > 1 ? 'Sign-offs' : 'Sign-off');
  if (week.signOffs.length && week.status !== 'approved')
    doc.font(FONT).fontSize(9).text(waitingText(week)).moveDown(0.5);
  week.signOffs.forEach((o, i) => {
    signatureStamp(
      doc,
      o.signed ? `Signed by ${o.signerName}` : `Approved before signatures by ${o.signerName}`,
      blocks[i] ?? [],
    );
  });
  if (week.signOffs.some((o) => o.signed))
    doc
      .font(FONT)
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(VERIFY_TEXT, MARGIN, doc.y, { width: contentWidth(doc) })
      .fillColor(INK);
  if (week.signOffs.length === 0) signatureLines(doc, [`Worker: ${worker}`, 'Supervisor']);
}

/** A worker's Monday-to-Sunday week as a printable log with its sign-off. */
export async function renderWeeklyLog(data: WeeklyLogData) {
  const { worker, weekStart, entries, week } = data;
  const days = weekDays(weekStart);
  const doc = newDocument(
    `Weekly log — ${personName(worker)} — week of ${weekStart}`,
    data.practiceName,
  );

  title(doc, 'Weekly log of supervised experience', data.practiceName);
  keyValues(doc, [
    ['Worker', [personName(worker), worker.title].filter(Boolean).join(', ')],
    ['Registration number', worker.registrationNumber ?? 'Not recorded'],
    ['Week', `${longDay(weekStart)} to ${longDay(addDaysIso(weekStart, 6))}`],
    [
      'Status',
      WEEK_STATUS_LABELS[week.status] +
        (week.signature ? ` (version ${week.signature.version})` : ''),
    ],
  ]);

  sectionHeading(doc, 'Entries');
  const name = (s: { firstName: string; lastName: string } | undefined) =>
    s ? personName(s) : '?';
  const rows: string[][] = [];
  for (const day of days) {
    const ofDay = entries.filter((e) => e.date === day);
    if (ofDay.length === 0) {
      rows.push([dayLabel(day), '', '', 'No hours logged', '', '']);
      continue;
    }
    for (const e of ofDay) {
      rows.push([
        dayLabel(day),
        data.sites.get(e.siteId)?.name ?? '?',
        name(data.supervisors.get(e.supervisorId)),
        CATEGORY_LABELS[e.category],
        formatDecimalHours(e.minutes),
        e.note ?? '',
      ]);
    }
  }
  table(
    doc,
    [
      { header: 'Date', width: 76 },
      { header: 'Site', width: 92 },
      { header: 'Supervisor', width: 80 },
      { header: 'Category', width: 104 },
      { header: 'Hours', width: 38, align: 'right' },
      { header: 'Note', width: '*' },
    ],
    rows,
  );

  sectionHeading(doc, 'Totals by day');
  const perDay = days.map((d) =>
    entries.filter((e) => e.date === d).reduce((s, e) => s + e.minutes, 0),
  );
  const total = perDay.reduce((s, m) => s + m, 0);
  table(
    doc,
    [
      ...days.map((d) => ({
        header: formatWeekday(d),
        width: '*' as const,
        align: 'right' as const,
      })),
      { header: 'Week', width: '*', align: 'right' },
    ],
    [[...perDay.map(formatDecimalHours), formatDecimalHours(total)]],
  );

  const blocks = week.signOffs.map((o) => signOffLines(o, data.supervisors.get(o.supervisorId)));
  const byCategory = minutesByCategory(HOUR_CATEGORIES, entries);
  const categoryRows = [
    ...HOUR_CATEGORIES.map((c) => [CATEGORY_LABELS[c], formatDecimalHours(byCategory[c])]),
    ['Total', hours(total)],
  ];
  // The totals by category and the whole sign-off are measured and kept on one page, so a
  // signature never sits alone at the top of a page away from the week it signs.
  keepTogether(
    doc,
    sectionHeadingHeight(doc) +
      tableHeight(doc, CATEGORY_COLUMNS, categoryRows) +
      signOffHeight(doc, week, blocks),
  );
  sectionHeading(doc, 'Totals by category');
  table(doc, CATEGORY_COLUMNS, categoryRows, { bold: (i) => i === HOUR_CATEGORIES.length });
  drawSignOff(doc, week, blocks, personName(worker));
  attachSignedWeeks(
    doc,
    { practiceName: data.practiceName, document: 'weekly-log', generatedAt: data.generatedAt },
    [signedWeekOf(worker, weekStart, week, entries, data.sites, data.supervisors)],
  );

  footers(
    doc,
    `${data.practiceName} · generated by Hourkeep on ${formatDateTime(data.generatedAt)}`,
  );
  return finish(doc);
}
