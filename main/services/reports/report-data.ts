import type { Knex } from 'knex';
import { notFound } from '../../../shared/errors.js';
import { siteFromRow, supervisorFromRow, workerFromRow } from '../../db/rows.js';
import { hourEntriesBetween, hourEntriesOf } from '../../db/tables/hour-entries.js';
import type { IsoDate } from '../../../shared/domain/dates.js';
import type { HourEntry, Site, Supervisor, Worker } from '../../../shared/domain/records.js';
import type { SignedWeekSignOff } from '../../../shared/domain/signed-weeks.js';
import type { WeekStatus } from '../../../shared/domain/weekly-logs.js';
import { fingerprintOf, verificationCode } from '../../platform/signing.js';

/** What the reports read, straight from the tables (reports never write records). */
export const personName = (p: { firstName: string; lastName: string }) =>
  `${p.firstName} ${p.lastName}`;

export async function practiceName(db: Knex): Promise<string> {
  const row = (await db('practice').orderBy('id').first('name')) as { name: string } | undefined;
  return row?.name ?? 'Practice';
}

export async function loadWorker(db: Knex, id: number): Promise<Worker> {
  const row = await db('workers').where({ id }).first();
  if (!row) throw notFound('Worker');
  return workerFromRow(row);
}

export async function loadSupervisor(db: Knex, id: number): Promise<Supervisor> {
  const row = await db('supervisors').where({ id }).first();
  if (!row) throw notFound('Supervisor');
  return supervisorFromRow(row);
}

export async function loadSite(db: Knex, id: number): Promise<Site> {
  const row = await db('sites').where({ id }).first();
  if (!row) throw notFound('Site');
  return siteFromRow(row);
}

export async function supervisorsById(db: Knex): Promise<Map<number, Supervisor>> {
  const rows = (await db('supervisors')) as Record<string, unknown>[];
  return new Map(rows.map((r) => [Number(r.id), supervisorFromRow(r)]));
}

export async function sitesById(db: Knex): Promise<Map<number, Site>> {
  const rows = (await db('sites')) as Record<string, unknown>[];
  return new Map(rows.map((r) => [Number(r.id), siteFromRow(r)]));
}

/** A worker's entries in a date range (inclusive), by date then entry order. */
export async function entriesBetween(
  db: Knex,
  workerId: number,
  from: IsoDate,
  to: IsoDate,
): Promise<HourEntry[]> {
  return hourEntriesBetween(db, workerId, from, to);
}

export async function allEntries(db: Knex, workerId: number): Promise<HourEntry[]> {
  return hourEntriesOf(db, workerId);
}

export interface WeekSignature {
  version: number;
  signerName: string;
  signedAt: string;
  entriesHash: string;
  supervisorId: number;
}

export interface WeekState {
  status: WeekStatus;
  version: number;
  /** The latest sign-off, if the week was ever signed. */
  signature: WeekSignature | null;
  /** Every sign-off of the latest signed version: one per supervisor who signed it. */
  signOffs: SignOff[];
}

/** One supervisor's sign-off of a week, with what a reader needs to check it. */
export interface SignOff {
  version: number;
  supervisorId: number;
  signerName: string;
  signedAt: string;
  entriesHash: string;
  /** Null for a sign-off from before signatures. */
  signed: SignedWeekSignOff | null;
}

interface SignOffRow {
  weekly_log_id: number;
  version: number;
  supervisor_id: number;
  signer_name: string;
  signed_at: string;
  entries_hash: string;
  document_json: string | null;
  signature: string | null;
  key_fingerprint: string | null;
  public_key: string | null;
}

/** The sign-offs of the latest signed version of each of `logIds`' weeks, by log id. */
export async function latestSignOffs(
  db: Knex,
  logIds: readonly number[],
): Promise<Map<number, SignOff[]>> {
  const out = new Map<number, SignOff[]>();
  if (logIds.length === 0) return out;
  const rows = (await db('week_signatures as g')
    .leftJoin('signing_keys as k', function () {
      this.on('k.fingerprint', 'g.key_fingerprint').andOn('k.supervisor_id', 'g.supervisor_id');
    })
    .whereIn('g.weekly_log_id', logIds)
    .orderBy([{ column: 'g.version' }, { column: 'g.id' }])
    .select(
      'g.weekly_log_id',
      'g.version',
      'g.supervisor_id',
      'g.signer_name',
      'g.signed_at',
      'g.entries_hash',
      'g.document_json',
      'g.signature',
      'g.key_fingerprint',
      'k.public_key',
    )) as SignOffRow[];
  const latest = new Map<number, number>();
  for (const r of rows) latest.set(Number(r.weekly_log_id), Number(r.version));
  for (const r of rows) {
    const logId = Number(r.weekly_log_id);
    if (Number(r.version) !== latest.get(logId)) continue;
    const list = out.get(logId) ?? [];
    list.push({
      version: Number(r.version),
      supervisorId: Number(r.supervisor_id),
      signerName: r.signer_name,
      signedAt: r.signed_at,
      entriesHash: r.entries_hash,
      signed:
        r.document_json !== null && r.signature !== null
          ? {
              scheme: 'Ed25519',
              document: r.document_json,
              signature: r.signature,
              // A key the practice lost would leave the signature uncheckable: said so, not hidden.
              publicKey: r.public_key ?? '',
              fingerprint: r.public_key ? fingerprintOf(r.public_key) : (r.key_fingerprint ?? ''),
              verificationCode: verificationCode(r.signature),
            }
          : null,
    });
    out.set(logId, list);
  }
  return out;
}

/** Every week of a worker that left draft, with its sign-offs, by week start. */
export async function weekStatesOf(db: Knex, workerId: number): Promise<Map<IsoDate, WeekState>> {
  const logs = (await db('weekly_logs')
    .where({ worker_id: workerId })
    .select('id', 'week_start', 'status', 'version')) as {
    id: number;
    week_start: IsoDate;
    status: WeekStatus;
    version: number;
  }[];
  const signOffs = await latestSignOffs(
    db,
    logs.map((l) => Number(l.id)),
  );
  const out = new Map<IsoDate, WeekState>();
  for (const l of logs) {
    const list = signOffs.get(Number(l.id)) ?? [];
    const last = list.at(-1);
    out.set(l.week_start, {
      status: l.status,
      version: Number(l.version),
      signature: last
        ? {
            version: last.version,
            signerName: last.signerName,
            signedAt: last.signedAt,
            entriesHash: last.entriesHash,
            supervisorId: last.supervisorId,
          }
        : null,
      signOffs: list,
    });
  }
  return out;
}

/** The week's review state: no weekly_logs row means a draft. */
export async function weekState(
  db: Knex,
  workerId: number,
  weekStart: IsoDate,
): Promise<WeekState> {
  const log = (await db('weekly_logs')
    .where({ worker_id: workerId, week_start: weekStart })
    .first('id', 'status', 'version')) as
    { id: number; status: WeekStatus; version: number } | undefined;
  if (!log) return { status: 'draft', version: 0, signature: null, signOffs: [] };
  const sig = (await db('week_signatures')
    .where({ weekly_log_id: log.id })
    .orderBy('version', 'desc')
    .first('version', 'signer_name', 'signed_at', 'entries_hash', 'supervisor_id')) as
    | {
        version: number;
        signer_name: string;
        signed_at: string;
        entries_hash: string;
        supervisor_id: number;
      }
    | undefined;
  return {
    status: log.status,
    version: Number(log.version),
    signature: sig
      ? {
          version: Number(sig.version),
          signerName: sig.signer_name,
          signedAt: sig.signed_at,
          entriesHash: sig.entries_hash,
          supervisorId: Number(sig.supervisor_id),
        }
      : null,
    signOffs: (await latestSignOffs(db, [Number(log.id)])).get(Number(log.id)) ?? [],
  };
}
