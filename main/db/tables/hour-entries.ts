import type { HourCategory } from '../../../shared/domain/categories.js';
import type { IsoDate } from '../../../shared/domain/dates.js';
import type { HourEntry } from '../../../shared/domain/records.js';
import { rawRows, sqlPieces } from '../dialect/index.js';
import { selectForPairs, type Q } from '../query.js';

/**
 * The one home of `hour_entries`: its row, the mapping row ↔ HourEntry, and every write. Hours
 * by hand (main/services/hours.ts), supervision sessions, the CSV import and privacy
 * corrections (through the hours service) all write here, after the rules of
 * main/services/hour-checks.ts.
 */
export type HourEntryRow = {
  id: number;
  worker_id: number;
  date: string;
  site_id: number;
  supervisor_id: number;
  category: string;
  minutes: number;
  note: string | null;
  session_id: number | null;
  /** Unused since weeks carry the status (weekly_logs); kept as written by the first schema. */
  status: string;
  created_at: string;
  updated_at: string;
};

/** What a write gives: an entry without its id (a session's entries carry the session). */
export type NewHourEntry = Omit<HourEntry, 'id' | 'sessionId'> & { sessionId?: number | null };

/** SQLite refuses a compound SELECT of more than 500 terms, which is how a multi-row INSERT is built. */
const INSERT_BATCH = 500;

const hourEntries = (q: Q) => q<HourEntryRow>('hour_entries');

export const hourEntryFromRow = (r: HourEntryRow | Record<string, unknown>): HourEntry => ({
  id: Number(r.id),
  workerId: Number(r.worker_id),
  date: String(r.date),
  siteId: Number(r.site_id),
  supervisorId: Number(r.supervisor_id),
  category: String(r.category) as HourCategory,
  minutes: Number(r.minutes),
  note: r.note === null || r.note === undefined ? null : String(r.note),
  sessionId: r.session_id === null || r.session_id === undefined ? null : Number(r.session_id),
});

/** A new entry as its row's columns (without the timestamps). */
export const hourEntryToRow = (e: NewHourEntry) => ({
  worker_id: e.workerId,
  date: e.date,
  site_id: e.siteId,
  supervisor_id: e.supervisorId,
  category: e.category,
  minutes: e.minutes,
  note: e.note,
  ...(e.sessionId === undefined ? {} : { session_id: e.sessionId }),
});

export async function findHourEntry(q: Q, id: number): Promise<HourEntry | null> {
  const row = await hourEntries(q).where({ id }).first();
  return row ? hourEntryFromRow(row) : null;
}

/** A worker's entries from `from` to `to` (inclusive), by date then entry order. */
export async function hourEntriesBetween(
  q: Q,
  workerId: number,
  from: IsoDate,
  to: IsoDate,
): Promise<HourEntry[]> {
  const rows = await hourEntries(q)
    .where({ worker_id: workerId })
    .whereBetween('date', [from, to])
    .orderBy([{ column: 'date' }, { column: 'id' }]);
  return rows.map(hourEntryFromRow);
}

/** All of a worker's entries, by date then entry order. */
export async function hourEntriesOf(q: Q, workerId: number): Promise<HourEntry[]> {
  const rows = await hourEntries(q)
    .where({ worker_id: workerId })
    .orderBy([{ column: 'date' }, { column: 'id' }]);
  return rows.map(hourEntryFromRow);
}

/** Writes one entry and answers it as stored (defaults included), read back by RETURNING. */
export async function insertHourEntry(q: Q, e: NewHourEntry, now: string): Promise<HourEntry> {
  const [row] = (await hourEntries(q)
    .insert({ ...hourEntryToRow(e), created_at: now, updated_at: now })
    .returning('*')) as HourEntryRow[];
  if (!row) throw new Error('The hour entry was not written');
  return hourEntryFromRow(row);
}

/**
 * Writes many entries in multi-row INSERTs of at most 500 rows; `onBatch` hears how many are
 * written so far after each.
 */
export async function insertHourEntries(
  q: Q,
  entries: readonly NewHourEntry[],
  now: string,
  onBatch?: (written: number) => void,
): Promise<void> {
  for (let i = 0; i < entries.length; i += INSERT_BATCH) {
    const batch = entries.slice(i, i + INSERT_BATCH);
    await hourEntries(q).insert(
      batch.map((e) => ({ ...hourEntryToRow(e), created_at: now, updated_at: now })),
    );
    onBatch?.(i + batch.length);
  }
}

/** Rewrites an entry's fields; null when there is no such entry. */
export async function updateHourEntry(
  q: Q,
  id: number,
  e: NewHourEntry,
  now: string,
): Promise<HourEntry | null> {
  const [row] = (await hourEntries(q)
    .where({ id })
    .update({ ...hourEntryToRow(e), updated_at: now })
    .returning('*')) as HourEntryRow[];
  return row ? hourEntryFromRow(row) : null;
}

export async function deleteHourEntry(q: Q, id: number): Promise<void> {
  await hourEntries(q).where({ id }).delete();
}

/** Removes the entries a supervision session made (the session is rewritten or deleted). */
export async function deleteSessionHourEntries(q: Q, sessionId: number): Promise<void> {
  await hourEntries(q).where({ session_id: sessionId }).delete();
}

/** Unties entries from sessions about to be erased: the entries stay, the worker's hours. */
export async function detachHourEntriesFromSessions(
  q: Q,
  sessionIds: readonly number[],
): Promise<void> {
  await hourEntries(q)
    .whereIn('session_id', [...sessionIds])
    .update({ session_id: null });
}

/**
 * Minutes logged by a worker on a day; `except` leaves out one entry (an update) or a
 * session's entries (a session being rewritten).
 */
export async function dayMinutes(
  q: Q,
  workerId: number,
  date: IsoDate,
  except: { id?: number | undefined; sessionId?: number | undefined } = {},
): Promise<number> {
  const day = hourEntries(q).where({ worker_id: workerId, date });
  if (except.id !== undefined) day.whereNot({ id: except.id });
  if (except.sessionId !== undefined) {
    const sessionId = except.sessionId;
    day.where((w) => w.whereNull('session_id').orWhereNot({ session_id: sessionId }));
  }
  const row = (await day.sum({ total: 'minutes' }).first()) as { total: unknown } | undefined;
  return Number(row?.total ?? 0);
}

/** Minutes per worker and day for each `[workerId, date]` pair that has any. */
export function dayMinutesForPairs(
  q: Q,
  pairs: readonly (readonly [number, string])[],
): Promise<{ worker_id: number; date: string; total: number }[]> {
  return selectForPairs(
    q,
    pairs,
    'SELECT e.worker_id, e.date, SUM(e.minutes) AS total FROM k JOIN hour_entries e ON e.worker_id = k.a AND e.date = k.b GROUP BY e.worker_id, e.date',
  );
}

/** What the hour rules ask about one entry, read in one statement (see `hourEntryContext`). */
export interface HourEntryContext {
  worker: boolean;
  supervisor: boolean;
  site: boolean;
  /** The worker's start and end date; null when there is no such worker. */
  employment: [string, string | null] | null;
  /** The status of the entry's week, undefined when the week has no log. */
  status: string | undefined;
  /** The worker's assignment spans: supervisor, site, start and end date. */
  spans: [number, number, string, string | null][];
  /** Minutes already logged on the day, without the entry being replaced. */
  day: number;
}

/**
 * Every fact the hour rules need for one entry in one statement instead of four reads (a
 * save's cost is mostly its statements). Null only if SQLite answers no row.
 */
export async function hourEntryContext(
  q: Q,
  e: { workerId: number; supervisorId: number; siteId: number; date: IsoDate },
  weekStart: IsoDate,
  replacingId: number | undefined,
): Promise<HourEntryContext | null> {
  const sql = sqlPieces(q);
  // Without an entry being replaced no id is left out (a bound NULL's type is unknown to pg).
  const replacing = replacingId === undefined ? '' : ' AND id <> ?';
  const row = (
    await rawRows<Record<string, unknown>>(
      q,
      `SELECT (SELECT COUNT(*) FROM workers WHERE id = ?) AS worker,
              (SELECT COUNT(*) FROM supervisors WHERE id = ?) AS supervisor,
              (SELECT COUNT(*) FROM sites WHERE id = ?) AS site,
              (SELECT ${sql.jsonArray(['start_date', 'end_date'])} FROM workers WHERE id = ?) AS employment,
              (SELECT status FROM weekly_logs WHERE worker_id = ? AND week_start = ?) AS status,
              (SELECT ${sql.jsonArrayAgg(['supervisor_id', 'site_id', 'start_date', 'end_date'])}
                 FROM supervision_assignments WHERE worker_id = ?) AS spans,
              (SELECT COALESCE(SUM(minutes), 0) FROM hour_entries
                WHERE worker_id = ? AND date = ?${replacing}) AS day`,
      [
        e.workerId,
        e.supervisorId,
        e.siteId,
        e.workerId,
        e.workerId,
        weekStart,
        e.workerId,
        e.workerId,
        e.date,
        ...(replacingId === undefined ? [] : [replacingId]),
      ],
    )
  )[0];
  if (!row) return null;
  return {
    worker: Boolean(Number(row.worker)),
    supervisor: Boolean(Number(row.supervisor)),
    site: Boolean(Number(row.site)),
    employment:
      row.employment === null || row.employment === undefined
        ? null
        : (JSON.parse(String(row.employment)) as [string, string | null]),
    status: row.status === null || row.status === undefined ? undefined : String(row.status),
    spans: JSON.parse(String(row.spans)) as [number, number, string, string | null][],
    day: Number(row.day),
  };
}

/** How many entries, and the first or last date among them, on one side of a worker's dates. */
export interface EntryFigures {
  n: number;
  at: string | null;
}

/** A worker's entries before `date` (`side` 'before') or after it, and the outermost date. */
export async function hourEntriesBeyond(
  q: Q,
  workerId: number,
  side: 'before' | 'after',
  date: IsoDate,
): Promise<EntryFigures> {
  const row = (await hourEntries(q)
    .where({ worker_id: workerId })
    .where('date', side === 'before' ? '<' : '>', date)
    .first(
      q.raw('COUNT(*) AS n'),
      q.raw(side === 'before' ? 'MIN(date) AS at' : 'MAX(date) AS at'),
    )) as { n: unknown; at: unknown } | undefined;
  return {
    n: Number(row?.n ?? 0),
    at: row?.at === null || row?.at === undefined ? null : String(row.at),
  };
}

/** What practice statistics group minutes by: a category, a site, or a month (YYYY-MM). */
export type MinutesGroup = 'category' | 'site_id' | 'month';

const GROUP_EXPR: Record<MinutesGroup, string> = {
  category: 'category',
  site_id: 'site_id',
  month: 'substr(date, 1, 7)',
};

/** People and minutes per group among `workerIds`' entries from `from` to `to`. */
export async function minutesGrouped(
  q: Q,
  workerIds: readonly number[],
  from: IsoDate,
  to: IsoDate,
  by: MinutesGroup,
): Promise<{ key: string; people: number; minutes: number }[]> {
  const expr = GROUP_EXPR[by];
  const rows = (await hourEntries(q)
    .whereIn('worker_id', [...workerIds])
    .whereBetween('date', [from, to])
    .groupByRaw(expr)
    .select(
      q.raw(`${expr} as k`),
      q.raw('count(distinct worker_id) as people'),
      q.raw('sum(minutes) as minutes'),
    )) as { k: string | number; people: number; minutes: number }[];
  return rows.map((r) => ({
    key: String(r.k),
    people: Number(r.people),
    minutes: Number(r.minutes),
  }));
}

/** People and minutes among `workerIds`' entries from `from` to `to`. */
export async function minutesTotal(
  q: Q,
  workerIds: readonly number[],
  from: IsoDate,
  to: IsoDate,
): Promise<{ people: number; minutes: number }> {
  const row = (await hourEntries(q)
    .whereIn('worker_id', [...workerIds])
    .whereBetween('date', [from, to])
    .first(
      q.raw('count(distinct worker_id) as people'),
      q.raw('coalesce(sum(minutes), 0) as minutes'),
    )) as { people: number; minutes: number } | undefined;
  return { people: Number(row?.people ?? 0), minutes: Number(row?.minutes ?? 0) };
}

/**
 * Minutes per worker, day and category up to `until`, in that order (SQLite's GROUP BY gives it
 * anyway; PostgreSQL's may hash).
 */
export async function dailyCategoryMinutes(
  q: Q,
  workerIds: readonly number[],
  until: IsoDate,
): Promise<{ worker_id: number; date: string; category: HourCategory; minutes: number }[]> {
  return (await hourEntries(q)
    .whereIn('worker_id', [...workerIds])
    .where('date', '<=', until)
    .groupBy('worker_id', 'date', 'category')
    .orderBy(['worker_id', 'date', 'category'])
    .select('worker_id', 'date', 'category', q.raw('sum(minutes) as minutes'))) as {
    worker_id: number;
    date: string;
    category: HourCategory;
    minutes: number;
  }[];
}

/** The years (YYYY) in which `workerIds` logged hours up to `until`, newest first. */
export async function yearsWithEntries(
  q: Q,
  workerIds: readonly number[],
  until: IsoDate,
): Promise<string[]> {
  const rows = (await hourEntries(q)
    .whereIn('worker_id', [...workerIds])
    .where('date', '<=', until)
    .distinct(q.raw('substr(date, 1, 4) as y'))
    .orderBy('y', 'desc')) as { y: string }[];
  return rows.map((r) => String(r.y));
}

/** A worker's minutes summed per day, category, supervisor and site, by date. */
export interface DayBucket {
  date: IsoDate;
  category: HourCategory;
  supervisorId: number;
  siteId: number;
  minutes: number;
}

/** An inclusive date range of one worker's entries. */
export interface WorkerDays {
  workerId: number;
  from: IsoDate;
  to: IsoDate;
}

/**
 * Entries in the given date ranges (inclusive), summed per worker, day, category, supervisor
 * and site: everything progress asks of an entry, in fewer rows, for many workers in one read.
 * A worker's ranges must not overlap (a day in two would be summed twice). The rows come back
 * as one text value, parsed here (faster than a row object each, as in hour-rollups.ts).
 */
export async function dayBucketsByWorker(
  q: Q,
  ranges: readonly WorkerDays[],
): Promise<Map<number, DayBucket[]>> {
  const out = new Map<number, DayBucket[]>();
  if (ranges.length === 0) return out;
  const sql = sqlPieces(q);
  const rows = await rawRows<{ lines: string | null }>(
    q,
    `WITH r(w, a, b) AS (
       SELECT CAST(j.value ->> 0 AS INTEGER), j.value ->> 1, j.value ->> 2 FROM ${sql.jsonRows('j')})
     SELECT ${sql.linesAgg('line', 'bw, bd, bc, bs, bp')} AS lines FROM (
       SELECT e.worker_id AS bw, e.date AS bd, e.category AS bc, e.supervisor_id AS bs,
              e.site_id AS bp,
              e.worker_id || ',' || e.date || ',' || e.category || ',' || e.supervisor_id || ','
              || e.site_id || ',' || SUM(e.minutes) AS line
         FROM r ${sql.outerJoinFirst} hour_entries e ON e.worker_id = r.w AND e.date BETWEEN r.a AND r.b
        GROUP BY e.worker_id, e.date, e.category, e.supervisor_id, e.site_id) AS t`,
    [JSON.stringify(ranges.map((r) => [r.workerId, r.from, r.to]))],
  );
  for (const line of rows[0]?.lines?.split('\n') ?? []) {
    const [worker, date = '', category = '', supervisor, site, minutes] = line.split(',');
    const workerId = Number(worker);
    const list = out.get(workerId) ?? [];
    list.push({
      date,
      category: category as HourCategory,
      supervisorId: Number(supervisor),
      siteId: Number(site),
      minutes: Number(minutes),
    });
    out.set(workerId, list);
  }
  for (const list of out.values())
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out;
}

/**
 * Minutes per worker and day in each span's categories from `from` to `to` (days with none are
 * absent), for many workers in one read. A worker's spans must not overlap.
 */
export async function dayTotalsByWorker(
  q: Q,
  spans: readonly (WorkerDays & { categories: readonly HourCategory[] })[],
): Promise<Map<number, Map<IsoDate, number>>> {
  const out = new Map<number, Map<IsoDate, number>>();
  const asked = spans.filter((s) => s.categories.length > 0);
  if (asked.length === 0) return out;
  const sql = sqlPieces(q);
  // One text value, a line per worker and day, parsed here: a long history has hundreds of
  // thousands of such days, and a row object each cost more than reading them.
  const rows = await rawRows<{ lines: string | null }>(
    q,
    // The categories as ",a,b," so a row's test is one instr, not a subquery per row.
    `WITH r(w, a, b, c) AS (
       SELECT CAST(j.value ->> 0 AS INTEGER), j.value ->> 1, j.value ->> 2, j.value ->> 3
         FROM ${sql.jsonRows('j')})
     SELECT ${sql.linesAgg('line')} AS lines FROM (
       SELECT e.worker_id || ',' || e.date || ',' || SUM(e.minutes) AS line
         FROM r ${sql.outerJoinFirst} hour_entries e ON e.worker_id = r.w AND e.date BETWEEN r.a AND r.b
        WHERE ${sql.position('r.c', "',' || e.category || ','")} > 0
        GROUP BY e.worker_id, e.date) AS t`,
    [JSON.stringify(asked.map((s) => [s.workerId, s.from, s.to, `,${s.categories.join(',')},`]))],
  );
  for (const line of rows[0]?.lines?.split('\n') ?? []) {
    const [worker, date = '', minutes] = line.split(',');
    const workerId = Number(worker);
    const days = out.get(workerId) ?? new Map<IsoDate, number>();
    days.set(date, Number(minutes));
    out.set(workerId, days);
  }
  return out;
}
