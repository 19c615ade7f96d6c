import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertHourEntries, type NewHourEntry } from '../../main/db/tables/hour-entries.js';
import { rollupBucketsOf } from '../../main/db/tables/hour-rollups.js';
import { progressEntriesOf } from '../../main/services/progress-entries.js';
import { monthlyMinutes } from '../../main/services/progress.js';
import { HOUR_CATEGORIES } from '../../shared/domain/categories.js';
import { addDaysIso, type IsoDate } from '../../shared/domain/dates.js';
import { BUILT_IN_PACKS, type Pack } from '../../shared/domain/packs/index.js';
import {
  computeProgress,
  projectCompletion,
  type ProgressEntry,
  type ProgressInput,
} from '../../shared/domain/progress.js';
import { call } from '../support/seed.js';
import { openTempCore, type TempCore } from '../support/temp-core.js';

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T };
}

/**
 * Weeks from `first` to `last` in one of several shapes: none, light, a full-time week, a week
 * over the 40-hour cap on one or two days, a few one-minute entries, supervision only.
 */
function generateEntries(
  seed: number,
  workerId: number,
  first: IsoDate,
  last: IsoDate,
  sites: number[],
  supervisors: number[],
): NewHourEntry[] {
  const r = rng(seed);
  const out: NewHourEntry[] = [];
  const add = (date: IsoDate, minutes: number, category = r.pick(HOUR_CATEGORIES)) =>
    out.push({
      workerId,
      date,
      siteId: r.pick(sites),
      supervisorId: r.pick(supervisors),
      category,
      minutes,
      note: null,
    });
  for (let monday = first; monday <= last; monday = addDaysIso(monday, 7)) {
    const shape = r.int(0, 9);
    if (shape === 0) continue;
    const days = shape === 9 ? [r.int(0, 6)] : [0, 1, 2, 3, 4, 5, 6].filter(() => r.next() < 0.7);
    for (const d of days) {
      const date = addDaysIso(monday, d);
      const count = shape <= 2 ? 1 : shape <= 5 ? r.int(2, 5) : r.int(4, 10);
      for (let k = 0; k < count; k++)
        add(date, shape === 8 ? 1 : 15 * r.int(1, shape <= 5 ? 6 : 12));
      if (shape === 7 && r.next() < 0.5) add(date, 600, 'direct_individual');
    }
    if (r.next() < 0.6) add(addDaysIso(monday, r.int(0, 6)), 60, 'supervision_individual');
    if (r.next() < 0.2) add(addDaysIso(monday, r.int(0, 6)), 120, 'supervision_group');
  }
  return out;
}

const TODAYS: IsoDate[] = [
  '2026-11-20',
  '2024-02-29',
  '2025-01-31',
  '2023-07-03',
  '2027-01-17',
  '2019-12-31',
];

/**
 * The same figures from the entries and from hour_rollups plus what they cannot hold
 * (main/services/progress-entries.ts), over varied seeded data, every built-in pack, with and
 * without a supervision start, on days before, inside and after the history.
 */
describe('progress from rollups equals progress from entries', () => {
  let core: TempCore;
  const workers: { id: number; supervisors: number[] }[] = [];
  const expiries = new Map<number, IsoDate>();

  beforeAll(async () => {
    core = await openTempCore();
    const sites: number[] = [];
    for (const name of ['North', 'South', 'East'])
      sites.push((await call(core, 'sites.create', { name, address: `${name} St` })).id);
    const licenses: [string, IsoDate][] = [
      ['LMFT', '2028-06-30'],
      ['LCSW', '2022-03-16'],
      ['LPCC', '2025-08-01'],
    ];
    const supervisors: number[] = [];
    for (const [i, [licenseType, licenseExpires]] of licenses.entries()) {
      const s = await call(core, 'supervisors.create', {
        firstName: `Super${'abc'[i]}`,
        lastName: 'Visor',
        email: `s${i}@example.org`,
        licenseType: licenseType as 'LMFT',
        licenseNumber: `${licenseType} ${1000 + i}`,
        licenseState: 'CA',
        licenseExpires,
      });
      supervisors.push(s.id);
      expiries.set(s.id, licenseExpires);
    }
    const spans: [IsoDate, IsoDate][] = [
      ['2017-01-02', '2027-02-22'],
      ['2020-02-24', '2026-11-16'],
      ['2024-12-30', '2026-12-28'],
    ];
    for (const [i, [first, last]] of spans.entries()) {
      const w = await call(core, 'workers.create', {
        firstName: `Worker${'abc'[i]}`,
        lastName: 'Test',
        email: `w${i}@example.org`,
        startDate: first,
      });
      const mine = supervisors.slice(0, i + 1);
      await insertHourEntries(
        core.db,
        generateEntries(17 + i, w.id, first, last, sites.slice(0, i + 1), mine),
        '2026-11-20T00:00:00.000Z',
      );
      workers.push({ id: w.id, supervisors: mine });
    }
  });
  afterAll(() => core.dispose());

  async function rawEntries(workerId: number): Promise<ProgressEntry[]> {
    const rows = (await core
      .db('hour_entries')
      .where({ worker_id: workerId })
      .orderBy([{ column: 'date' }, { column: 'id' }])
      .select('date', 'category', 'minutes', 'supervisor_id', 'site_id')) as Record<
      string,
      unknown
    >[];
    return rows.map((r) => ({
      date: String(r.date),
      category: r.category as ProgressEntry['category'],
      minutes: Number(r.minutes),
      supervisorId: Number(r.supervisor_id),
      siteId: Number(r.site_id),
    }));
  }

  function figures(pack: Pack, input: ProgressInput, today: IsoDate) {
    const progress = computeProgress(pack, input, today);
    return {
      progress,
      projection: projectCompletion(pack, progress, input, today),
      months: monthlyMinutes(input.entries, today),
      logged: input.entries.filter((e) => e.date <= today).reduce((s, e) => s + e.minutes, 0),
    };
  }

  it('gives identical progress, projection and chart for every pack and day', async () => {
    let compared = 0;
    let rowsRead = 0;
    let rowsRaw = 0;
    for (const w of workers) {
      const raw = await rawEntries(w.id);
      const buckets = await rollupBucketsOf(core.db, w.id);
      const supervisors = w.supervisors.map((id) => ({
        id,
        licenseType: 'LMFT' as const,
        licenseExpires: expiries.get(id) ?? '2030-01-01',
        name: `S${id}`,
      }));
      for (const pack of BUILT_IN_PACKS)
        for (const today of TODAYS)
          // The supervision start matters to entries only where the age limit counts from it.
          for (const start of pack.rules.ageLimit?.from === 'supervisionStart'
            ? [null, '2021-05-10']
            : [null]) {
            const entries = await progressEntriesOf(core.db, w.id, buckets, pack, {
              today,
              licenseExpiries: supervisors.map((s) => s.licenseExpires),
            });
            const base = {
              supervisors,
              supervisionStartDate: start,
              assignments: [],
              sites: [],
            };
            const fromRollups = figures(pack, { ...base, entries }, today);
            const fromEntries = figures(pack, { ...base, entries: raw }, today);
            expect(fromRollups).toEqual(fromEntries);
            compared++;
            rowsRead += entries.length;
            rowsRaw += raw.length;
          }
    }
    expect(compared).toBe(3 * (BUILT_IN_PACKS.length + 1) * TODAYS.length);
    // The point of it: fewer rows than the entries (the heavy seeded weeks are read by day).
    expect(rowsRead).toBeLessThan(rowsRaw);
  }, 120_000);

  it('gives identical figures without a pack (the chart and the logged total)', async () => {
    for (const w of workers) {
      const raw = await rawEntries(w.id);
      const buckets = await rollupBucketsOf(core.db, w.id);
      for (const today of TODAYS) {
        const entries = await progressEntriesOf(core.db, w.id, buckets, null, {
          today,
          licenseExpiries: [],
        });
        expect(monthlyMinutes(entries, today)).toEqual(monthlyMinutes(raw, today));
        const logged = (xs: ProgressEntry[]) =>
          xs.filter((e) => e.date <= today).reduce((s, e) => s + e.minutes, 0);
        expect(logged(entries)).toBe(logged(raw));
      }
    }
  });
});
