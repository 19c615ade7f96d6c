import { format, parseISO } from 'date-fns';
import { CATEGORY_LABELS, HOUR_CATEGORIES } from '../../domain/categories.js';
import { addDaysIso, weekDays, type IsoDate } from '../../domain/dates.js';
import type { HourEntry, Site, Supervisor, Worker } from '../../domain/records.js';
import { minutesByCategory, minutesToDecimalHours } from '../../domain/reports.js';
import { WEEK_STATUS_LABELS } from '../../domain/weekly-logs.js';
import {
  footers,
  finish,
  keyValues,
  newDocument,
  sectionHeading,
  signatureLines,
  signatureStamp,
  table,
  title,
} from './pdf-layout.js';
import { personName, type WeekState } from './report-data.js';

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

const dayLabel = (d: IsoDate) => format(parseISO(d), 'EEE d MMM');
const longDay = (d: IsoDate) => format(parseISO(d), 'EEEE d MMMM yyyy');
const hours = (minutes: number) => `${minutesToDecimalHours(minutes)} h`;
/** Signatures are stored in UTC; the page shows the practice's local time. */
export const localDateTime = (iso: string) => format(new Date(iso), 'yyyy-MM-dd HH:mm');

/** The words of the electronic signature stamp; the tests read them back with pdftotext. */
export function stampLines(week: WeekState, signer: Supervisor | undefined): string[] {
  const sig = week.signature;
  if (!sig) return [];
  const license = signer ? `, ${signer.licenseType} ${signer.licenseNumber}` : '';
  return [
    `Electronically signed by ${sig.signerName}${license}, on ${localDateTime(sig.signedAt)}; ` +
      `version ${sig.version}; SHA-256 ${sig.entriesHash.slice(0, 16)}…`,
    'The signature covers the entries listed above as they stood when the supervisor approved the week.',
  ];
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
        minutesToDecimalHours(e.minutes),
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
        header: format(parseISO(d), 'EEE d'),
        width: '*' as const,
        align: 'right' as const,
      })),
      { header: 'Week', width: '*', align: 'right' },
    ],
    [[...perDay.map(minutesToDecimalHours), minutesToDecimalHours(total)]],
  );

  sectionHeading(doc, 'Totals by category');
  const byCategory = minutesByCategory(HOUR_CATEGORIES, entries);
  table(
    doc,
    [
      { header: 'Category', width: '*' },
      { header: 'Hours', width: 80, align: 'right' },
    ],
    [
      ...HOUR_CATEGORIES.map((c) => [CATEGORY_LABELS[c], minutesToDecimalHours(byCategory[c])]),
      ['Total', hours(total)],
    ],
    { bold: (i) => i === HOUR_CATEGORIES.length },
  );

  sectionHeading(doc, 'Sign-off');
  if (week.status === 'approved' && week.signature) {
    signatureStamp(
      doc,
      'Approved and signed',
      stampLines(week, data.supervisors.get(week.signature.supervisorId)),
    );
  } else {
    if (week.signature) {
      doc
        .font('Helvetica')
        .fontSize(9)
        .text(
          `This week is being amended. Its last signed version (${week.signature.version}) was ` +
            `signed by ${week.signature.signerName} on ${localDateTime(week.signature.signedAt)}.`,
        )
        .moveDown(0.5);
    }
    signatureLines(doc, [`Worker: ${personName(worker)}`, 'Supervisor']);
  }

  footers(
    doc,
    `${data.practiceName} · generated by Hourkeep on ${format(data.generatedAt, 'yyyy-MM-dd HH:mm')}`,
  );
  return finish(doc);
}
