import { defineHandlers } from '../handler-types.js';

export const settingsHandlers = defineHandlers({
  'settings.get': async (_i, { services }) => services.settings.get(),
  'settings.update': async (i, { services }) => services.settings.update(i),
});
