import { AppError } from '../../../shared/errors.js';
import { defineHandlers } from '../handler-types.js';
import type { SessionUser } from '../../services/session.js';

const signedIn = (user: SessionUser | null): SessionUser => {
  // Dispatch lets no signed-out caller through to these; the check keeps the type honest.
  if (!user) throw new AppError('forbidden', 'Sign in first.');
  return user;
};

const disclosure = (i: { recipient: string; purpose: string }) => ({
  recipient: i.recipient,
  purpose: i.purpose,
});

export const reportsHandlers = defineHandlers({
  'reports.weeklyLog': (i, { services }) =>
    services.reports.weeklyLog(i.workerId, i.weekStart, disclosure(i)),
  'reports.experienceSummary': (i, { services }) =>
    services.reports.experienceSummary(
      i.workerId,
      i.supervisorId != null && i.siteId != null
        ? { supervisorId: i.supervisorId, siteId: i.siteId }
        : null,
      disclosure(i),
    ),
  'csv.exportHours': (i, { services, user }) => services.csvHours.exportHours(signedIn(user), i),
  'csv.previewImport': (i, { services, user }) =>
    services.csvHours.previewImport(signedIn(user), i.csv),
  'csv.importHours': (i, { services, user }) =>
    services.csvHours.importHours(signedIn(user), i.csv),
});
