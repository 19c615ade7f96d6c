import { openDatabase } from '../db/connection.js';
import { openPostgres, type ServerAccess } from '../db/postgres.js';
import {
  personRecordFile,
  readPersonRecord,
  type PersonRecordJob,
} from '../services/reports/person-record-file.js';
import type { PersonRecord } from '../../shared/domain/privacy/person-record.js';
import type { ReportFile } from '../../shared/domain/reports.js';
import { serveJob, ThreadCancelled } from './job-port.js';

/** What the main process hands this thread: the job and a copy of the key, zeroed here. */
export interface PersonRecordThreadJob {
  file: string;
  databaseKey: Uint8Array;
  /** The practice's server, when the practice is kept there (then file and key are unused). */
  server: ServerAccess | null;
  job: PersonRecordJob;
}

/**
 * A person-record export (JSON or PDF) off the main process's event loop, read on this
 * thread's own read-only connection (WAL lets it read while the app writes; on a server, its own connection).
 * The connection is closed before the file is made: from then on a cancel may terminate the
 * thread at once (a PDF's layout reads no cancel message); until then a cancel lets the read
 * finish and the thread end itself (serveJob, readsDatabase).
 */
serveJob<PersonRecordThreadJob, ReportFile>(
  async (input, progress, control) => {
    progress(0, 1);
    const key = Buffer.from(input.databaseKey);
    const db = input.server
      ? openPostgres(input.server.location, input.server.password)
      : openDatabase(input.file, { key, readOnly: true });
    let record: PersonRecord;
    try {
      record = await readPersonRecord(db, input.job);
    } finally {
      key.fill(0);
      input.databaseKey.fill(0);
      await db.destroy();
      control.stoppable();
    }
    if (control.cancelled) throw new ThreadCancelled();
    return personRecordFile(record, input.job, progress);
  },
  { readsDatabase: true },
);
