import { defineHandlers } from '../handler-types.js';

export const lockHandlers = defineHandlers({
  'lock.now': async (_i, { gate }) => {
    await gate.lock('manual');
    return gate.status();
  },
  'lock.activity': async (_i, { gate }) => {
    gate.activity();
    return null;
  },
});
