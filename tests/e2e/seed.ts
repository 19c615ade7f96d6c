import { DAVID, DOWNTOWN, JORDAN, MARIA, NORTH, PRIYA, SAM } from './lakeside.js';
import type { App } from './fixtures.js';

/**
 * A small practice as it looks a few months in: two sites, three supervisors (one license
 * expiring soon, one expired), three workers (one inactive), assignments, and a week of hours
 * for Sam Chen in the week of 16–22 Nov 2026.
 */
export async function seedPractice(app: App) {
  await app.call('practice.update', { name: 'Lakeside Family Therapy' });
  const downtown = await app.call('sites.create', DOWNTOWN);
  const north = await app.call('sites.create', { ...NORTH, phone: '(510) 555-0188' });
  const annex = await app.call('sites.create', { name: 'Telehealth', address: null, phone: null });
  await app.call('sites.update', { id: annex.id, name: 'Telehealth', active: false });

  const maria = await app.call('supervisors.create', MARIA);
  const david = await app.call('supervisors.create', {
    ...DAVID,
    phone: '(510) 555-0101',
    licenseExpires: '2026-12-31',
  });
  await app.call('supervisors.create', {
    firstName: 'Helen',
    lastName: 'Brandt',
    email: 'helen.brandt@lakeside.example',
    licenseType: 'LPCC',
    licenseNumber: 'LPCC 1207',
    licenseState: 'CA',
    licenseExpires: '2026-10-31',
  });

  const sam = await app.call('workers.create', { ...SAM, startDate: '2026-01-05' });
  const priya = await app.call('workers.create', PRIYA);
  const jordanInput = { ...JORDAN, title: 'Trainee', startDate: '2025-09-01' };
  const jordan = await app.call('workers.create', jordanInput);
  await app.call('workers.update', { ...jordanInput, id: jordan.id, active: false });

  await app.call('assignments.create', {
    workerId: sam.id,
    supervisorId: maria.id,
    siteId: downtown.id,
    startDate: '2026-01-05',
    agreementSignedOn: '2026-01-02',
  });
  await app.call('assignments.create', {
    workerId: sam.id,
    supervisorId: david.id,
    siteId: north.id,
    startDate: '2026-06-01',
    endDate: '2026-12-31',
  });
  await app.call('assignments.create', {
    workerId: priya.id,
    supervisorId: david.id,
    siteId: downtown.id,
    startDate: '2026-03-02',
    agreementSignedOn: '2026-02-27',
  });

  const log = (
    date: string,
    category: string,
    minutes: number,
    site = downtown.id,
    sup = maria.id,
    note?: string,
  ) =>
    app.call('hours.add', {
      workerId: sam.id,
      date,
      siteId: site,
      supervisorId: sup,
      category: category as never,
      minutes,
      note: note ?? null,
    });
  await log(
    '2026-11-16',
    'direct_individual',
    300,
    downtown.id,
    maria.id,
    'Five intake and follow-up sessions',
  );
  await log(
    '2026-11-16',
    'nonclinical',
    90,
    downtown.id,
    maria.id,
    'Progress notes and treatment plans',
  );
  await log(
    '2026-11-17',
    'direct_family',
    180,
    north.id,
    david.id,
    'Two couples sessions, one family session',
  );
  await log('2026-11-17', 'supervision_individual', 60, north.id, david.id);
  await log(
    '2026-11-18',
    'direct_group',
    120,
    downtown.id,
    maria.id,
    'Adolescent DBT skills group',
  );
  await log('2026-11-18', 'direct_individual', 240);
  await log('2026-11-19', 'supervision_group', 120, downtown.id, maria.id);
  await log('2026-11-20', 'direct_individual', 195);

  return { downtown, north, maria, david, sam, priya, jordan };
}

/** One site, supervisor and worker, with an open assignment from 5 Jan 2026. */
export async function seedBasics(app: App) {
  const site = await app.call('sites.create', { name: 'Downtown Clinic' });
  const supervisor = await app.call('supervisors.create', MARIA);
  const worker = await app.call('workers.create', {
    firstName: 'Sam',
    lastName: 'Chen',
    email: 'sam@example.org',
    startDate: '2026-01-05',
  });
  await app.call('assignments.create', {
    workerId: worker.id,
    supervisorId: supervisor.id,
    siteId: site.id,
    startDate: '2026-01-05',
  });
  const log = (date: string, minutes: number, category = 'direct_individual') =>
    app.call('hours.add', {
      workerId: worker.id,
      date,
      siteId: site.id,
      supervisorId: supervisor.id,
      category: category as never,
      minutes,
    });
  return { site, supervisor, worker, log };
}

/** The small practice, with Sam Chen's deletion request registered as made in person. */
export async function seedDeletionRequest(app: App) {
  const practice = await seedPractice(app);
  const request = await app.call('privacy.requests.register', {
    kind: 'deletion',
    personType: 'worker',
    personId: practice.sam.id,
    receivedOn: '2026-11-19',
    identityMethod: 'In person, photo ID checked',
    note: null,
  });
  return { ...practice, request };
}
