import { disclosureUnlessOwn, workerKey } from '../disclosure.js';
import { defineHandlers } from '../handler-types.js';

export const csvHandlers = defineHandlers({
  'csv.exportHours': ({ recipient, purpose, ...i }, { services, user }) =>
    services.csvHours.exportHours(user, {
      ...i,
      disclosure: disclosureUnlessOwn(user, workerKey(i.workerId), { recipient, purpose }),
    }),
  'csv.previewImport': (i, { services, user }) => services.csvHours.previewImport(user, i.csv),
  'csv.importHours': (i, { services, user }) => services.csvHours.importHours(user, i.csv),
});
