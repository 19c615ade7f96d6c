import type { HourCategory } from '../../../shared/domain/categories.js';
import { HOUR_CATEGORIES, isSupervision } from '../../../shared/domain/categories.js';
import { addDaysIso, weekStartOf, type IsoDate } from '../../../shared/domain/dates.js';
import { SIGNED_WEEKS_FILE_NAME } from '../../../shared/domain/signed-weeks.js';
import { WEEK_STATUS_LABELS } from '../../../shared/domain/weekly-logs.js';
import type { Pack } from '../../../shared/domain/packs/index.js';
import type { Progress } from '../../../shared/domain/progress.js';
import type { HourEntry, Site, Supervisor, Worker } from '../../../shared/domain/records.js';
import { countWeeks, minutesByCategory } from '../../../shared/domain/reports.js';
import {
  formatCount,
  formatDateLong,
  formatDateTime,
  formatDecimalHours,
} from '../../../shared/domain/format.js';
import {
  FONT,
  MARGIN,
  MUTED,
  INK,
  contentWidth,
  footers,
  finish,
  keepTogether,
  keyValues,
  newDocument,
  sectionHeading,
  signatureLines,
  signatureLinesHeight,
  table,
  tableHeight,
  title,
  type Column,
  type Doc,
} from './pdf-layout.js';
import { personName, type WeekState } from './report-data.js';
import { attachSignedWeeks, signedWeekOf } from './signed-weeks-file.js';
import { localDateTime } from './weekly-log-pdf.js';

/** One supervisor at one site, with the worker's entries under them there. */
export interface ExperienceSection {
  supervisor: Supervisor;
  site: Site;
  entries: readonly HourEntry[];
}

export interface ExperienceSummaryData {
  practiceName: string;
  worker: Worker;
  sections: readonly ExperienceSection[];
  /** The worker's pack and progress over all their hours, when a pack is assigned. */
  progress: { pack: Pack; progress: Progress } | null;
  generatedAt: Date;
  /** The worker's weeks that left draft, with their sign-offs, and what the bundle needs. */
  weeks: ReadonlyMap<IsoDate, WeekState>;
  allEntries: readonly HourEntry[];
  sites: ReadonlyMap<number, Site>;
  supervisors: ReadonlyMap<number, Supervisor>;
  /** Called after each section is drawn, for the progress bar. */
  onSection?: (done: number) => void;
}

/** The figures a board's experience verification form asks for, for one supervisor and site. */
export interface ExperienceFigures {
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
  weeks: number;
  weeksWithSupervision: number;
  minutes: Record<HourCategory, number>;
  directMinutes: number;
  nonClinicalMinutes: number;
  totalMinutes: number;
}

export function experienceFigures(entries: readonly HourEntry[]): ExperienceFigures {
  const minutes = minutesByCategory(HOUR_CATEGORIES, entries);
  const directMinutes = minutes.direct_individual + minutes.direct_family + minutes.direct_group;
  const totalMinutes = entries.reduce((s, e) => s + e.minutes, 0);
  const dates = entries.map((e) => e.date).sort();
  return {
    firstDate: dates[0] ?? null,
    lastDate: dates.at(-1) ?? null,
    weeks: countWeeks(dates, weekStartOf),
    weeksWithSupervision: countWeeks(
      entries.filter((e) => isSupervision(e.category)).map((e) => e.date),
      weekStartOf,
    ),
    minutes,
    directMinutes,
    // Boards count supervision received as non-clinical experience (California BBS since 2021).
    nonClinicalMinutes: totalMinutes - directMinutes,
    totalMinutes,
  };
}

const longDate = (d: IsoDate | null) => (d ? formatDateLong(d) : '—');
const h = formatDecimalHours;

/** The section's weeks and this supervisor's sign-off of each: the rows of "Signed weeks". */
function signedWeekRows(s: ExperienceSection, weeks: ReadonlyMap<IsoDate, WeekState>): string[][] {
  const starts = [...new Set(s.entries.map((e) => weekStartOf(e.date)))].sort();
  return starts.map((start) => {
    const w = weeks.get(start);
    const mine = w?.signOffs.find((o) => o.supervisorId === s.supervisor.id);
    const status = w ? WEEK_STATUS_LABELS[w.status] : 'Draft';
    if (!mine) return [start, status, 'Not signed', '', ''];
    const who = `${mine.signerName}, ${localDateTime(mine.signedAt)} (v${mine.version})`;
    if (!mine.signed) return [start, status, who, 'Approved before signatures', ''];
    return [start, status, who, mine.signed.fingerprint, mine.signed.verificationCode];
  });
}

const FIGURE_COLUMNS: Column[] = [
  { header: 'Hours of experience', width: '*' },
  { header: 'Hours', width: 'fit', align: 'right' },
];

const CHECK_NOTE =
  'Supervisor: please check these figures against your own records before signing. ' +
  'Hours are decimal (1.50 = 1 hour 30 minutes).';

function drawSection(
  doc: Doc,
  worker: Worker,
  s: ExperienceSection,
  weeks: ReadonlyMap<IsoDate, WeekState>,
): void {
  const f = experienceFigures(s.entries);
  const sup = s.supervisor;
  sectionHeading(doc, `${personName(sup)} at ${s.site.name}`);
  keyValues(doc, [
    ['Applicant', personName(worker)],
    ['Registration number', worker.registrationNumber ?? 'Not recorded'],
    // The boards' verification forms ask for the qualifying degree, its school and date.
    ['Degree', worker.degree ?? 'Not recorded'],
    ['School', worker.school ?? 'Not recorded'],
    ['Graduation date', worker.graduationDate ? longDate(worker.graduationDate) : 'Not recorded'],
    ['Supervisor', personName(sup)],
    [
      'Supervisor license',
      `${sup.licenseType} ${sup.licenseNumber}, ${sup.licenseState}, expires ${longDate(sup.licenseExpires)}`,
    ],
    ['Supervisor contact', [sup.email, sup.phone].filter(Boolean).join(' · ')],
    ['Work setting', [s.site.name, s.site.address, s.site.phone].filter(Boolean).join(', ')],
    ['Dates of experience', `${longDate(f.firstDate)} to ${longDate(f.lastDate)}`],
    ['Weeks of experience', formatCount(f.weeks)],
    ['Weeks with supervision', formatCount(f.weeksWithSupervision)],
  ]);
  const figures = [
    ['Direct counseling — individual', h(f.minutes.direct_individual)],
    ['Direct counseling — couples, families and children', h(f.minutes.direct_family)],
    ['Direct counseling — group', h(f.minutes.direct_group)],
    ['Total direct counseling', h(f.directMinutes)],
    [
      'Supervision received — individual or triadic',
      h(f.minutes.supervision_individual + f.minutes.supervision_triadic),
    ],
    ['Supervision received — group', h(f.minutes.supervision_group)],
    ['Other non-clinical experience', h(f.minutes.nonclinical)],
    ['Total non-clinical (supervision included)', h(f.nonClinicalMinutes)],
    ['Total hours of experience', h(f.totalMinutes)],
  ];
  // The figures, the note and the supervisor's signature lines are measured and kept on one
  // page: the lines to sign are never alone at the top of a page away from what they certify.
  doc.font(FONT).fontSize(9);
  keepTogether(
    doc,
    tableHeight(doc, FIGURE_COLUMNS, figures) +
      doc.heightOfString(CHECK_NOTE, { width: contentWidth(doc) }) +
      signatureLinesHeight(1),
  );
  table(doc, FIGURE_COLUMNS, figures, { bold: (i) => i === 3 || i === 7 || i === 8 });
  doc.font(FONT).fontSize(9).fillColor(MUTED).text(CHECK_NOTE).fillColor(INK);
  signatureLines(doc, [`Supervisor: ${personName(sup)}`]);
  const rows = signedWeekRows(s, weeks);
  if (rows.length) {
    sectionHeading(doc, `Weeks signed by ${personName(sup)} (Ed25519)`);
    table(
      doc,
      [
        { header: 'Week of', width: 'fit' },
        { header: 'Status', width: 'fit' },
        { header: 'Signed by, at (version)', width: '*' },
        // Sized to the widest fingerprint and code in bold, so neither breaks across lines.
        { header: 'Key fingerprint', width: 'fit' },
        { header: 'Code', width: 'fit' },
      ],
      rows,
    );
  }
}

function drawProgress(doc: Doc, pack: Pack, progress: Progress): void {
  sectionHeading(doc, `Progress toward ${pack.name} (all supervisors and sites)`);
  const amount = (unit: string, n: number) =>
    unit === 'minutes'
      ? `${h(n)} h`
      : `${formatCount(n)} ${n === 1 ? unit.replace(/s$/, '') : unit}`;
  table(
    doc,
    [
      { header: 'Requirement', width: '*' },
      { header: 'Counted', width: 'fit', align: 'right' },
      { header: 'Required', width: 'fit', align: 'right' },
      { header: 'Status', width: 'fit' },
    ],
    progress.requirements.map((r) => [
      r.label,
      amount(r.unit, r.counted),
      `${r.kind === 'max' ? 'at most ' : ''}${amount(r.unit, r.required)}`,
      r.met ? 'Met' : r.kind === 'max' ? 'Over' : 'Not yet',
    ]),
  );
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(`Pack version ${pack.versionDate}; figures as of ${progress.today}.`)
    .fillColor(INK);
}

/**
 * The worker's experience per supervisor and site, laid out with the figures a board's
 * experience verification form asks for (modelled on the California BBS LMFT In-State
 * Experience Verification, 37A-301), each section ending in the supervisor's signature lines.
 */
export async function renderExperienceSummary(data: ExperienceSummaryData) {
  const { worker } = data;
  const doc = newDocument(`Experience summary — ${personName(worker)}`, data.practiceName);
  title(
    doc,
    'Summary of supervised experience',
    `${data.practiceName} · figures for a board's experience verification form, one section per supervisor and work setting`,
  );
  if (data.sections.length === 0) {
    doc.font('Helvetica').fontSize(10).text('No hours are logged for this selection.');
  }
  data.sections.forEach((section, i) => {
    if (i > 0) doc.addPage();
    drawSection(doc, worker, section, data.weeks);
    data.onSection?.(i + 1);
  });
  if (data.progress) drawProgress(doc, data.progress.pack, data.progress.progress);
  // Every week with hours in the summary, with all its entries (the figures behind it).
  const starts = new Set(data.sections.flatMap((s) => s.entries.map((e) => weekStartOf(e.date))));
  const signed = [...starts].sort().flatMap((start) => {
    const state = data.weeks.get(start);
    if (!state?.signOffs.length) return [];
    const end = addDaysIso(start, 6);
    const entries = data.allEntries.filter((e) => e.date >= start && e.date <= end);
    return [signedWeekOf(worker, start, state, entries, data.sites, data.supervisors)];
  });
  if (signed.some((w) => w.signOffs.length)) {
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(MUTED)
      .moveDown(0.5)
      .text(
        `The signed week documents, signatures and public keys are attached to this PDF ` +
          `(${SIGNED_WEEKS_FILE_NAME}); check them with Hourkeep (Admin > Verify) or ` +
          `"npm run verify -- FILE".`,
        MARGIN,
        doc.y,
      )
      .fillColor(INK);
  }
  attachSignedWeeks(
    doc,
    {
      practiceName: data.practiceName,
      document: 'experience-summary',
      generatedAt: data.generatedAt,
    },
    signed,
  );
  footers(
    doc,
    `${data.practiceName} · ${personName(worker)} · generated by Hourkeep on ${formatDateTime(data.generatedAt)}`,
  );
  return finish(doc);
}
