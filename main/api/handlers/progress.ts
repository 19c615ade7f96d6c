import { defineHandlers } from '../handler-types.js';
import type { HandlerContext } from '../handler-types.js';
import type { SessionUser } from '../../services/session.js';

const visible = ({ services, user }: HandlerContext<SessionUser>) =>
  services.scope.visibleWorkerIds(user);

export const progressHandlers = defineHandlers({
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

  'packs.list': async (_i, ctx) => ctx.services.packs.list(await visible(ctx)),
  'packs.get': async (i, ctx) => ctx.services.packs.get(i.id, await visible(ctx)),
  'packs.create': (i, { services }) => services.packs.create(i.pack, i.basedOn ?? null),
  'packs.update': (i, { services }) => services.packs.update(i.id, i.pack),
  'packs.delete': (i, { services }) => services.packs.remove(i.id),
  'workers.setPack': (i, { services }) => services.packs.setWorkerPack(i.workerId, i.packId),

  'progress.worker': (i, { services }) => services.progress.worker(i.workerId),
  'progress.overview': async (_i, ctx) => ctx.services.progress.overview(await visible(ctx)),
});
