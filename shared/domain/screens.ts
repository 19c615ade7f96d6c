import type { UserRole } from './records.js';

/** Screens main can ask the renderer to show (from the application menu), and the routes. */
export const SCREENS = [
  'dashboard',
  'hours',
  'review',
  'sessions',
  'ce',
  'reports',
  'workers',
  'supervisors',
  'sites',
  'users',
  'audit',
  'verify',
  'packs',
  'backups',
  'database',
  'settings',
  'my-data',
  'privacy',
  'statistics',
  'surveys',
] as const;
export type Screen = (typeof SCREENS)[number];

const EVERYONE: readonly UserRole[] = ['owner', 'supervisor', 'worker'];
const STAFF: readonly UserRole[] = ['owner', 'supervisor'];
const OWNER: readonly UserRole[] = ['owner'];

/**
 * Who may open each screen: the renderer's navigation and main's application menu both read
 * it, so neither offers a screen the other hides. Dispatch refuses the calls behind a screen
 * whatever this says; this keeps the UI honest.
 */
export const SCREEN_ROLES: Record<Screen, readonly UserRole[]> = {
  dashboard: EVERYONE,
  hours: EVERYONE,
  review: STAFF,
  sessions: STAFF,
  ce: EVERYONE,
  reports: EVERYONE,
  workers: STAFF,
  supervisors: OWNER,
  sites: OWNER,
  users: OWNER,
  audit: OWNER,
  verify: OWNER,
  packs: OWNER,
  backups: OWNER,
  database: OWNER,
  settings: OWNER,
  // Workers and supervisors see what is held about them; the owner has no person record.
  'my-data': ['supervisor', 'worker'],
  privacy: OWNER,
  statistics: EVERYONE,
  surveys: EVERYONE,
};

export const mayOpen = (role: UserRole, screen: Screen): boolean =>
  SCREEN_ROLES[screen].includes(role);
