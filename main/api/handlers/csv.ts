import { defineHandlers } from '../handler-types.js';

export const csvHandlers = defineHandlers({
  'csv.exportHours': (i, { services, user }) => services.csvHours.exportHours(user, i),
  'csv.previewImport': (i, { services, user }) => services.csvHours.previewImport(user, i.csv),
  'csv.importHours': (i, { services, user }) => services.csvHours.importHours(user, i.csv),
});
