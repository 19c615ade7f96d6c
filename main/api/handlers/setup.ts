import { defineHandlers } from '../handler-types.js';

export const setupHandlers = defineHandlers({
  'setup.prepare': async (_i, { gate }) => gate.prepareSetup(),
  'setup.complete': async (i, { gate }) => {
    await gate.completeSetup(i);
    return gate.status();
  },
  // First run on a new computer (or over a damaged practice): nothing is open yet.
  'setup.previewBackup': (i, { gate }) => gate.previewFirstRunBackup(i.upload, i.recoveryCode),
  'setup.restoreBackup': (i, { gate }) => gate.restoreFirstRunBackup(i.token),
});
