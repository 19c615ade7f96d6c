import { defineHandlers } from '../handler-types.js';

export const authHandlers = defineHandlers({
  'auth.status': (_i, { gate }) => gate.status(),
  'auth.signIn': async (i, { gate }) => {
    await gate.signIn(i.username, i.password);
    return gate.status();
  },
  'auth.recover': async (i, { gate }) => {
    await gate.recover(i.code);
    return gate.status();
  },
  'auth.resetWithRecoveryCode': async (i, { gate }) => {
    await gate.resetOwnerPassword(i);
    return gate.status();
  },
  'auth.unlock': async (i, { gate }) => {
    await gate.unlock(i.password);
    return gate.status();
  },
  'auth.signOut': async (_i, { gate }) => {
    await gate.signOut();
    return gate.status();
  },
});
