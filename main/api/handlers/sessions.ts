import { defineHandlers } from '../handler-types.js';

export const sessionsHandlers = defineHandlers({
  // A supervisor lists the sessions they ran; the owner anyone's.
  'sessions.list': (i, { services, user }) =>
    services.sessions.list({
      ...i,
      supervisorId: user.role === 'supervisor' ? (user.supervisorId ?? -1) : i.supervisorId,
    }),
  'sessions.create': async (i, { services, user }) => {
    await services.sessions.assertMayRun(user, i.supervisorId, 'sessions.create');
    return services.sessions.create(i);
  },
  'sessions.update': async ({ id, ...i }, { services, user }) => {
    const before = await services.sessions.load(id);
    await services.sessions.assertMayRun(user, before.supervisorId, 'sessions.update');
    await services.sessions.assertMayRun(user, i.supervisorId, 'sessions.update');
    return services.sessions.update(id, i);
  },
  'sessions.delete': async (i, { services, user }) => {
    const before = await services.sessions.load(i.id);
    await services.sessions.assertMayRun(user, before.supervisorId, 'sessions.delete');
    return services.sessions.remove(i.id);
  },
});
