import { defineHandlers } from '../handler-types.js';

export const appHandlers = defineHandlers({
  'app.info': async (_i, { services }) => services.info(),
});
