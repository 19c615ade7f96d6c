import { defineHandlers } from '../handler-types.js';

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
  'reports.cancel': async (i, { services }) => services.longJobs.cancel(i.task),
});
