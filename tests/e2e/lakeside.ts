import type { ApiInput } from '../../shared/api/contract.js';

/**
 * The people and place both e2e practices (seed.ts's few months, seed-practice.ts's year) are
 * built from, as entered through the API (seed-practice.ts's as they are; seed.ts changes a few).
 */
export const DOWNTOWN = {
  name: 'Downtown Clinic',
  address: '12 Main St, Oakland, CA 94607',
  phone: '(510) 555-0142',
} satisfies ApiInput<'sites.create'>;

export const NORTH = {
  name: 'North Berkeley Office',
  address: '1820 Shattuck Ave, Berkeley, CA 94709',
} satisfies ApiInput<'sites.create'>;

export const MARIA = {
  firstName: 'Maria',
  lastName: 'Lopez',
  email: 'maria.lopez@lakeside.example',
  licenseType: 'LMFT',
  licenseNumber: 'LMFT 52341',
  licenseState: 'CA',
  licenseExpires: '2028-06-30',
} satisfies ApiInput<'supervisors.create'>;

/** seed.ts's David has a phone and a license expiring at the end of 2026. */
export const DAVID = {
  firstName: 'David',
  lastName: 'Okafor',
  email: 'd.okafor@lakeside.example',
  licenseType: 'LCSW',
  licenseNumber: 'LCSW 88210',
  licenseState: 'CA',
  licenseExpires: '2027-12-31',
} satisfies ApiInput<'supervisors.create'>;

/** seed.ts's Sam started later, on 5 Jan 2026. */
export const SAM = {
  firstName: 'Sam',
  lastName: 'Chen',
  email: 'sam.chen@lakeside.example',
  title: 'Associate MFT',
  registrationNumber: 'AMFT 130442',
  registrationExpires: '2027-08-31',
  startDate: '2025-11-24',
} satisfies ApiInput<'workers.create'>;

export const PRIYA = {
  firstName: 'Priya',
  lastName: 'Natarajan',
  email: 'priya.n@lakeside.example',
  title: 'Associate CSW',
  registrationNumber: 'ASW 98765',
  registrationExpires: '2027-03-15',
  startDate: '2026-03-02',
} satisfies ApiInput<'workers.create'>;

/** Jordan's title and dates differ between the seeds. */
export const JORDAN = {
  firstName: 'Jordan',
  lastName: 'Avery',
  email: 'jordan.avery@lakeside.example',
} satisfies Partial<ApiInput<'workers.create'>>;
