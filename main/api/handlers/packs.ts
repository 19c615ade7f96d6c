import { defineHandlers, visibleWorkers } from '../handler-types.js';

export const packsHandlers = defineHandlers({
  'packs.list': async (_i, ctx) => ctx.services.packs.list(await visibleWorkers(ctx)),
  'packs.get': async (i, ctx) => ctx.services.packs.get(i.id, await visibleWorkers(ctx)),
  'packs.create': (i, { services }) => services.packs.create(i.pack, i.basedOn ?? null),
  'packs.update': (i, { services }) => services.packs.update(i.id, i.pack),
  'packs.delete': (i, { services }) => services.packs.remove(i.id),
});
