import { disclosureUnlessOwn, workerKey } from '../disclosure.js';
import { defineHandlers } from '../handler-types.js';

export const reportsHandlers = defineHandlers({
  'reports.weeklyLog': (i, { services, user }) =>
    services.reports.weeklyLog(
      i.workerId,
      i.weekStart,
      disclosureUnlessOwn(user, workerKey(i.workerId), i),
    ),
  'reports.experienceSummary': (i, { services, user }) =>
    services.reports.experienceSummary(
      i.workerId,
      i.supervisorId != null && i.siteId != null
        ? { supervisorId: i.supervisorId, siteId: i.siteId }
        : null,
      disclosureUnlessOwn(user, workerKey(i.workerId), i),
    ),
  'reports.cancel': async (i, { services }) => services.longJobs.cancel(i.task),
});
