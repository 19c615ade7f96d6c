import { openDatabase } from '../db/connection.js';
import { openPostgres, type ServerAccess } from '../db/postgres.js';
import {
  buildPersonRecordFile,
  type PersonRecordJob,
} from '../services/reports/person-record-file.js';
import { serveJob } from './job-port.js';

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
 */
serveJob<PersonRecordThreadJob, Awaited<ReturnType<typeof buildPersonRecordFile>>>(
  async (input, progress) => {
    const key = Buffer.from(input.databaseKey);
    const db = input.server
      ? openPostgres(input.server.location, input.server.password)
      : openDatabase(input.file, { key, readOnly: true });
    try {
      return await buildPersonRecordFile(db, input.job, progress);
    } finally {
      key.fill(0);
      input.databaseKey.fill(0);
      await db.destroy();
    }
  },
);
