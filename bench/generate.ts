import { createHash } from 'node:crypto';
import { addDays, format, startOfWeek, subWeeks } from 'date-fns';
import { openCore, type Core } from '../main/core.js';
import { builtWorkersFolder } from '../tests/support/build-workers.js';
import { insertBatched } from '../main/db/connection.js';
import type { HourCategory } from '../shared/domain/categories.js';
import { canonicalEntries } from '../shared/domain/weekly-logs.js';
import { hourEntryFromRow } from '../main/db/tables/hour-entries.js';
import { createMemorySecretStore } from '../main/platform/memory-secret-store.js';
import type { SecretStore } from '../main/platform/secret-store.js';
import { makeAuditHistory, type HistoryEvent } from './audit-history.js';

/**
 * A deterministic practice for benchmarks: the same seed gives the same database, built with the
 * project's own migrations (so the schema and indexes are the real ones) through a real core.
 * The history is written in batches straight into the tables, as an import of old records would
 * be, with the audit history the app would have written for it (bench/audit-history.ts).
 */
export interface PracticeShape {
  workers: number;
  supervisors: number;
  sites: number;
  years: number;
  /** About this many hour entries in all (the generator spreads them over the workers' weeks). */
  entries: number;
  /** Each worker's last this-many weeks hold a weekly individual supervision session. */
  sessionWeeks: number;
  seed: number;
}

export const LARGE_PRACTICE: PracticeShape = {
  workers: 300,
  supervisors: 40,
  sites: 12,
  years: 8,
  entries: 1_000_000,
  sessionWeeks: 52,
  seed: 20261123,
};

export const BENCH_NOW = new Date('2026-11-20T10:00:00Z');
export const OWNER = { username: 'owner', password: 'bench owner password' };

/** mulberry32: small, fast and good enough to spread test data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

const CATEGORY_WEIGHTS: [HourCategory, number][] = [
  ['direct_individual', 45],
  ['direct_family', 15],
  ['direct_group', 10],
  ['nonclinical', 20],
  ['supervision_group', 10],
];
/** Workers who left, as a share of those who stay. */
const LEAVERS = 0.15;
const NOTES = [
  'Intake assessment',
  'Couple session, second half by phone',
  'Case consultation with the team',
  'Group co-facilitated',
  'Documentation catch-up',
  'Crisis follow-up',
];
const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivan', 'Jo'];
const LAST = ['Garcia', 'Nguyen', 'Smith', 'Patel', 'Kim', 'Lopez', 'Brown', 'Chen', 'Davis'];
const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/** A signed week's hash and entries as weeks.approve stores them. */
function signedPart(rows: readonly Record<string, unknown>[], ids: readonly number[]) {
  const json = canonicalEntries(rows.map((e, k) => hourEntryFromRow({ ...e, id: ids[k] ?? 0 })));
  return { entries_hash: createHash('sha256').update(json).digest('hex'), entries_json: json };
}

export interface GeneratedPractice {
  core: Core;
  counts: Record<string, number>;
  workerIds: number[];
  recoveryCode: string;
}

/** Creates the practice in `folder` (which must be empty) and leaves the owner signed in. */
export async function generatePractice(
  folder: string,
  shape: PracticeShape = LARGE_PRACTICE,
  secrets: SecretStore = createMemorySecretStore(),
): Promise<GeneratedPractice> {
  const rnd = prng(shape.seed);
  const clock = { now: () => new Date(BENCH_NOW) };
  // With its worker-thread scripts, as the app runs: a restore seals its pages there.
  const core = await openCore({
    dataFolder: folder,
    version: 'bench',
    secrets,
    clock,
    workersFolder: builtWorkersFolder(),
  });
  const prepared = await core.invoke('setup.prepare', {});
  if (!prepared.ok) throw new Error(prepared.error.message);
  const recoveryCode = (prepared.value as { recoveryCode: string }).recoveryCode;
  const done = await core.invoke('setup.complete', {
    practiceName: 'Benchmark Practice',
    ownerName: 'Bench Owner',
    username: OWNER.username,
    password: OWNER.password,
    recoveryCodeCheck: recoveryCode.slice(-11),
  });
  if (!done.ok) throw new Error(done.error.message);

  const stamp = BENCH_NOW.toISOString();
  const stamps = { created_at: stamp, updated_at: stamp };
  const db = core.db;
  const categories = CATEGORY_WEIGHTS.flatMap(([c, w]) => Array<HourCategory>(w).fill(c));
  const firstWeek = startOfWeek(subWeeks(BENCH_NOW, shape.years * 52), { weekStartsOn: 1 });
  const thisWeek = startOfWeek(BENCH_NOW, { weekStartsOn: 1 });
  const totalWeeks = Math.round((thisWeek.getTime() - firstWeek.getTime()) / (7 * 86400_000));

  await db.transaction(async (trx) => {
    await insertBatched(
      trx,
      'sites',
      Array.from({ length: shape.sites }, (_, i) => ({
        name: `Site ${i + 1}`,
        address: `${i + 1} Main St`,
        ...stamps,
      })),
    );
    await insertBatched(
      trx,
      'supervisors',
      Array.from({ length: shape.supervisors }, (_, i) => ({
        first_name: rnd.pick(FIRST),
        last_name: `${rnd.pick(LAST)}-${i + 1}`,
        email: `supervisor${i + 1}@bench.example`,
        license_type: rnd.pick(['LMFT', 'LPCC', 'LCSW']),
        license_number: `L${100000 + i}`,
        license_state: 'CA',
        license_expires: '2028-06-30',
        ...stamps,
      })),
    );
  });

  // Each worker starts somewhere in the first seven years (one in ten at the very start: eight
  // years of history) and logs a worker-specific amount a week that varies week to week, with
  // weeks off. `shape.workers` stay to today; LEAVERS more left after one to four years. A
  // worker's current supervisor and site are placeOf's (bench/services.bench.ts); long-serving
  // workers had another supervisor before, and every third worker also works at a second site
  // under a third supervisor.
  const leavers = Math.round(shape.workers * LEAVERS);
  const workers = Array.from({ length: shape.workers + leavers }, (_, i) => {
    const leaves = i >= shape.workers;
    const startWeek =
      rnd.next() < 0.1 ? 0 : rnd.int(0, Math.max(0, totalWeeks - (leaves ? 4 * 52 : 52)));
    const endWeek = leaves ? startWeek + rnd.int(52, 4 * 52) : totalWeeks;
    const switchWeek = endWeek - startWeek > 2 * 52 ? startWeek + rnd.int(26, 2 * 52) : null;
    return {
      index: i,
      startWeek,
      endWeek,
      intensity: 0.5 + rnd.next(),
      supervisorId: 1 + (i % shape.supervisors),
      siteId: 1 + (i % shape.sites),
      earlier:
        switchWeek === null
          ? null
          : { supervisorId: 1 + ((i + 7) % shape.supervisors), untilWeek: switchWeek },
      second:
        i % 3 === 0
          ? {
              siteId: 1 + ((i + 5) % shape.sites),
              supervisorId: 1 + ((i + 11) % shape.supervisors),
              fromWeek: startWeek + rnd.int(0, Math.max(0, endWeek - startWeek - 26)),
            }
          : null,
    };
  });
  const weekDate = (week: number) => iso(addDays(firstWeek, week * 7));
  const workerWeeks = workers.reduce((s, w) => s + (w.endWeek - w.startWeek) * w.intensity, 0);
  const perWeek = shape.entries / workerWeeks;

  await db.transaction(async (trx) => {
    await insertBatched(
      trx,
      'workers',
      workers.map((w) => ({
        first_name: rnd.pick(FIRST),
        last_name: `${rnd.pick(LAST)}-${w.index + 1}`,
        email: `worker${w.index + 1}@bench.example`,
        title: 'Associate',
        registration_number: `A${200000 + w.index}`,
        start_date: weekDate(w.startWeek),
        end_date: w.endWeek < totalWeeks ? weekDate(w.endWeek) : null,
        active: w.endWeek >= totalWeeks,
        pack_id: 'ca-bbs-lmft',
        ...stamps,
      })),
    );
    await insertBatched(
      trx,
      'supervision_assignments',
      workers.flatMap((w) => {
        const end = w.endWeek < totalWeeks ? weekDate(w.endWeek) : null;
        const current = w.earlier ? w.earlier.untilWeek : w.startWeek;
        const rows = [
          {
            worker_id: w.index + 1,
            supervisor_id: w.supervisorId,
            site_id: w.siteId,
            start_date: weekDate(current),
            end_date: end,
            agreement_signed_on: weekDate(current),
            ...stamps,
          },
        ];
        if (w.earlier)
          rows.push({
            worker_id: w.index + 1,
            supervisor_id: w.earlier.supervisorId,
            site_id: w.siteId,
            start_date: weekDate(w.startWeek),
            end_date: iso(addDays(firstWeek, w.earlier.untilWeek * 7 - 1)),
            agreement_signed_on: weekDate(w.startWeek),
            ...stamps,
          });
        if (w.second)
          rows.push({
            worker_id: w.index + 1,
            supervisor_id: w.second.supervisorId,
            site_id: w.second.siteId,
            start_date: weekDate(w.second.fromWeek),
            end_date: end,
            agreement_signed_on: weekDate(w.second.fromWeek),
            ...stamps,
          });
        return rows;
      }),
    );
  });

  const counts: Record<string, number> = {
    hour_entries: 0,
    weekly_logs: 0,
    week_signatures: 0,
    ce_records: 0,
    supervision_sessions: 0,
    audit_log: 0,
    workers: workers.length,
    workers_left: leavers,
  };
  const history = await makeAuditHistory(core);
  // Session ids are given, not read back: several workers share a supervisor and a date.
  let nextSessionId = 1;
  // One worker at a time, in one transaction each, so memory stays flat at a million rows.
  for (const w of workers) {
    const workerId = w.index + 1;
    const entries: (Record<string, unknown> & { date: string })[] = [];
    const logs: Record<string, unknown>[] = [];
    const signatures: { week: string; from: number; to: number }[] = [];
    const sessions: Record<string, unknown>[] = [];
    const attendees: Record<string, unknown>[] = [];
    const views: HistoryEvent[] = [];
    let carry = 0;
    for (let week = w.startWeek; week < Math.min(w.endWeek, totalWeeks + 1); week++) {
      const monday = addDays(firstWeek, week * 7);
      const supervisorId =
        w.earlier && week < w.earlier.untilWeek ? w.earlier.supervisorId : w.supervisorId;
      // About one week in sixteen off; the rest vary by ±40 % around the worker's pace.
      carry += rnd.next() < 1 / 16 ? 0 : perWeek * w.intensity * (0.6 + 0.8 * rnd.next());
      const n = Math.floor(carry);
      carry -= n;
      const weekEntries = [];
      for (let k = 0; k < n; k++) {
        const date = addDays(monday, k % 6 === 5 ? 5 : k % 5);
        if (date > BENCH_NOW) break;
        const atSecond = w.second !== null && week >= w.second.fromWeek && rnd.next() < 0.25;
        const row = {
          worker_id: workerId,
          date: iso(date),
          site_id: atSecond && w.second ? w.second.siteId : w.siteId,
          supervisor_id: atSecond && w.second ? w.second.supervisorId : supervisorId,
          category: rnd.pick(categories),
          minutes: 15 * rnd.int(1, 10),
          note: rnd.next() < 0.12 ? rnd.pick(NOTES) : null,
          session_id: null as number | null,
          ...stamps,
        };
        weekEntries.push(row);
      }
      // A weekly individual session (Tuesday, an hour) and the attendee's linked entry.
      const tuesday = addDays(monday, 1);
      if (week > totalWeeks - shape.sessionWeeks && tuesday <= BENCH_NOW) {
        const sessionId = nextSessionId++;
        sessions.push({
          id: sessionId,
          supervisor_id: w.supervisorId,
          site_id: w.siteId,
          date: iso(tuesday),
          kind: 'individual',
          minutes: 60,
          note: null,
          ...stamps,
        });
        attendees.push({ session_id: sessionId, worker_id: workerId });
        weekEntries.push({
          worker_id: workerId,
          date: iso(tuesday),
          site_id: w.siteId,
          supervisor_id: w.supervisorId,
          category: 'supervision_individual' as HourCategory,
          minutes: 60,
          note: null,
          session_id: sessionId,
          ...stamps,
        });
      }
      entries.push(...weekEntries);
      // The week was looked at once it was filled in (hours.week), progress every fourth week.
      const viewedAt = addDays(monday, 4).toISOString();
      if (weekEntries.length > 0 && addDays(monday, 4) <= BENCH_NOW) {
        views.push({
          at: viewedAt,
          action: 'view',
          entity: 'hour_entries',
          subjectType: 'worker',
          subjectId: workerId,
          detail: `week of ${iso(monday)}`,
        });
        if (week % 4 === 0)
          views.push({
            at: viewedAt,
            action: 'view',
            entity: 'progress',
            subjectType: 'worker',
            subjectId: workerId,
            detail: 'progress under ca-bbs-lmft',
          });
      }
      if (!weekEntries.length || week >= totalWeeks - 1) continue;
      // Weeks older than a fortnight are signed; the last two are submitted, waiting.
      const approved = week < totalWeeks - 2;
      logs.push({
        worker_id: workerId,
        week_start: iso(monday),
        status: approved ? 'approved' : 'submitted',
        version: 1,
        submitted_at: addDays(monday, 7).toISOString(),
        ...stamps,
      });
      // Signed over the week's entries as the app hashes them (canonicalEntries, with their ids).
      if (approved)
        signatures.push({
          week: iso(monday),
          from: entries.length - weekEntries.length,
          to: entries.length,
        });
    }
    const ce = Array.from({ length: 6 }, (_, k) => ({
      person_type: 'worker',
      person_id: workerId,
      title: k % 3 === 0 ? 'Law and ethics update' : `Clinical workshop ${k + 1}`,
      provider: 'CE Provider',
      date: iso(addDays(BENCH_NOW, -60 * (k + 1))),
      minutes: 180,
      category: k % 3 === 0 ? 'law_ethics' : 'general',
      ...stamps,
    }));
    await db.transaction(async (trx) => {
      await insertBatched(trx, 'supervision_sessions', sessions);
      await insertBatched(trx, 'supervision_session_attendees', attendees);
      await insertBatched(trx, 'hour_entries', entries);
      // One audit row per save, as hours.add writes it (the entry as read back), then the views.
      const ids = await history.addSaves(trx, workerId, entries);
      for (const v of views) history.add(v);
      await history.flush(trx);
      await insertBatched(trx, 'weekly_logs', logs);
      const logIds = new Map(
        (
          (await trx('weekly_logs').where({ worker_id: workerId }).select('id', 'week_start')) as {
            id: number;
            week_start: string;
          }[]
        ).map((r) => [r.week_start, r.id]),
      );
      await insertBatched(
        trx,
        'week_signatures',
        signatures.map((s) => ({
          weekly_log_id: logIds.get(s.week),
          ...signedPart(entries.slice(s.from, s.to), ids.slice(s.from, s.to)),
          version: 1,
          signer_user_id: 1,
          supervisor_id: w.supervisorId,
          signer_name: `Supervisor ${w.supervisorId}`,
          signed_at: stamp,
        })),
      );
      await insertBatched(trx, 'ce_records', ce);
    });
    counts.hour_entries = (counts.hour_entries ?? 0) + entries.length;
    counts.weekly_logs = (counts.weekly_logs ?? 0) + logs.length;
    counts.week_signatures = (counts.week_signatures ?? 0) + signatures.length;
    counts.ce_records = (counts.ce_records ?? 0) + ce.length;
    counts.supervision_sessions = (counts.supervision_sessions ?? 0) + sessions.length;
  }
  counts.audit_log = history.written();
  // The trail's head as the app anchors it, so a verify of the generated practice passes.
  await core.services.anchorAudit(true);
  await db.raw('ANALYZE');
  return { core, counts, workerIds: workers.map((w) => w.index + 1), recoveryCode };
}
