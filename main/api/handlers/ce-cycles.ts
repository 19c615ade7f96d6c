import { defineHandlers } from '../handler-types.js';

export const ceCyclesHandlers = defineHandlers({
  'ce.cycles.list': async (i, { services, user }) => {
    await services.ce.assertMayAct(user, i, 'ce.cycles.list');
    return services.ce.cycles(i);
  },
  'ce.cycles.save': (i, { services }) => services.ce.saveCycle(i),
  'ce.cycles.delete': ({ id }, { services }) => services.ce.removeCycle(id),
});
