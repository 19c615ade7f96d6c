import { defineHandlers } from '../handler-types.js';

export const appHandlers = defineHandlers({
  'app.info': async (_i, { services }) => services.info(),
  'practice.get': (_i, { services }) => services.practice.get(),
  'practice.update': (i, { services }) => services.practice.update(i.name),
});
