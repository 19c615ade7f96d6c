import { createHash } from 'node:crypto';
import { addDays, format, startOfWeek, subWeeks } from 'date-fns';
import { openCore, type Core } from '../main/core.js';
import { insertBatched } from '../main/db/connection.js';
import type { HourCategory } from '../shared/domain/categories.js';
import { createMemorySecretStore } from '../main/platform/memory-secret-store.js';
import type { SecretStore } from '../main/platform/secret-store.js';

/**
 * A deterministic practice for benchmarks: the same seed gives the same database, built with the
 * project's own migrations (so the schema and indexes are the real ones) through a real core.
 * The history is written in batches straight into the tables, as an import of old records would
 * be; audit rows are written only for what the benchmarks then do through the API.
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
const FIRST = ['Ana', 'Ben', 'Chloe', 'Dev', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivan', 'Jo'];
const LAST = ['Garcia', 'Nguyen', 'Smith', 'Patel', 'Kim', 'Lopez', 'Brown', 'Chen', 'Davis'];
const iso = (d: Date) => format(d, 'yyyy-MM-dd');

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
  const core = await openCore({ dataFolder: folder, version: 'bench', secrets, clock });
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

  // Each worker starts somewhere in the first seven years and stays to today.
  const workers = Array.from({ length: shape.workers }, (_, i) => {
    const startWeek = rnd.int(0, totalWeeks - 52);
    return {
      index: i,
      startWeek,
      supervisorId: 1 + (i % shape.supervisors),
      siteId: 1 + (i % shape.sites),
    };
  });
  const workerWeeks = workers.reduce((s, w) => s + (totalWeeks - w.startWeek), 0);
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
        start_date: iso(addDays(firstWeek, w.startWeek * 7)),
        pack_id: 'ca-bbs-lmft',
        ...stamps,
      })),
    );
    await insertBatched(
      trx,
      'supervision_assignments',
      workers.map((w) => ({
        worker_id: w.index + 1,
        supervisor_id: w.supervisorId,
        site_id: w.siteId,
        start_date: iso(addDays(firstWeek, w.startWeek * 7)),
        agreement_signed_on: iso(addDays(firstWeek, w.startWeek * 7)),
        ...stamps,
      })),
    );
  });

  const counts: Record<string, number> = {
    hour_entries: 0,
    weekly_logs: 0,
    week_signatures: 0,
    ce_records: 0,
    supervision_sessions: 0,
  };
  // Session ids are given, not read back: several workers share a supervisor and a date.
  let nextSessionId = 1;
  // One worker at a time, in one transaction each, so memory stays flat at a million rows.
  for (const w of workers) {
    const workerId = w.index + 1;
    const entries: Record<string, unknown>[] = [];
    const logs: Record<string, unknown>[] = [];
    const signatures: { week: string; json: string }[] = [];
    const sessions: Record<string, unknown>[] = [];
    const attendees: Record<string, unknown>[] = [];
    let carry = 0;
    for (let week = w.startWeek; week < totalWeeks + 1; week++) {
      const monday = addDays(firstWeek, week * 7);
      carry += perWeek;
      const n = Math.floor(carry);
      carry -= n;
      const weekEntries = [];
      for (let k = 0; k < n; k++) {
        const date = addDays(monday, k % 5);
        if (date > BENCH_NOW) break;
        const row = {
          worker_id: workerId,
          date: iso(date),
          site_id: w.siteId,
          supervisor_id: w.supervisorId,
          category: rnd.pick(categories),
          minutes: 15 * rnd.int(2, 8),
          note: null,
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
      if (approved) {
        signatures.push({
          week: iso(monday),
          json: JSON.stringify(
            weekEntries.map((e) => ({
              date: e.date,
              category: e.category,
              minutes: e.minutes,
              siteId: e.site_id,
              supervisorId: e.supervisor_id,
              note: null,
            })),
          ),
        });
      }
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
      await insertBatched(trx, 'weekly_logs', logs);
      const ids = new Map(
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
          weekly_log_id: ids.get(s.week),
          version: 1,
          signer_user_id: 1,
          supervisor_id: w.supervisorId,
          signer_name: `Supervisor ${w.supervisorId}`,
          signed_at: stamp,
          entries_hash: createHash('sha256').update(s.json).digest('hex'),
          entries_json: s.json,
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
  await db.raw('ANALYZE');
  return { core, counts, workerIds: workers.map((w) => w.index + 1), recoveryCode };
}
