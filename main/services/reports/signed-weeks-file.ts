import type { IsoDate } from '../../../shared/domain/dates.js';
import type { HourEntry, Site, Supervisor, Worker } from '../../../shared/domain/records.js';
import {
  SIGNED_WEEKS_FILE_NAME,
  SIGNED_WEEKS_FORMAT,
  signedWeeksJson,
  type SignedWeeksWeek,
} from '../../../shared/domain/signed-weeks.js';
import { noteSha256 } from '../../platform/signed-file.js';
import type { Doc } from './pdf-layout.js';
import { personName, type WeekState } from './report-data.js';

/** One week as a PDF carries it: its sign-offs and the figures the PDF was made from. */
export function signedWeekOf(
  worker: Worker,
  weekStart: IsoDate,
  state: WeekState,
  entries: readonly HourEntry[],
  sites: ReadonlyMap<number, Site>,
  supervisors: ReadonlyMap<number, Supervisor>,
): SignedWeeksWeek {
  const supervisorIds = [
    ...new Set([
      ...entries.map((e) => e.supervisorId),
      ...state.signOffs.map((s) => s.supervisorId),
    ]),
  ];
  return {
    workerId: worker.id,
    workerName: personName(worker),
    weekStart,
    status: state.status,
    version: state.version,
    signOffs: state.signOffs.flatMap((s) => (s.signed ? [s.signed] : [])),
    approvedBeforeSignatures: state.signOffs
      .filter((s) => !s.signed)
      .map((s) => ({
        scheme: 'approved-before-signatures' as const,
        version: s.version,
        supervisorId: s.supervisorId,
        signerName: s.signerName,
        signedAt: s.signedAt,
        entriesHash: s.entriesHash,
      })),
    shown: {
      worker: {
        id: worker.id,
        name: personName(worker),
        registrationNumber: worker.registrationNumber,
      },
      supervisors: supervisorIds.flatMap((id) => {
        const s = supervisors.get(id);
        return s
          ? [
              {
                id,
                name: personName(s),
                licenseType: s.licenseType,
                licenseNumber: s.licenseNumber,
                licenseState: s.licenseState,
              },
            ]
          : [];
      }),
      entries: entries.map((e) => ({
        id: e.id,
        date: e.date,
        site: sites.get(e.siteId)?.name ?? '?',
        category: e.category,
        minutes: e.minutes,
        noteSha256: noteSha256(e.note),
        supervisorId: e.supervisorId,
      })),
    },
  };
}

/** Attaches the signed weeks to the PDF (an embedded file, listed in the reader's attachments). */
export function attachSignedWeeks(
  doc: Doc,
  meta: { practiceName: string; document: string; generatedAt: Date },
  weeks: readonly SignedWeeksWeek[],
): void {
  if (!weeks.some((w) => w.signOffs.length || w.approvedBeforeSignatures.length)) return;
  doc.file(
    Buffer.from(
      signedWeeksJson({
        format: SIGNED_WEEKS_FORMAT,
        practice: meta.practiceName,
        document: meta.document,
        generatedAt: meta.generatedAt.toISOString(),
        weeks: [...weeks],
      }),
      'utf8',
    ),
    {
      name: SIGNED_WEEKS_FILE_NAME,
      type: 'application/json',
      description: 'The signed week documents, signatures and public keys, to check offline',
      creationDate: meta.generatedAt,
      modifiedDate: meta.generatedAt,
    },
  );
}
