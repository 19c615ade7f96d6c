import type { Knex } from 'knex';
import { toIsoDate, weekStartOf, addDaysIso, type IsoDate } from '../../../shared/domain/dates.js';
import { computeProgress } from '../../../shared/domain/progress.js';
import type { ReportFile } from '../../../shared/domain/reports.js';
import { PROGRESS_TASKS } from '../../../shared/domain/reports.js';
import type { PacksService } from '../packs.js';
import type { DataCategory } from '../../../shared/domain/privacy/people.js';
import type { CorePorts } from '../ports.js';
import { recordDisclosure } from '../privacy/disclosures.js';
import type { ExperienceSection } from './experience-summary-pdf.js';
import { renderPdfJob, type MadePdf, type PdfJob } from './pdf-jobs.js';
import {
  allEntries,
  entriesBetween,
  loadSite,
  loadSupervisor,
  loadWorker,
  personName,
  practiceName,
  sitesById,
  supervisorsById,
  weekState,
  weekStatesOf,
} from './report-data.js';
import type { JobProgress } from '../../workers/job-port.js';
import type { LongJobs, WorkerJobs } from './worker-jobs.js';

/** "Sam Chen" → "chen-sam", safe in any file system. */
export const fileSlug = (p: { firstName: string; lastName: string }) =>
  `${p.lastName}-${p.firstName}`
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase() || 'worker';

/** Who a file is for and why, as the disclosure log records it. */
export interface Disclosure {
  recipient: string;
  purpose: string;
}

/** What a file is and holds, for its disclosure record. */
interface FileKind {
  document: string;
  categories: DataCategory[];
}

const pdfFile = (fileName: string, made: MadePdf): ReportFile => ({
  fileName,
  mimeType: 'application/pdf',
  base64: made.base64,
  pages: made.pages,
});

/** What a cancelled report call answers; nothing was recorded, as no file was handed over. */
export const PDF_CANCELLED = 'The PDF was cancelled: no file was made and nothing was recorded.';

/**
 * Printable reports of a worker's hours. They read records and write only the audit row that
 * says who exported what (an export of a person's record is itself recorded). The records are
 * read here, outside any transaction; the layout runs in a worker thread (pdf-jobs.ts) with
 * progress and cancel, and the export is recorded only once the file is made.
 */
export function makeReportsService(
  { db, clock, audit }: CorePorts,
  { packs, jobs, workers }: { packs: PacksService; jobs: LongJobs; workers: WorkerJobs },
) {
  /** Reads the records (`read`), then lays the PDF out in a worker thread. */
  const makePdf = (read: (progress: JobProgress) => Promise<PdfJob>) =>
    jobs.run(PROGRESS_TASKS.pdf, PDF_CANCELLED, async ({ signal, progress }) =>
      workers.run('render-pdf', await read(progress), renderPdfJob, {
        signal,
        onProgress: progress,
      }),
    );

  /**
   * The export's audit row and its disclosure record commit together. No disclosure (null) is
   * the worker's own copy: their own access, audited as such and not a disclosure.
   */
  const recordExport = (
    workerId: number,
    entity: string,
    detail: string,
    disclosure: Disclosure | null,
    kind: FileKind,
  ) =>
    db.transaction(async (trx: Knex.Transaction) => {
      await audit.append(trx, {
        action: 'export',
        entity,
        subjectType: 'worker',
        subjectId: workerId,
        detail: disclosure ? detail : `${detail} (the worker's own copy)`,
      });
      if (disclosure)
        await recordDisclosure(trx, audit, {
          ...disclosure,
          ...kind,
          people: [{ personType: 'worker', personId: workerId }],
          format: 'pdf',
        });
    });

  return {
    async weeklyLog(
      workerId: number,
      anyDay: IsoDate,
      disclosure: Disclosure | null,
    ): Promise<ReportFile> {
      const worker = await loadWorker(db, workerId);
      const weekStart = weekStartOf(anyDay);
      const made = await makePdf(async (progress) => {
        progress(0, 2);
        const [practice, entries, sites, supervisors, week] = await Promise.all([
          practiceName(db),
          entriesBetween(db, workerId, weekStart, addDaysIso(weekStart, 6)),
          sitesById(db),
          supervisorsById(db),
          weekState(db, workerId, weekStart),
        ]);
        return {
          kind: 'weekly-log',
          data: {
            practiceName: practice,
            worker,
            weekStart,
            entries,
            sites,
            supervisors,
            week,
            generatedAt: clock.now(),
          },
        };
      });
      await recordExport(
        workerId,
        'weekly_logs',
        `Weekly log PDF, week of ${weekStart}`,
        disclosure,
        { document: 'weekly-log', categories: ['profile', 'hours', 'weekly_logs'] },
      );
      return pdfFile(`weekly-log-${fileSlug(worker)}-${weekStart}.pdf`, made);
    },

    /**
     * One section per supervisor × site the worker logged hours under, or only the pair asked
     * for (shown even with no hours, so a blank form can be printed for a new placement).
     */
    async experienceSummary(
      workerId: number,
      pair: { supervisorId: number; siteId: number } | null,
      disclosure: Disclosure | null,
    ): Promise<ReportFile> {
      const worker = await loadWorker(db, workerId);
      const entries = await allEntries(db, workerId);
      const supervisors = await supervisorsById(db);
      const sites = await sitesById(db);
      const sections: ExperienceSection[] = [];
      if (pair) {
        sections.push({
          supervisor: await loadSupervisor(db, pair.supervisorId),
          site: await loadSite(db, pair.siteId),
          entries: entries.filter(
            (e) => e.supervisorId === pair.supervisorId && e.siteId === pair.siteId,
          ),
        });
      } else {
        const keys = [...new Set(entries.map((e) => `${e.supervisorId}|${e.siteId}`))];
        for (const key of keys) {
          const [supervisorId, siteId] = key.split('|').map(Number) as [number, number];
          const supervisor = supervisors.get(supervisorId);
          const site = sites.get(siteId);
          if (!supervisor || !site) continue;
          sections.push({
            supervisor,
            site,
            entries: entries.filter((e) => e.supervisorId === supervisorId && e.siteId === siteId),
          });
        }
      }

      const today = toIsoDate(clock.now());
      const packRow = (await db('workers').where({ id: workerId }).first('pack_id')) as
        { pack_id: string | null } | undefined;
      const pack = packRow?.pack_id ? await packs.resolve(packRow.pack_id) : null;
      const progressOf = pack
        ? {
            pack,
            progress: computeProgress(
              pack,
              {
                entries,
                supervisors: [...supervisors.values()].map((s) => ({
                  id: s.id,
                  licenseType: s.licenseType,
                  licenseExpires: s.licenseExpires,
                  name: personName(s),
                })),
              },
              today,
            ),
          }
        : null;

      const made = await makePdf(async () => ({
        kind: 'experience-summary',
        data: {
          practiceName: await practiceName(db),
          worker,
          sections,
          progress: progressOf,
          generatedAt: clock.now(),
          weeks: await weekStatesOf(db, workerId),
          allEntries: entries,
          sites,
          supervisors,
        },
      }));
      const what = sections.map((s) => `${personName(s.supervisor)} at ${s.site.name}`).join('; ');
      await recordExport(
        workerId,
        'hour_entries',
        `Experience summary PDF: ${what || 'no hours'}`,
        disclosure,
        { document: 'experience-summary', categories: ['profile', 'hours', 'supervision'] },
      );
      return pdfFile(`experience-summary-${fileSlug(worker)}.pdf`, made);
    },
  };
}

export type ReportsService = ReturnType<typeof makeReportsService>;
