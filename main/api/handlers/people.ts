import { defineHandlers } from '../handler-types.js';

export const peopleHandlers = defineHandlers({
  'sites.list': (_i, { services }) => services.people.sites.list(),
  'sites.create': (i, { services }) => services.people.sites.create(i),
  'sites.update': ({ id, ...i }, { services }) => services.people.sites.update(id, i),
  'supervisors.list': (_i, { services }) => services.people.supervisors.list(),
  'supervisors.create': (i, { services }) => services.people.supervisors.create(i),
  'supervisors.update': ({ id, ...i }, { services }) => services.people.supervisors.update(id, i),
  // Workers see themselves, supervisors their current supervisees, the owner everyone.
  'workers.list': async (_i, { services, user }) => {
    const all = await services.people.workers.list();
    const visible = user ? await services.scope.visibleWorkerIds(user) : [];
    return visible === 'all' ? all : all.filter((w) => visible.includes(w.id));
  },
  'workers.create': (i, { services }) => services.people.workers.create(i),
  'workers.update': ({ id, ...i }, { services }) => services.people.workers.update(id, i),
});
