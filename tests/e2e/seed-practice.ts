import type { ApiInput } from '../../shared/api/contract.js';
import type { HourCategory } from '../../shared/domain/categories.js';
import { addDaysIso, weekStartOf } from '../../shared/domain/dates.js';
import type { App } from './fixtures.js';
import { DAVID, DOWNTOWN, JORDAN, MARIA, NORTH, PRIYA, SAM } from './lakeside.js';

/** Seeding stops at the e2e clock's day (Friday 20 Nov 2026). */
const TODAY = '2026-11-20';
const LAST_MONDAY = weekStartOf(TODAY);

type Tally = Record<HourCategory, number>;
const emptyTally = (): Tally => ({
  direct_individual: 0,
  direct_family: 0,
  direct_group: 0,
  supervision_individual: 0,
  supervision_triadic: 0,
  supervision_group: 0,
  nonclinical: 0,
});

/** The Mondays from the week of `from` up to the current week, skipping the listed ones. */
function mondays(from: string, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let d = weekStartOf(from); d <= LAST_MONDAY; d = addDaysIso(d, 7))
    if (!skip.includes(d)) out.push(d);
  return out;
}

/** A repeatable wobble (0…n-1) so weeks differ without randomness. */
const wobble = (i: number, n: number) => (i * 7 + 3) % n;

/**
 * A practice a year in, built through the API: two sites, two supervisors, three associates each
 * on a requirement pack (two built-in, one the practice's own copy), a year of hours for Sam,
 * nine months for Priya, six for Jordan, weekly individual supervision, triadic and monthly group
 * sessions, and two of Sam's weeks waiting for review. Returns the minutes it logged per worker
 * and category, so tests can check the dashboards against what was entered.
 */
export async function seedYearPractice(app: App) {
  await app.call('practice.update', { name: 'Lakeside Family Therapy' });
  const downtown = await app.call('sites.create', DOWNTOWN);
  const north = await app.call('sites.create', NORTH);
  const maria = await app.call('supervisors.create', MARIA);
  const david = await app.call('supervisors.create', DAVID);
  const worker = (input: ApiInput<'workers.create'>) => app.call('workers.create', input);
  const sam = await worker(SAM);
  const priya = await worker(PRIYA);
  const jordan = await worker({
    ...JORDAN,
    title: 'Associate PCC',
    registrationNumber: 'APCC 4410',
    startDate: '2026-06-01',
  });

  const assign = (input: ApiInput<'assignments.create'>) => app.call('assignments.create', input);
  await assign({
    workerId: sam.id,
    supervisorId: maria.id,
    siteId: downtown.id,
    startDate: '2025-11-24',
    agreementSignedOn: '2025-11-20',
  });
  await assign({
    workerId: sam.id,
    supervisorId: david.id,
    siteId: north.id,
    startDate: '2026-06-01',
    agreementSignedOn: '2026-06-01',
  });
  await assign({
    workerId: priya.id,
    supervisorId: david.id,
    siteId: downtown.id,
    startDate: '2026-03-02',
    agreementSignedOn: '2026-02-27',
  });
  await assign({
    workerId: priya.id,
    supervisorId: maria.id,
    siteId: downtown.id,
    startDate: '2026-03-02',
    agreementSignedOn: '2026-02-27',
  });
  // No agreement on file: the dashboard warns once 60 days have passed.
  await assign({
    workerId: jordan.id,
    supervisorId: maria.id,
    siteId: downtown.id,
    startDate: '2026-06-01',
  });

  const { pack: generic } = await app.call('packs.get', { id: 'generic' });
  const lakeside = await app.call('packs.create', {
    pack: {
      ...generic,
      id: 'lakeside-lpcc',
      name: 'Lakeside LPCC (practice copy)',
      jurisdiction: 'California, USA',
      license: 'Licensed Professional Clinical Counselor (practice rules)',
      versionDate: '2026-11-02',
    },
    basedOn: 'generic',
  });
  await app.call('workers.setPack', { workerId: sam.id, packId: 'ca-bbs-lmft' });
  await app.call('workers.setPack', { workerId: priya.id, packId: 'ca-bbs-lcsw' });
  await app.call('workers.setPack', { workerId: jordan.id, packId: lakeside.id });

  const logged: Record<number, Tally> = {
    [sam.id]: emptyTally(),
    [priya.id]: emptyTally(),
    [jordan.id]: emptyTally(),
  };
  const log = async (
    workerId: number,
    date: string,
    category: HourCategory,
    minutes: number,
    siteId: number,
    supervisorId: number,
    note: string | null = null,
  ) => {
    if (date > TODAY) return;
    await app.call('hours.add', { workerId, date, siteId, supervisorId, category, minutes, note });
    (logged[workerId] as Tally)[category] += minutes;
  };
  /** A week's hours at Downtown: [day of the week (0 = Monday), category, minutes, supervisor]. */
  const atDowntown = async (
    workerId: number,
    monday: string,
    days: [number, HourCategory, number, number][],
  ) => {
    for (const [d, category, minutes, supervisorId] of days)
      await log(workerId, addDaysIso(monday, d), category, minutes, downtown.id, supervisorId);
  };
  const session = async (input: ApiInput<'sessions.create'>) => {
    if (input.date > TODAY) return;
    await app.call('sessions.create', input);
    const category = `supervision_${input.kind}` as HourCategory;
    for (const w of input.workerIds) (logged[w] as Tally)[category] += input.minutes;
  };

  // Sam: four clinical days a week at Downtown (and from June one at North), notes on Fridays.
  const samWeeks = mondays('2025-11-24', ['2025-12-22', '2025-12-29', '2026-08-10']);
  for (const [i, monday] of samWeeks.entries()) {
    const day = (n: number) => addDaysIso(monday, n);
    await log(sam.id, day(0), 'direct_individual', 300 + wobble(i, 4) * 30, downtown.id, maria.id);
    await log(sam.id, day(1), 'direct_family', 180 + wobble(i, 3) * 30, downtown.id, maria.id);
    await log(sam.id, day(1), 'direct_individual', 120, downtown.id, maria.id);
    await log(sam.id, day(3), 'direct_group', 90, downtown.id, maria.id, 'DBT skills group');
    await log(
      sam.id,
      day(4),
      'nonclinical',
      150,
      downtown.id,
      maria.id,
      'Notes and treatment plans',
    );
    await session({
      supervisorId: maria.id,
      siteId: downtown.id,
      date: day(1),
      kind: 'individual',
      minutes: 120,
      workerIds: [sam.id],
    });
    if (monday >= '2026-06-01') {
      await log(sam.id, day(2), 'direct_individual', 240, north.id, david.id);
      await session({
        supervisorId: david.id,
        siteId: north.id,
        date: day(2),
        kind: 'individual',
        minutes: 60,
        workerIds: [sam.id],
      });
    } else {
      await log(sam.id, day(2), 'direct_individual', 240, downtown.id, maria.id);
    }
  }

  // Priya: individual supervision with David weekly, triadic with Maria and Sam every other week.
  const priyaWeeks = mondays('2026-03-02', ['2026-07-06']);
  for (const [i, monday] of priyaWeeks.entries()) {
    const day = (n: number) => addDaysIso(monday, n);
    await atDowntown(priya.id, monday, [
      [0, 'direct_individual', 270 + wobble(i, 3) * 30, david.id],
      [1, 'direct_individual', 240, david.id],
      [2, 'direct_group', 120, david.id],
      [3, 'direct_individual', 180, maria.id],
      [4, 'nonclinical', 120, david.id],
    ]);
    await session({
      supervisorId: david.id,
      siteId: downtown.id,
      date: day(0),
      kind: 'individual',
      minutes: 60,
      workerIds: [priya.id],
    });
    if (i % 2 === 0 && samWeeks.includes(monday))
      await session({
        supervisorId: maria.id,
        siteId: downtown.id,
        date: day(3),
        kind: 'triadic',
        minutes: 90,
        workerIds: [sam.id, priya.id],
        note: 'Case conceptualization',
      });
  }

  // Jordan: newer, three clinical days; supervision only in the monthly group, so the pack warns.
  const jordanWeeks = mondays('2026-06-01');
  for (const [i, monday] of jordanWeeks.entries()) {
    const day = (n: number) => addDaysIso(monday, n);
    await atDowntown(jordan.id, monday, [
      [0, 'direct_individual', 240 + wobble(i, 3) * 30, maria.id],
      [2, 'direct_individual', 210, maria.id],
      [3, 'nonclinical', 90, maria.id],
    ]);
    if (i % 2 === 1)
      await session({
        supervisorId: maria.id,
        siteId: downtown.id,
        date: day(1),
        kind: 'individual',
        minutes: 60,
        workerIds: [jordan.id],
      });
  }
  // A monthly group with all three, on the first Thursday Maria holds it at Downtown.
  for (const thursday of [
    '2026-06-04',
    '2026-07-02',
    '2026-08-06',
    '2026-09-03',
    '2026-10-01',
    '2026-11-05',
  ])
    await session({
      supervisorId: maria.id,
      siteId: downtown.id,
      date: thursday,
      kind: 'group',
      minutes: 120,
      workerIds: [sam.id, priya.id, jordan.id],
      note: 'Monthly case consultation group',
    });

  // Two of Sam's weeks wait for Maria's review.
  await app.call('weeks.submit', { workerId: sam.id, weekStart: '2026-11-02' });
  await app.call('weeks.submit', { workerId: sam.id, weekStart: '2026-11-09' });

  return { downtown, north, maria, david, sam, priya, jordan, lakeside, logged };
}

/** Sums a tally's minutes over some categories. */
export const sumOf = (t: Tally, cats: readonly HourCategory[]) =>
  cats.reduce((s, c) => s + t[c], 0);
