import type { JobProgress } from '../../workers/job-port.js';
import { renderExperienceSummary, type ExperienceSummaryData } from './experience-summary-pdf.js';
import { renderWeeklyLog, type WeeklyLogData } from './weekly-log-pdf.js';

/**
 * A report PDF to lay out, as plain data (structured clone carries its Maps and Dates): the
 * main process reads the records, a worker thread (main/workers/render-pdf.ts) draws them.
 */
export type PdfJob =
  | { kind: 'weekly-log'; data: WeeklyLogData }
  | { kind: 'experience-summary'; data: Omit<ExperienceSummaryData, 'onSection'> };

/** A finished PDF, already base64 for the API answer, so the main thread does not encode it. */
export interface MadePdf {
  base64: string;
  pages: number;
}

const encoded = (made: { buffer: Buffer; pages: number }): MadePdf => ({
  base64: made.buffer.toString('base64'),
  pages: made.pages,
});

export async function renderPdfJob(job: PdfJob, progress: JobProgress): Promise<MadePdf> {
  if (job.kind === 'weekly-log') {
    // Two steps: the records read (the caller's step 0), then the page drawn.
    progress(1, 2);
    const made = await renderWeeklyLog(job.data);
    progress(2, 2);
    return encoded(made);
  }
  const total = job.data.sections.length + 1;
  progress(0, total);
  const made = await renderExperienceSummary({
    ...job.data,
    onSection: (done) => progress(done, total),
  });
  progress(total, total);
  return encoded(made);
}
