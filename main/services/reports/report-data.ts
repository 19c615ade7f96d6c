import type { Knex } from 'knex';
import { notFound } from '../../api/envelope.js';
import { hourEntryFromRow, siteFromRow, supervisorFromRow, workerFromRow } from '../../db/rows.js';
import type { IsoDate } from '../../domain/dates.js';
import type { HourEntry, Site, Supervisor, Worker } from '../../domain/records.js';
import type { WeekStatus } from '../../domain/weekly-logs.js';

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
  const rows = await db('hour_entries')
    .where({ worker_id: workerId })
    .whereBetween('date', [from, to])
    .orderBy([{ column: 'date' }, { column: 'id' }]);
  return rows.map(hourEntryFromRow);
}

export async function allEntries(db: Knex, workerId: number): Promise<HourEntry[]> {
  const rows = await db('hour_entries')
    .where({ worker_id: workerId })
    .orderBy([{ column: 'date' }, { column: 'id' }]);
  return rows.map(hourEntryFromRow);
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
  if (!log) return { status: 'draft', version: 0, signature: null };
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
  };
}
