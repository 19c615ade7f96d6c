import type { Knex } from 'knex';
import type { IsoDate } from '../../../shared/domain/dates.js';
import type { PersonKey } from '../../../shared/domain/privacy/people.js';
import type { PersonRecord } from '../../../shared/domain/privacy/person-record.js';
import type { ReportFile } from '../../../shared/domain/reports.js';
import type { JobProgress } from '../../workers/job-port.js';
import { collectPersonRecord } from '../privacy/person-record.js';
import { renderPersonRecord } from './person-record-pdf.js';
import { fileSlug } from './reports.js';

/** An export of one person's full record, as the owner asked for it. */
export interface PersonRecordJob {
  person: PersonKey;
  format: 'json' | 'pdf';
  generatedAt: string;
  today: IsoDate;
}

/**
 * Reads the person's record in one read transaction (a consistent snapshot; on the worker's own
 * read-only connection, so the app's connection stays free) and makes the JSON or PDF file.
 * Runs in main/workers/person-record.ts, as its two halves; the caller records the disclosure
 * afterwards.
 */
export async function buildPersonRecordFile(
  db: Knex,
  job: PersonRecordJob,
  progress: JobProgress,
): Promise<ReportFile> {
  progress(0, 1);
  return personRecordFile(await readPersonRecord(db, job), job, progress);
}

/** The person's whole record, in one read transaction. */
export function readPersonRecord(db: Knex, job: PersonRecordJob): Promise<PersonRecord> {
  return db.transaction((trx) =>
    collectPersonRecord(trx, job.person, { generatedAt: job.generatedAt }),
  );
}

/** The file of a record already read: no database needed. */
export async function personRecordFile(
  record: PersonRecord,
  job: PersonRecordJob,
  progress: JobProgress,
): Promise<ReportFile> {
  const base = `person-record-${fileSlug(record.person)}-${job.today}`;
  if (job.format === 'json') {
    const base64 = Buffer.from(JSON.stringify(record, null, 2), 'utf8').toString('base64');
    progress(1, 1);
    return { fileName: `${base}.json`, mimeType: 'application/json', base64 };
  }
  const made = await renderPersonRecord(record, progress);
  return {
    fileName: `${base}.pdf`,
    mimeType: 'application/pdf',
    base64: made.buffer.toString('base64'),
    pages: made.pages,
  };
}
