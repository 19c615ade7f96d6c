import { defineHandlers } from '../handler-types.js';

export const statsHandlers = defineHandlers({
  'stats.practice': (i, { services }) => services.statistics.practice(i.year ?? null),
  'stats.exportCsv': (i, { services }) => services.statistics.exportCsv(i.year ?? null),
});
