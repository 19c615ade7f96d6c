import type { HourCategory } from './categories.js';
import type { IsoDate } from './dates.js';

/** Shapes returned by the API. Plain data only: they cross the IPC boundary as structured clones. */

export interface Practice {
  id: number;
  name: string;
  createdAt: string;
}

export interface Site {
  id: number;
  name: string;
  address: string | null;
  phone: string | null;
  active: boolean;
}

export const LICENSE_TYPES = [
  'LMFT',
  'LCSW',
  'LPCC',
  'LPC',
  'Psychologist',
  'Psychiatrist',
] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];

export interface Supervisor {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  licenseType: LicenseType;
  licenseNumber: string;
  licenseState: string;
  licenseExpires: IsoDate;
  active: boolean;
}

export interface Worker {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  title: string | null;
  registrationNumber: string | null;
  registrationExpires: IsoDate | null;
  startDate: IsoDate;
  active: boolean;
}

export interface Assignment {
  id: number;
  workerId: number;
  supervisorId: number;
  siteId: number;
  startDate: IsoDate;
  endDate: IsoDate | null;
  agreementSignedOn: IsoDate | null;
}

export interface HourEntry {
  id: number;
  workerId: number;
  date: IsoDate;
  siteId: number;
  supervisorId: number;
  category: HourCategory;
  minutes: number;
  note: string | null;
  status: 'draft';
}

export interface WeekView {
  workerId: number;
  weekStart: IsoDate;
  days: IsoDate[];
  entries: HourEntry[];
  /** Minutes per category; every category present, zero when nothing was logged. */
  totals: Record<HourCategory, number>;
  /** Minutes per day, keyed by date. */
  dayTotals: Record<IsoDate, number>;
  totalMinutes: number;
}
