import type { ServerAccess } from '../../db/postgres.js';
import { AppError } from '../../../shared/errors.js';
import { toIsoDate } from '../../../shared/domain/dates.js';
import type { DisclosureReport } from '../../../shared/domain/privacy/disclosures.js';
import type { PersonKey } from '../../../shared/domain/privacy/people.js';
import type { DisclosureView, PersonRecord } from '../../../shared/domain/privacy/person-record.js';
import { PROGRESS_TASKS, type ReportFile } from '../../../shared/domain/reports.js';
import type { PersonRecordThreadJob } from '../../workers/person-record.js';
import type { CorePorts } from '../ports.js';
import { csvFile } from '../reports/csv-file.js';
import { buildPersonRecordFile } from '../reports/person-record-file.js';
import { renderDisclosureReport } from '../reports/person-record-pdf.js';
import type { LongJobs, WorkerJobs } from '../reports/worker-jobs.js';
import type { SessionUser } from '../session.js';
import { listDisclosures, recordDisclosure, yearlyDisclosures } from './disclosures.js';
import { collectPersonRecord, RECORD_CATEGORIES } from './person-record.js';

/** What a cancelled export answers: no file, and no disclosure or audit row was written. */
export const RECORD_EXPORT_CANCELLED =
  'The export was cancelled: no file was made and no disclosure was recorded.';

/** The database file and its key (a fresh copy each call), for a worker's own connection. */
export type DatabaseAccess = () => {
  file: string;
  databaseKey: Buffer;
  server: ServerAccess | null;
};

/** The person a worker's or supervisor's account belongs to; the owner has none. */
export function ownPerson(user: SessionUser): PersonKey | null {
  if (user.role === 'worker' && user.workerId !== null)
    return { personType: 'worker', personId: user.workerId };
  if (user.role === 'supervisor' && user.supervisorId !== null)
    return { personType: 'supervisor', personId: user.supervisorId };
  return null;
}

const YEARLY_COLUMNS = [
  'made_at',
  'person_type',
  'person_id',
  'person_name',
  'recipient',
  'purpose',
  'categories',
  'format',
  'document',
  'made_by',
] as const;

/**
 * Access to a person's record (their own on screen; the owner's export of anyone's, which is a
 * disclosure) and the disclosure log.
 */
export function makePrivacyAccessService(
  { db, clock, audit }: CorePorts,
  deps: { jobs: LongJobs; workers: WorkerJobs; databaseAccess: DatabaseAccess },
) {
  return {
    /** The signed-in person's own record, for My data. Looking at it is audited as a view. */
    async myRecord(user: SessionUser): Promise<PersonRecord> {
      const person = ownPerson(user);
      if (!person)
        throw new AppError('forbidden', 'This account is not linked to a worker or supervisor.');
      return db.transaction(async (trx) => {
        await audit.append(trx, {
          action: 'view',
          entity: 'person_record',
          subjectType: person.personType,
          subjectId: person.personId,
          detail: 'Own record opened under My data',
        });
        const record = await collectPersonRecord(trx, person, {
          generatedAt: clock.now().toISOString(),
        });
        // Certificate files stay out of the screen's payload; CE downloads them one by one.
        return {
          ...record,
          ceRecords: record.ceRecords.map((c) => ({ ...c, certificateBase64: null })),
        };
      });
    },

    /** The owner's export of anyone's full record, recorded as a disclosure with its file. */
    async exportRecord(input: {
      personType: PersonKey['personType'];
      personId: number;
      format: 'json' | 'pdf';
      recipient: string;
      purpose: string;
    }): Promise<ReportFile> {
      const person = { personType: input.personType, personId: input.personId };
      const job = {
        person,
        format: input.format,
        generatedAt: clock.now().toISOString(),
        today: toIsoDate(clock.now()),
      };
      // Read and made in a worker thread on its own connection: the app's one connection and
      // its event loop stay free however large the record.
      const file = await deps.jobs.run(
        PROGRESS_TASKS.personRecord,
        RECORD_EXPORT_CANCELLED,
        async ({ signal, progress }) => {
          const access = deps.workers.threaded ? deps.databaseAccess() : null;
          const thread: PersonRecordThreadJob = {
            file: access?.file ?? '',
            databaseKey: access?.databaseKey ?? new Uint8Array(0),
            server: access?.server ?? null,
            job,
          };
          try {
            return await deps.workers.run(
              'person-record',
              thread,
              (t, p) => buildPersonRecordFile(db, t.job, p),
              { signal, onProgress: progress },
            );
          } finally {
            // structured clone gave the thread its own copy; this one is ours to wipe.
            access?.databaseKey.fill(0);
          }
        },
      );
      // Recorded only once the file exists: a cancelled or failed export leaves no row.
      await db.transaction((trx) =>
        recordDisclosure(trx, audit, {
          people: [person],
          recipient: input.recipient,
          purpose: input.purpose,
          categories: RECORD_CATEGORIES,
          format: input.format,
          document: 'person-record',
        }),
      );
      return file;
    },

    /** Owner: anyone's. A worker or supervisor: only their own, whoever else they can see. */
    async disclosures(user: SessionUser, person: PersonKey): Promise<DisclosureView[]> {
      if (user.role !== 'owner') {
        const own = ownPerson(user);
        if (!own || own.personType !== person.personType || own.personId !== person.personId)
          throw new AppError('forbidden', 'You can see only the disclosures of your own data.');
      }
      return listDisclosures(db, person);
    },

    async yearly(year: number, format: 'csv' | 'pdf' | undefined): Promise<DisclosureReport> {
      const rows = await yearlyDisclosures(db, year);
      if (!format) return { year, rows, file: null };
      let file: ReportFile;
      if (format === 'csv') {
        const data = rows.map((r) => [
          r.madeAt,
          r.personType,
          r.personId,
          r.personName ?? '',
          r.recipient,
          r.purpose,
          r.categories.join(' '),
          r.format,
          r.document,
          r.madeBy,
        ]);
        file = csvFile(`disclosures-${year}.csv`, YEARLY_COLUMNS, data);
      } else {
        const practice = (await db('practice').first('name')) as { name: string } | undefined;
        const made = await renderDisclosureReport(practice?.name ?? '', year, rows, clock.now());
        file = {
          fileName: `disclosures-${year}.pdf`,
          mimeType: 'application/pdf',
          base64: made.buffer.toString('base64'),
          pages: made.pages,
        };
      }
      // The register of disclosures names people, so making a file of it is audited too.
      await db.transaction((trx) =>
        audit.append(trx, {
          action: 'export',
          entity: 'disclosures',
          detail: `Disclosures report ${year} (${format.toUpperCase()}), ${rows.length} rows`,
        }),
      );
      return { year, rows, file };
    },
  };
}

export type PrivacyAccessService = ReturnType<typeof makePrivacyAccessService>;
