import { defineHandlers } from '../handler-types.js';

// A supervisor writes only entries in their own name (main/services/own-name.ts); dispatch has
// already checked the worker is one of their current supervisees.
export const hoursHandlers = defineHandlers({
  'hours.week': (i, { services }) => services.hours.week(i.workerId, i.weekStart),
  'hours.add': async (i, { services, user }) => {
    await services.hours.assertOwnName(user, 'hours.add', { supervisorId: i.supervisorId });
    return services.hours.add(i);
  },
  'hours.update': async ({ id, ...i }, { services, user }) => {
    await services.hours.assertOwnName(user, 'hours.update', {
      entryId: id,
      supervisorId: i.supervisorId,
    });
    return services.hours.update(id, i);
  },
  'hours.delete': async (i, { services, user }) => {
    await services.hours.assertOwnName(user, 'hours.delete', { entryId: i.id });
    return services.hours.remove(i.id);
  },
});
