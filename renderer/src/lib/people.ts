import type { Supervisor, Worker } from './domain';

export const fullName = (p: Pick<Worker | Supervisor, 'firstName' | 'lastName'>): string =>
  `${p.firstName} ${p.lastName}`;

/** Sort key: last name first, the way a practice's lists are kept. */
export const sortName = (p: Pick<Worker | Supervisor, 'firstName' | 'lastName'>): string =>
  `${p.lastName} ${p.firstName}`.toLocaleLowerCase();
