import { defineHandlers } from '../handler-types.js';

export const workersHandlers = defineHandlers({
  // Workers see themselves, supervisors their current supervisees, the owner everyone.
  'workers.list': async (_i, { services, user }) => {
    const all = await services.people.workers.list();
    const visible = await services.scope.visibleWorkerIds(user);
    return visible === 'all' ? all : all.filter((w) => visible.includes(w.id));
  },
  'workers.create': (i, { services }) => services.people.workers.create(i),
  'workers.update': ({ id, ...i }, { services }) => services.people.workers.update(id, i),
  'workers.setPack': (i, { services }) => services.packs.setWorkerPack(i.workerId, i.packId),
});
