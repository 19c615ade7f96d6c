import type { Core } from '../../main/core.js';
import { insertHourEntries } from '../../main/db/tables/hour-entries.js';
import type { SessionUser } from '../../main/services/session.js';
import type { ApiInput, ApiName, ApiResult } from '../../shared/api/contract.js';

/** Calls the API like the renderer does and fails the test loudly on an error envelope. */
export async function call<K extends ApiName>(
  core: Core,
  name: K,
  input: ApiInput<K>,
): Promise<ApiResult<K>> {
  const res = await core.invoke(name, input);
  if (!res.ok) throw new Error(`${name} failed: ${JSON.stringify(res.error)}`);
  return res.value as ApiResult<K>;
}

/** seedPractice's supervisor, as the owner enters her. */
export const MARIA = {
  firstName: 'Maria',
  lastName: 'Lopez',
  email: 'maria@example.org',
  licenseType: 'LMFT',
  licenseNumber: 'LMFT 12345',
  licenseState: 'CA',
  licenseExpires: '2028-06-30',
} satisfies ApiInput<'supervisors.create'>;

/** One site, supervisor, worker and an open assignment from 2026-01-05. */
export async function seedPractice(core: Core) {
  const site = await call(core, 'sites.create', { name: 'Downtown Clinic', address: '12 Main St' });
  const supervisor = await call(core, 'supervisors.create', MARIA);
  const worker = await call(core, 'workers.create', {
    firstName: 'Sam',
    lastName: 'Chen',
    email: 'sam@example.org',
    title: 'Associate MFT',
    registrationNumber: 'AMFT 1001',
    startDate: '2026-01-05',
  });
  const assignment = await call(core, 'assignments.create', {
    workerId: worker.id,
    supervisorId: supervisor.id,
    siteId: site.id,
    startDate: '2026-01-05',
  });
  return { site, supervisor, worker, assignment };
}

/**
 * One hour entry for seedPractice's worker, at its site and under its supervisor (`category` as
 * the suites write it, unchecked, so a bad one reaches main's own validation).
 */
export function addSeededHours(
  core: Core,
  ids: Awaited<ReturnType<typeof seedPractice>>,
  date: string,
  category: string,
  minutes: number,
  note?: string,
) {
  return call(core, 'hours.add', {
    workerId: ids.worker.id,
    siteId: ids.site.id,
    supervisorId: ids.supervisor.id,
    date,
    category: category as 'direct_individual',
    minutes,
    ...(note ? { note } : {}),
  });
}

/** seedPractice with one 90-minute entry on Friday 20 Nov 2026: what the backup suites back up. */
export async function seedPracticeWithAnHour(core: Core) {
  const ids = await seedPractice(core);
  await addSeededHours(core, ids, '2026-11-20', 'direct_individual', 90);
  return ids;
}

/**
 * A second worker (Priya) under another supervisor (David) at the same site: what scope and
 * "someone else's record" tests need beside seedPractice's team.
 */
export async function seedSecondTeam(core: Core, siteId: number) {
  const priya = await call(core, 'workers.create', {
    firstName: 'Priya',
    lastName: 'Natarajan',
    email: 'priya@example.org',
    startDate: '2026-03-02',
  });
  const david = await call(core, 'supervisors.create', {
    firstName: 'David',
    lastName: 'Okafor',
    email: 'david@example.org',
    licenseType: 'LCSW',
    licenseNumber: 'LCSW 88210',
    licenseState: 'CA',
    licenseExpires: '2030-01-01',
  });
  await call(core, 'assignments.create', {
    workerId: priya.id,
    supervisorId: david.id,
    siteId,
    startDate: '2026-03-02',
  });
  return { priya, david };
}

/** A worker's record as the owner enters it at the least: a name, an email and a start date. */
export const newWorker = (firstName: string, lastName: string, startDate: string) => ({
  firstName,
  lastName,
  email: `${firstName.toLowerCase()}@example.org`,
  startDate,
});

/** A supervisor outside seedPractice's team (each suite gives the license's expiry). */
export const OTTO = {
  firstName: 'Otto',
  lastName: 'Other',
  email: 'otto@example.org',
  licenseType: 'LCSW',
  licenseNumber: 'LCSW 9',
  licenseState: 'CA',
} as const;

/**
 * A worker (starting on 5 Jan 2026 unless `person` says otherwise) assigned from their first day
 * to a supervisor at a site.
 */
export async function addAssignedWorker(
  core: Core,
  person: Omit<ApiInput<'workers.create'>, 'startDate'> & { startDate?: string },
  to: { supervisorId: number; siteId: number },
) {
  const startDate = person.startDate ?? '2026-01-05';
  const worker = await call(core, 'workers.create', { ...person, startDate });
  await call(core, 'assignments.create', { workerId: worker.id, ...to, startDate });
  return worker;
}

/**
 * A user account linked to a worker's or supervisor's record. The password is
 * `<username> password 1` and the display name the username unless given.
 */
export function createAccount(
  core: Core,
  username: string,
  role: 'worker' | 'supervisor',
  link: { workerId: number } | { supervisorId: number },
  { password = `${username} password 1`, displayName = username } = {},
) {
  return call(core, 'users.create', { username, displayName, role, password, ...link });
}

/** Turns every retention rule off: the practice keeps nothing of a person who leaves. */
export async function keepNothing(core: Core) {
  for (const rule of await call(core, 'privacy.retention.list', {}))
    await call(core, 'privacy.retention.update', {
      id: rule.id,
      label: rule.label,
      description: rule.description,
      years: rule.years,
      active: false,
    });
}

/** Who is signed in now; openTempCore and completeSetup leave the owner signed in. */
export function signedInUser(core: Core): SessionUser {
  const user = core.services.session.user();
  if (!user) throw new Error('expected a signed-in user (openTempCore signs the owner in)');
  return user;
}

/** Switches the session to `who` without a password, as a sign-in as them would. */
export function signInAs(core: Core, who: SessionUser): void {
  core.services.session.signOut();
  core.services.session.signIn(who);
}

/**
 * seedPractice and seedSecondTeam, with accounts for Sam (worker), Maria and David (supervisors)
 * beside the owner's: what role and scope tests need. `priya` and `davidId` are record ids.
 */
export async function seedTeamsWithAccounts(core: Core) {
  const base = await seedPractice(core);
  const second = await seedSecondTeam(core, base.site.id);
  const owner = signedInUser(core);
  const sam = await createAccount(core, 'sam', 'worker', { workerId: base.worker.id });
  const maria = await createAccount(core, 'maria', 'supervisor', {
    supervisorId: base.supervisor.id,
  });
  const david = await createAccount(core, 'david', 'supervisor', {
    supervisorId: second.david.id,
  });
  return { ...base, priya: second.priya.id, davidId: second.david.id, owner, sam, maria, david };
}

/**
 * `count` hour entries of 30 minutes for the seeded worker, ten a day from 2026-01-05 (3,000
 * make a year), written as the CSV import writes them: a record long enough for an export to
 * take many pages.
 */
export async function insertDailyHours(
  core: Core,
  ids: Awaited<ReturnType<typeof seedPractice>>,
  count: number,
  at: string,
): Promise<void> {
  const entries = Array.from({ length: count }, (_, i) => ({
    workerId: ids.worker.id,
    siteId: ids.site.id,
    supervisorId: ids.supervisor.id,
    date: new Date(Date.UTC(2026, 0, 5) + Math.floor(i / 10) * 86_400_000)
      .toISOString()
      .slice(0, 10),
    category: 'direct_individual' as const,
    minutes: 30,
    note: `entry ${i}`,
  }));
  await core.db.transaction((trx) => insertHourEntries(trx, entries, at));
}
