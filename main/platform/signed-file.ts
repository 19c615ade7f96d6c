import { createHash } from 'node:crypto';
import {
  PERSON_RECORD_SCHEMA_ID,
  type PersonRecord,
} from '../../shared/domain/privacy/person-record.js';
import {
  SIGNED_WEEKS_FORMAT,
  type FileVerification,
  type KnownKey,
  type SignOffResult,
  type SignOffStatus,
  type WeekResult,
  type ShownEntry,
  type SignedWeeksFile,
  type SignedWeeksWeek,
} from '../../shared/domain/signed-weeks.js';
import {
  describeDifference,
  diffDocuments,
  sortEntries,
  totalsOf,
  type WeekDocument,
} from '../../shared/domain/week-document.js';
import { canonicalEntries } from '../../shared/domain/weekly-logs.js';
import type { HourCategory } from '../../shared/domain/categories.js';
export type { FileVerification, KnownKey, SignOffResult, WeekResult };
import { addDaysIso, type IsoDate } from '../../shared/domain/dates.js';
import { pdfAttachments } from './pdf-attachments.js';
import { fingerprintOf, verificationCode, verifyText } from './signing.js';

/**
 * Checks the signed weeks a Hourkeep file carries, offline: a weekly-log or experience-summary
 * PDF (its attached hourkeep-signed-weeks.json), that attachment saved on its own, or a
 * person-record JSON export. Pure: no database, no Electron; `npm run verify` and Admin →
 * Verify both call it. Each Ed25519 signature is checked against the public key the file
 * includes, the printed fingerprint and code against that key and signature, and, where the
 * file shows the week's figures, those figures against the signed document, naming the week
 * and the field that differs. Inside the app, `knownKeys` adds: was the key recorded by this
 * practice for that supervisor?
 */

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const noteSha256 = (note: string | null): string | null =>
  note === null ? null : sha256(note);

/** The signed weeks of a person-record export, with the figures it shows. */
export function signedWeeksOfRecord(record: PersonRecord): SignedWeeksFile {
  const person = record.person;
  const weeks: SignedWeeksWeek[] = [];
  if (person.type === 'worker') {
    const workerName = `${person.firstName} ${person.lastName}`;
    for (const log of record.weeklyLogs) {
      const end = addDaysIso(log.weekStart as IsoDate, 6);
      const sigs = record.weekSignatures.filter((s) => s.weeklyLogId === log.id);
      const latest = Math.max(0, ...sigs.map((s) => s.version));
      const current = sigs.filter((s) => s.version === latest);
      const entries = record.hourEntries.filter(
        (e) => e.date >= log.weekStart && e.date <= end && e.worker.id === person.id,
      );
      const supervisors = new Map<number, { id: number; name: string }>();
      for (const e of entries) supervisors.set(e.supervisor.id, e.supervisor);
      weeks.push({
        workerId: person.id,
        workerName,
        weekStart: log.weekStart as IsoDate,
        status: log.status,
        version: log.version,
        signOffs: current.flatMap((s) =>
          s.signedDocument && s.signature && s.publicKey
            ? [
                {
                  scheme: 'Ed25519' as const,
                  document: s.signedDocument,
                  signature: s.signature,
                  publicKey: s.publicKey,
                  fingerprint: s.keyFingerprint ?? '',
                  verificationCode: s.verificationCode ?? '',
                },
              ]
            : [],
        ),
        approvedBeforeSignatures: current
          .filter((s) => !s.signature)
          .map((s) => ({
            scheme: 'approved-before-signatures' as const,
            version: s.version,
            supervisorId: s.supervisor.id,
            signerName: s.signerName,
            signedAt: s.signedAt,
            entriesHash: s.entriesHash,
          })),
        shown: {
          worker: {
            id: person.id,
            name: workerName,
            registrationNumber: person.registrationNumber,
          },
          supervisors: [...supervisors.values()],
          entries: entries.map((e) => ({
            id: e.id,
            date: e.date as IsoDate,
            site: e.site.name,
            siteId: e.site.id,
            category: e.category as HourCategory,
            minutes: e.minutes,
            noteSha256: noteSha256(e.note),
            note: e.note,
            supervisorId: e.supervisor.id,
          })),
        },
      });
    }
  }
  return {
    format: SIGNED_WEEKS_FORMAT,
    practice: record.practiceName,
    document: 'person-record',
    generatedAt: record.generatedAt,
    weeks,
  };
}

/** The document the file's figures give for one supervisor's part of a week. */
function shownDocument(signed: WeekDocument, week: SignedWeeksWeek): WeekDocument | null {
  const shown = week.shown;
  if (!shown) return null;
  const supervisorId = signed.supervisor?.id;
  const mine = sortEntries(
    shown.entries
      .filter((e) => e.supervisorId === supervisorId)
      .map((e) => ({
        id: e.id,
        date: e.date,
        site: e.site,
        category: e.category,
        minutes: e.minutes,
        noteSha256: e.noteSha256,
      })),
  );
  const sup = shown.supervisors.find((s) => s.id === supervisorId);
  return {
    ...signed,
    worker: { ...signed.worker, ...shown.worker },
    week: { start: week.weekStart, end: addDaysIso(week.weekStart, 6) },
    supervisor: { ...signed.supervisor, ...(sup ?? {}) },
    entries: mine,
    totals: totalsOf(mine),
  };
}

const STATUS_ORDER: SignOffStatus[] = [
  'signature-invalid',
  'unknown-key',
  'differs',
  'approved-before-signatures',
  'ok',
];

function verifyWeek(week: SignedWeeksWeek, knownKeys: readonly KnownKey[] | null): WeekResult {
  const where = `${week.workerName}, week of ${week.weekStart}`;
  // The standing version of an approved week must still show what was signed.
  const standing = week.status === 'approved';
  const signOffs: SignOffResult[] = [];
  const signedBy = new Set<number>();
  for (const s of week.signOffs) {
    const problems: string[] = [];
    let status: SignOffStatus = 'ok';
    const worse = (next: SignOffStatus) => {
      if (STATUS_ORDER.indexOf(next) < STATUS_ORDER.indexOf(status)) status = next;
    };
    let doc: WeekDocument | null = null;
    try {
      doc = JSON.parse(s.document) as WeekDocument;
    } catch {
      problems.push(`${where}: the signed document is not readable JSON`);
      worse('signature-invalid');
    }
    const signer = doc?.supervisor?.name ?? 'an unknown signer';
    const at = `${where}, version ${doc?.version ?? '?'}, signed by ${signer}`;
    if (!verifyText(s.publicKey, s.document, s.signature)) {
      problems.push(
        `${at}: signature invalid — the signed document was changed after signing, or the signature was not made with the key included`,
      );
      worse('signature-invalid');
    }
    const keyPrint = fingerprintOf(s.publicKey);
    if (s.fingerprint.replace(/\s+/g, '').toUpperCase() !== keyPrint.replace(/\s+/g, '')) {
      problems.push(
        `${at}: fingerprint: the file gives ${s.fingerprint || 'none'}, the key included is ${keyPrint}`,
      );
      worse('signature-invalid');
    }
    if (s.verificationCode !== verificationCode(s.signature)) {
      problems.push(
        `${at}: verification code: the file gives ${s.verificationCode || 'none'}, the signature's is ${verificationCode(s.signature)}`,
      );
      worse('signature-invalid');
    }
    if (doc) {
      if (doc.worker?.id !== week.workerId)
        problems.push(`${at}: worker: the document is of worker ${doc.worker?.id}`);
      if (doc.week?.start !== week.weekStart)
        problems.push(`${at}: week: the document is of the week of ${doc.week?.start}`);
      if (problems.length && status === 'ok') worse('differs');
      if (knownKeys) {
        const known = knownKeys.some(
          (k) => k.publicKey === s.publicKey && k.supervisorId === doc?.supervisor?.id,
        );
        if (!known) {
          problems.push(
            `${at}: unknown key — this practice has no record of key ${keyPrint} for ${signer}`,
          );
          worse('unknown-key');
        }
      }
      if (standing && doc.version === week.version) {
        signedBy.add(doc.supervisor?.id);
        const now = shownDocument(doc, week);
        if (now) {
          const diffs = diffDocuments(doc, now);
          for (const d of diffs) problems.push(`${at}: ${describeDifference(d)}`);
          if (diffs.length) worse('differs');
        }
      }
    }
    signOffs.push({
      scheme: 'Ed25519',
      version: Number(doc?.version ?? 0),
      supervisorId: Number(doc?.supervisor?.id ?? 0),
      signerName: signer,
      signedAt: doc?.signedAt ?? '',
      fingerprint: keyPrint,
      verificationCode: verificationCode(s.signature),
      status,
      problems,
    });
  }
  for (const l of week.approvedBeforeSignatures) {
    const problems: string[] = [];
    signedBy.add(l.supervisorId);
    const entries = week.shown?.entries;
    // Today's check of a sign-off from before signatures: the hash of the week's entries, when
    // the file shows them in full (the person-record export does; the PDFs leave notes out).
    if (standing && l.version === week.version && entries?.every(hasNoteAndSite)) {
      const hash = sha256(
        canonicalEntries(
          entries.map((e) => ({
            id: e.id,
            category: e.category,
            date: e.date,
            minutes: e.minutes,
            note: e.note ?? null,
            siteId: e.siteId ?? 0,
            supervisorId: e.supervisorId,
          })),
        ),
      );
      if (hash !== l.entriesHash)
        problems.push(
          `${where}, version ${l.version}, approved by ${l.signerName} before signatures: the entries no longer match the hash recorded then`,
        );
    }
    signOffs.push({
      scheme: 'approved-before-signatures',
      version: l.version,
      supervisorId: l.supervisorId,
      signerName: l.signerName,
      signedAt: l.signedAt,
      fingerprint: null,
      verificationCode: null,
      status: problems.length ? 'differs' : 'approved-before-signatures',
      problems,
    });
  }
  const problems: string[] = [];
  if (standing && week.shown) {
    const unsigned = new Map<number, number[]>();
    for (const e of week.shown.entries)
      if (!signedBy.has(e.supervisorId))
        unsigned.set(e.supervisorId, [...(unsigned.get(e.supervisorId) ?? []), e.id]);
    for (const [supervisorId, ids] of unsigned) {
      const name = week.shown.supervisors.find((s) => s.id === supervisorId)?.name;
      problems.push(
        `${where}: entry id ${ids.join(', id ')} under ${name ?? `supervisor ${supervisorId}`} ${ids.length === 1 ? 'is' : 'are'} in the approved week but no signature of theirs covers ${ids.length === 1 ? 'it' : 'them'}`,
      );
    }
  }
  return {
    workerId: week.workerId,
    workerName: week.workerName,
    weekStart: week.weekStart,
    status: week.status,
    version: week.version,
    ok:
      problems.length === 0 &&
      signOffs.every((s) => s.status === 'ok' || s.status === 'approved-before-signatures'),
    signOffs,
    problems,
  };
}

const hasNoteAndSite = (e: ShownEntry & { note?: string | null; siteId?: number }) =>
  e.note !== undefined && e.siteId !== undefined;

const isSignedWeeksFile = (v: unknown): v is SignedWeeksFile =>
  typeof v === 'object' &&
  v !== null &&
  (v as { format?: unknown }).format === SIGNED_WEEKS_FORMAT &&
  Array.isArray((v as { weeks?: unknown }).weeks);

/** Checks every signed week of a PDF or JSON file. Never throws: problems are in the result. */
export function verifySignedFile(
  bytes: Uint8Array,
  options: { fileName?: string; knownKeys?: readonly KnownKey[] } = {},
): FileVerification {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fileName = options.fileName ?? 'file';
  const result: FileVerification = {
    fileName,
    kind: 'unknown',
    document: null,
    ok: false,
    weeks: [],
    problems: [],
  };
  const files: SignedWeeksFile[] = [];
  if (buf.subarray(0, 1024).toString('latin1').includes('%PDF-')) {
    result.kind = 'pdf';
    try {
      for (const a of pdfAttachments(buf)) {
        try {
          const parsed = JSON.parse(a.data.toString('utf8')) as unknown;
          if (isSignedWeeksFile(parsed)) files.push(parsed);
        } catch {
          // Another attachment, not ours.
        }
      }
    } catch (e) {
      result.problems.push(`${fileName}: ${(e as Error).message}`);
    }
    if (!files.length && !result.problems.length)
      result.problems.push(
        `${fileName}: this PDF carries no signed weeks (no hourkeep-signed-weeks.json attached)`,
      );
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, ''));
      result.kind = 'json';
    } catch {
      result.problems.push(`${fileName}: neither a PDF nor JSON`);
    }
    if (isSignedWeeksFile(parsed)) files.push(parsed);
    else if ((parsed as { schema?: unknown } | undefined)?.schema === PERSON_RECORD_SCHEMA_ID)
      files.push(signedWeeksOfRecord(parsed as PersonRecord));
    else if (result.kind === 'json')
      result.problems.push(`${fileName}: not a Hourkeep export with signed weeks`);
  }
  for (const f of files) {
    result.document ??= f.document;
    for (const w of f.weeks) result.weeks.push(verifyWeek(w, options.knownKeys ?? null));
  }
  const checked = result.weeks.some((w) => w.signOffs.length > 0);
  if (files.length && !checked)
    result.problems.push(`${fileName}: no signed weeks in this file to check`);
  result.ok = result.problems.length === 0 && checked && result.weeks.every((w) => w.ok);
  return result;
}

/** The result as lines of text, one per sign-off: what the CLI prints. */
export function describeVerification(v: FileVerification): string[] {
  const lines: string[] = [];
  for (const p of v.problems) lines.push(`ERROR  ${p}`);
  for (const w of v.weeks) {
    for (const s of w.signOffs) {
      const head = `${w.workerName}, week of ${w.weekStart}, version ${s.version}, ${s.signerName}`;
      const key = s.fingerprint ? ` (key ${s.fingerprint}, code ${s.verificationCode})` : '';
      if (s.status === 'ok') lines.push(`OK     ${head}${key}`);
      else if (s.status === 'approved-before-signatures')
        lines.push(`OK     ${head}: approved before signatures (no signature to check)`);
      else {
        const label =
          s.status === 'signature-invalid'
            ? 'INVALID'
            : s.status === 'unknown-key'
              ? 'UNKNOWN KEY'
              : 'DIFFERS';
        lines.push(`${label.padEnd(6)} ${head}${key}`);
        for (const p of s.problems) lines.push(`       ${p}`);
      }
    }
    for (const p of w.problems) lines.push(`UNSIGNED ${p}`);
  }
  lines.push(
    v.ok
      ? `All ${v.weeks.reduce((n, w) => n + w.signOffs.length, 0)} sign-offs in ${v.fileName} check out.`
      : `${v.fileName}: NOT verified.`,
  );
  return lines;
}
