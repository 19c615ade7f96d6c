import { defineHandlers } from '../handler-types.js';

export const usersHandlers = defineHandlers({
  'users.list': (_i, { services }) => services.accounts.list(),
  'users.create': (i, { services }) => services.accounts.create(i),
  'users.setDisabled': (i, { services }) => services.accounts.setDisabled(i.id, i.disabled),
  'users.resetPassword': async (i, { services }) => {
    await services.accounts.resetPassword(i.id, i.newPassword);
    return null;
  },
});
