import { defineHandlers } from '../handler-types.js';

export const assignmentHandlers = defineHandlers({
  'assignments.list': (i, { services }) => services.assignments.list(i.workerId),
  'assignments.create': (i, { services }) => services.assignments.create(i),
  'assignments.update': ({ id, ...i }, { services }) => services.assignments.update(id, i),
});
