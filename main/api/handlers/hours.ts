import { defineHandlers } from '../handler-types.js';

export const hourHandlers = defineHandlers({
  'hours.week': (i, { services }) => services.hours.week(i.workerId, i.weekStart),
  'hours.add': (i, { services }) => services.hours.add(i),
  'hours.update': ({ id, ...i }, { services }) => services.hours.update(id, i),
  'hours.delete': (i, { services }) => services.hours.remove(i.id),
});
