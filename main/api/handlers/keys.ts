import { defineHandlers } from '../handler-types.js';

export const keysHandlers = defineHandlers({
  'keys.prepareRotation': async (_i, { gate }) => gate.prepareRotation(),
  'keys.rotate': (i, { gate }) => gate.rotate(i),
});
