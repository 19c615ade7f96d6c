import { defineHandlers } from '../handler-types.js';

export const assignmentsHandlers = defineHandlers({
  'assignments.list': async (i, { services, user }) => {
    const all = await services.assignments.list(i.workerId);
    const visible = await services.scope.visibleWorkerIds(user);
    return visible === 'all' ? all : all.filter((a) => visible.includes(a.workerId));
  },
  'assignments.create': (i, { services }) => services.assignments.create(i),
  'assignments.update': ({ id, ...i }, { services }) => services.assignments.update(id, i),
});
