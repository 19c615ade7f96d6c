import { defineHandlers, visibleWorkers } from '../handler-types.js';

export const progressHandlers = defineHandlers({
  'progress.worker': (i, { services }) => services.progress.worker(i.workerId),
  'progress.overview': async (_i, ctx) => ctx.services.progress.overview(await visibleWorkers(ctx)),
});
