import { defineHandlers } from '../handler-types.js';

export const practiceHandlers = defineHandlers({
  'practice.get': (_i, { services }) => services.practice.get(),
  'practice.update': (i, { services }) => services.practice.update(i.name),
});
